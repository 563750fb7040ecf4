// kaplanMeier against R survival::survfit (conf.type "log") and logRankTest against
// survival::survdiff, including aggregated tenure-band tables with counts.

import { describe, expect, it } from 'vitest';
import { StatsInputError, kaplanMeier, kaplanMeierFromRecords, logRankTest, survivalAt } from '../../../pipeline/stats/index.js';
import type { KmConfType, SurvivalRow } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type KmExpected = {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  surv: number[];
  seLogSurv: (number | null)[];
  ciLow: (number | null)[];
  ciHigh: (number | null)[];
};

describe('kaplanMeier', () => {
  const fx = loadFixture<Fixture<{ rows: SurvivalRow[]; conf: KmConfType }, KmExpected>>('kaplan-meier.json');
  for (const c of fx.cases) {
    it(`matches survival::survfit for ${c.name}`, () => {
      const km = kaplanMeier(c.data.rows, { conf: c.data.conf });
      const col = <K extends keyof (typeof km.points)[number]>(k: K) => km.points.map((p) => p[k]);
      expect(col('time')).toEqual(c.expected.time);
      expect(col('nRisk')).toEqual(c.expected.nRisk);
      expect(col('nEvent')).toEqual(c.expected.nEvent);
      expect(col('nCensor')).toEqual(c.expected.nCensor);
      expectAllClose(col('surv'), c.expected.surv, CLOSED_FORM, 'surv');
      expectAllClose(col('seLogSurv'), c.expected.seLogSurv, CLOSED_FORM, 'se(log S)');
      expectAllClose(col('ciLow'), c.expected.ciLow, CLOSED_FORM, 'lower');
      expectAllClose(col('ciHigh'), c.expected.ciHigh, CLOSED_FORM, 'upper');
    });
  }
  it('gives the same curve from per-person records with counts as from aggregated rows', () => {
    const rows = fx.cases[3].data.rows;
    const times = rows.flatMap((r) => [r.time, r.time]);
    const status = rows.flatMap(() => [1, 0]);
    const counts = rows.flatMap((r) => [r.events, r.censored]);
    const a = kaplanMeierFromRecords(times, status, counts);
    expect(a.points.map((p) => p.surv)).toEqual(kaplanMeier(rows).points.map((p) => p.surv));
    expect(survivalAt(a, 2.5)).toBe(a.points[2].surv);
    expect(survivalAt(a, 0.1)).toBe(1);
  });
  it('throws when there are no observations', () => {
    expect(() => kaplanMeier([{ time: 1, events: 0, censored: 0 }])).toThrow(StatsInputError);
    expect(() => kaplanMeier([{ time: 1, events: -1, censored: 0 }])).toThrow(/non-negative/);
  });
});

describe('logRankTest', () => {
  type Expected = { observed: number[]; expected: number[]; statistic: number; df: number; p: number };
  const fx = loadFixture<Fixture<{ groups: SurvivalRow[][]; labels: string[] }, Expected>>('log-rank.json');
  for (const c of fx.cases) {
    it(`matches survival::survdiff for ${c.name}`, () => {
      const r = logRankTest(c.data.groups);
      expect(r.observed).toEqual(c.expected.observed);
      expectAllClose(r.expected, c.expected.expected, CLOSED_FORM, 'expected');
      expectClose(r.statistic, c.expected.statistic, CLOSED_FORM, 'chi-square');
      expect(r.df).toBe(c.expected.df);
      expectClose(r.p, c.expected.p, CLOSED_FORM, 'p');
    });
  }
  it('does not depend on group order', () => {
    const g = fx.cases[2].data.groups;
    const a = logRankTest(g);
    const b = logRankTest([...g].reverse());
    expectClose(b.statistic, a.statistic, 1e-10, 'chi-square');
  });
  it('throws for one group or no events', () => {
    expect(() => logRankTest([[{ time: 1, events: 1, censored: 0 }]])).toThrow(/at least 2 groups/);
    expect(() => logRankTest([[{ time: 1, events: 0, censored: 2 }], [{ time: 2, events: 0, censored: 1 }]])).toThrow(/no events/);
  });
});
