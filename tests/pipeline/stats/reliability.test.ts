// cronbachAlpha against psych::alpha (raw_alpha, Feldt bounds); ICC(1)/ICC(2) against
// multilevel::ICC1/ICC2 and Bliese's adjusted-k formula; rwg(j) against multilevel::rwg.j.

import { describe, expect, it } from 'vitest';
import {
  StatsInputError,
  cronbachAlpha,
  cronbachAlphaColumns,
  cronbachAlphaItems,
  iccOneWay,
  iccOneWayGrouped,
  meanRwgJ,
  meanRwgJColumns,
  rwgJ,
  rwgJColumns,
} from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type Items = (number | null)[][];

describe('cronbachAlpha', () => {
  type Expected = { alpha: number; n: number; nItems: number; ciLow: number; ciHigh: number };
  const fx = loadFixture<Fixture<{ items: Items }, Expected>>('cronbach-alpha.json');
  for (const c of fx.cases) {
    it(`matches psych::alpha raw_alpha and Feldt CI for ${c.name}`, () => {
      const r = cronbachAlpha(c.data.items);
      expectClose(r.alpha, c.expected.alpha, CLOSED_FORM, 'alpha');
      expect(r.n).toBe(c.expected.n);
      expect(r.nItems).toBe(c.expected.nItems);
      expectClose(r.ciLow, c.expected.ciLow, CLOSED_FORM, 'ciLow');
      expectClose(r.ciHigh, c.expected.ciHigh, CLOSED_FORM, 'ciHigh');
    });
    it(`cronbachAlphaColumns (item columns, NaN missing) matches psych::alpha for ${c.name}`, () => {
      const cols = c.data.items[0].map((_, j) => Float64Array.from(c.data.items, (row) => row[j] ?? NaN));
      const r = cronbachAlphaColumns(cols);
      expectClose(r.alpha, c.expected.alpha, CLOSED_FORM, 'alpha');
      expect(r.n).toBe(c.expected.n);
      expectClose(r.ciLow, c.expected.ciLow, CLOSED_FORM, 'ciLow');
      expectClose(r.ciHigh, c.expected.ciHigh, CLOSED_FORM, 'ciHigh');
    });
  }
  // Every fixture's answers are whole numbers 1–255, as the extract's answer columns hold them.
  for (const c of fx.cases) {
    it(`cronbachAlphaItems (whole-number answer columns, 0 unanswered, complete rows) matches psych::alpha for ${c.name}`, () => {
      expect(c.data.items.flat().every((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 255))).toBe(true);
      const cols = c.data.items[0].map((_, j) => Uint8Array.from(c.data.items, (row) => row[j] ?? 0));
      const complete = Int32Array.from(c.data.items.flatMap((row, i) => (row.every((v) => v !== null) ? [i] : [])));
      const r = cronbachAlphaItems(cols, cols.map(() => 0), complete);
      expectClose(r.alpha, c.expected.alpha, CLOSED_FORM, 'alpha');
      expect(r.n).toBe(c.expected.n);
      expectClose(r.ciLow, c.expected.ciLow, CLOSED_FORM, 'ciLow');
      expectClose(r.ciHigh, c.expected.ciHigh, CLOSED_FORM, 'ciHigh');
    });
  }
  it('cronbachAlphaItems gives the bits cronbachAlphaColumns gives for the recoded complete columns', () => {
    // Five-point items, one reverse-coded, about 5% unanswered: only complete respondents are passed.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = 20_000;
    const cols = [0, 1, 2, 3].map(() => Uint8Array.from({ length: rows }, () => (next() < 0.05 ? 0 : 1 + Math.floor(next() * 5))));
    const flips = [0, 6, 0, 0];
    const complete = Int32Array.from({ length: rows }, (_, i) => i).filter((i) => cols.every((c) => c[i] !== 0));
    const recoded = cols.map((c, j) => Float64Array.from(complete, (i) => (flips[j] ? flips[j] - c[i] : c[i])));
    const fromItems = cronbachAlphaItems(cols, flips, complete);
    const fromColumns = cronbachAlphaColumns(recoded);
    expect(fromItems).toEqual(fromColumns);
    expect(Object.is(fromItems.alpha, fromColumns.alpha)).toBe(true);
    expect(fromItems.n).toBe(complete.length);
  });
  it('cronbachAlphaItems throws as cronbachAlphaColumns does', () => {
    const one = [Uint8Array.of(1, 2, 3)];
    expect(() => cronbachAlphaItems(one, [0], Int32Array.of(0, 1, 2))).toThrow(/at least 2 items/);
    const two = [Uint8Array.of(1, 2, 3), Uint8Array.of(3, 2, 1)];
    expect(() => cronbachAlphaItems(two, [0, 0], Int32Array.of(0, 1))).toThrow(/complete/);
    expect(() => cronbachAlphaItems(two, [0, 0], Int32Array.of(0, 1, 2))).toThrow(/zero variance/);
    expect(() => cronbachAlphaItems(two, [0], Int32Array.of(0, 1, 2))).toThrow(StatsInputError);
  });
  it('throws for one item, too few complete rows, or constant totals', () => {
    expect(() => cronbachAlpha([[1], [2], [3]])).toThrow(StatsInputError);
    expect(() => cronbachAlpha([[1, 2], [null, 3], [2, 2]])).toThrow(/complete/);
    expect(() => cronbachAlpha([[1, 3], [2, 2], [3, 1]])).toThrow(/zero variance/);
  });
});

