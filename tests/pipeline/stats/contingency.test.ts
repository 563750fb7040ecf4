// chiSquareIndependence against R chisq.test(correct = FALSE) and fisherExact against
// R fisher.test, on the help-page tables and small r×2 / r×c tables.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsInputError, chiSquareIndependence, fisherExact } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type TableData = { table: number[][] };

describe('chiSquareIndependence', () => {
  type Expected = { statistic: number; df: number; p: number; expected: number[][]; anyExpectedBelow5: boolean };
  const fx = loadFixture<Fixture<TableData, Expected>>('chi-square.json');
  for (const c of fx.cases) {
    it(`matches R chisq.test(correct = FALSE) for ${c.name}`, () => {
      const r = chiSquareIndependence(c.data.table);
      expectClose(r.statistic, c.expected.statistic, CLOSED_FORM, 'statistic');
      expect(r.df).toBe(c.expected.df);
      expectClose(r.p, c.expected.p, CLOSED_FORM, 'p');
      expectAllClose(r.expected.flat(), c.expected.expected.flat(), CLOSED_FORM, 'expected');
      expect(r.anyExpectedBelow5).toBe(c.expected.anyExpectedBelow5);
    });
  }
  it('throws for an empty row or a 1-column table', () => {
    expect(() => chiSquareIndependence([[1, 2], [0, 0]])).toThrow(/empty row/);
    expect(() => chiSquareIndependence([[1], [2]])).toThrow(StatsInputError);
    expect(() => chiSquareIndependence([[1, 2.5], [3, 4]])).toThrow(/integer/);
  });
});

describe('fisherExact', () => {
  const fx = loadFixture<Fixture<TableData, { p: number }>>('fisher-exact.json');
  for (const c of fx.cases) {
    it(`matches R fisher.test for ${c.name}`, () => {
      expectClose(fisherExact(c.data.table).p, c.expected.p, CLOSED_FORM, 'p');
    });
  }
  it('refuses tables too large to enumerate', () => {
    const big = [
      [20, 25, 30, 15, 10],
      [15, 20, 25, 30, 20],
      [25, 15, 20, 10, 30],
      [10, 30, 15, 25, 20],
    ];
    expect(() => fisherExact(big, { maxTables: 10_000 })).toThrow(/too large/);
  });
  it('gives p in (0, 1] and probabilities that sum to 1 over all tables (property)', () => {
    const cell = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 2, maxLength: 4 }), (rows) => {
        const table = rows.map(([a, b]) => [a, b]);
        try {
          const r = fisherExact(table);
          expect(r.p).toBeGreaterThan(0);
          expect(r.p).toBeLessThanOrEqual(1);
          expect(r.p).toBeGreaterThanOrEqual(r.observedProbability * (1 - 1e-9));
        } catch (e) {
          expect(e).toBeInstanceOf(StatsInputError);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('is invariant to transposing and permuting rows (property)', () => {
    const cell = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 2, maxLength: 3 }), (rows) => {
        const table = rows.map((r) => [...r]);
        const p = fisherExact(table).p;
        const transposed = [0, 1, 2].map((j) => table.map((r) => r[j]));
        expect(fisherExact(transposed).p).toBeCloseTo(p, 10);
        expect(fisherExact([...table].reverse()).p).toBeCloseTo(p, 10);
      }),
      { numRuns: 50 },
    );
  });
});
