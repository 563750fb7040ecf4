// The t / normal / chi-square helpers against R's pt, qt, pnorm, qnorm and pchisq, and the
// shape of StatsInputError that the pipeline relies on when it catches it.

import { describe, expect, it } from 'vitest';
import {
  StatsInputError,
  chiSquareUpperP,
  normalCritical,
  normalTwoSidedP,
  tCritical,
  tTwoSidedP,
} from '../../../pipeline/stats/index.js';
import { CLOSED_FORM, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type Case = { name: string; data: Record<string, number[]>; expected: Record<string, number[] | number> };
const fx = loadFixture<{ cases: Case[] }>('distributions.json');
const byName = (name: string): Case => {
  const c = fx.cases.find((x) => x.name === name);
  if (!c) throw new Error(`fixture case ${name} missing from distributions.json`);
  return c;
};

describe('distribution helpers', () => {
  it('tTwoSidedP matches 2 * pt(-|t|, df)', () => {
    const c = byName('t two-sided p');
    expectAllClose(c.data.t.map((t, i) => tTwoSidedP(t, c.data.df[i])), c.expected.p as number[], CLOSED_FORM, 'p');
  });
  it('tCritical matches qt', () => {
    const c = byName('t critical');
    expectAllClose(c.data.df.map((df, i) => tCritical(df, c.data.level[i])), c.expected.crit as number[], CLOSED_FORM, 'crit');
  });
  it('normal helpers match pnorm / qnorm', () => {
    const c = byName('normal two-sided p and critical');
    expectAllClose(c.data.z.map(normalTwoSidedP), c.expected.p as number[], CLOSED_FORM, 'p');
    expectClose(normalCritical(), c.expected.crit95 as number, CLOSED_FORM, 'qnorm(0.975)');
  });
  it('chiSquareUpperP matches pchisq(lower.tail = FALSE)', () => {
    const c = byName('chi-square upper tail');
    expectAllClose(c.data.x.map((x, i) => chiSquareUpperP(x, c.data.df[i])), c.expected.p as number[], CLOSED_FORM, 'p');
  });
  it('rejects non-positive degrees of freedom with StatsInputError', () => {
    expect(() => tTwoSidedP(1, 0)).toThrow(StatsInputError);
    expect(() => tCritical(Number.NaN)).toThrow(/degrees of freedom/);
  });
  it('StatsInputError is an Error with its own name and keeps the cause', () => {
    const cause = new Error('inner');
    const e = new StatsInputError('too few observations', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('StatsInputError');
    expect(e.cause).toBe(cause);
  });
});