type IccCase = {
  name: string;
  data: { values: number[]; groups: string[] };
  expected: { icc1Adjusted: number; icc1Mean: number; icc2: number; msBetween: number; msWithin: number; groupSizeAdjusted: number };
};
type RwgCase = {
  name: string;
  data: { items: Items; groups: string[]; options: number };
  expected: { groupIds: string[]; rwgJ: number[]; meanRwgJ: number };
};
const fx = loadFixture<{ cases: { icc: IccCase[]; rwg: RwgCase[] } }>('icc-rwg.json');

describe('iccOneWay', () => {
  for (const c of fx.cases.icc) {
    it(`matches multilevel ICC1/ICC2 and the adjusted-k ICC(1) for ${c.name}`, () => {
      const adj = iccOneWay(c.data.values, c.data.groups);
      expectClose(adj.icc1, c.expected.icc1Adjusted, CLOSED_FORM, 'icc1 (adjusted k)');
      expectClose(adj.icc2, c.expected.icc2, CLOSED_FORM, 'icc2');
      expectClose(adj.msBetween, c.expected.msBetween, CLOSED_FORM, 'MSB');
      expectClose(adj.msWithin, c.expected.msWithin, CLOSED_FORM, 'MSW');
      expectClose(adj.groupSize, c.expected.groupSizeAdjusted, CLOSED_FORM, 'k');
      const mean = iccOneWay(c.data.values, c.data.groups, { groupSize: 'mean' });
      expectClose(mean.icc1, c.expected.icc1Mean, CLOSED_FORM, 'icc1 (mean size, multilevel::ICC1)');
    });
    it(`iccOneWayGrouped (values stored group by group) matches multilevel for ${c.name}`, () => {
      const ids = [...new Set(c.data.groups)];
      const values: number[] = [];
      const offsets = [0];
      for (const id of ids) {
        c.data.values.forEach((v, i) => c.data.groups[i] === id && values.push(v));
        offsets.push(values.length);
      }
      const r = iccOneWayGrouped(Float64Array.from(values), offsets);
      expectClose(r.icc1, c.expected.icc1Adjusted, CLOSED_FORM, 'icc1 (adjusted k)');
      expectClose(r.icc2, c.expected.icc2, CLOSED_FORM, 'icc2');
      expectClose(r.msBetween, c.expected.msBetween, CLOSED_FORM, 'MSB');
      expectClose(r.msWithin, c.expected.msWithin, CLOSED_FORM, 'MSW');
      expectClose(iccOneWayGrouped(values, offsets, { groupSize: 'mean' }).icc1, c.expected.icc1Mean, CLOSED_FORM, 'icc1 (mean size)');
    });
  }
  it('throws for one group or equal group means', () => {
    expect(() => iccOneWay([1, 2, 3], ['a', 'a', 'a'])).toThrow(/at least 2 groups/);
    expect(() => iccOneWay([1, 3, 1, 3], ['a', 'a', 'b', 'b'])).toThrow(StatsInputError);
  });
});

describe('rwgJ / meanRwgJ', () => {
  for (const c of fx.cases.rwg) {
    it(`matches multilevel::rwg.j for ${c.name}`, () => {
      const groups = c.expected.groupIds.map((id) => c.data.items.filter((_, i) => c.data.groups[i] === id));
      const each = groups.map((g) => rwgJ(g, c.data.options));
      expectAllClose(each, c.expected.rwgJ, CLOSED_FORM, 'rwg(j)');
      expectClose(meanRwgJ(groups, c.data.options).mean, c.expected.meanRwgJ, CLOSED_FORM, 'mean rwg(j)');
    });
    it(`rwgJColumns / meanRwgJColumns (item columns, NaN missing) match multilevel::rwg.j for ${c.name}`, () => {
      const groups = c.expected.groupIds.map((id) => {
        const rows = c.data.items.filter((_, i) => c.data.groups[i] === id);
        return rows[0].map((_, j) => Float64Array.from(rows, (r) => r[j] ?? NaN));
      });
      expectAllClose(groups.map((g) => rwgJColumns(g, c.data.options)), c.expected.rwgJ, CLOSED_FORM, 'rwg(j)');
      expectClose(meanRwgJColumns(groups, c.data.options).mean, c.expected.meanRwgJ, CLOSED_FORM, 'mean rwg(j)');
    });
  }
  it('is 1 under perfect agreement and 0 when variance exceeds the uniform null', () => {
    expect(rwgJ([[3, 4], [3, 4], [3, 4]], 5)).toBe(1);
    expect(rwgJ([[1, 5], [5, 1], [1, 5], [5, 1]], 5)).toBe(0);
  });
  it('skips groups with fewer than 2 complete respondents, and throws if none remain', () => {
    const r = meanRwgJ([[[3, 4]], [[3, 4], [4, 4]]], 5);
    expect(r.perGroup[0]).toBeNull();
    expect(r.nGroupsUsed).toBe(1);
    expect(() => meanRwgJ([[[3, 4]], [[1, null], [2, 2]]], 5)).toThrow(StatsInputError);
    expect(() => rwgJ([[1, 2], [2, 3]], 1)).toThrow(/response options/);
  });
});
