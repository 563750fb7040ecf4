// holm against R p.adjust(method = "holm"), with property tests: adjusted p values are
// >= the raw ones, <= 1, and preserve the ordering of the raw p values.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatsInputError, holm } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectAllClose, loadFixture } from './fixture-helpers.js';

describe('holm', () => {
  const fx = loadFixture<Fixture<{ p: number[] }, { adjusted: number[] }>>('holm.json');
  for (const c of fx.cases) {
    it(`matches R p.adjust(method = "holm") for ${c.name}`, () => {
      expectAllClose(holm(c.data.p), c.expected.adjusted, CLOSED_FORM, 'adjusted');
    });
  }
  it('returns an empty array for no tests and rejects invalid p values', () => {
    expect(holm([])).toEqual([]);
    expect(() => holm([0.2, Number.NaN])).toThrow(StatsInputError);
    expect(() => holm([1.2])).toThrow(/\[0, 1\]/);
  });
  it('is >= raw, <= 1 and monotone in the raw p values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        const copy = [...p];
        const adj = holm(p);
        expect(p).toEqual(copy);
        adj.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(p[i]);
          expect(a).toBeLessThanOrEqual(1);
          p.forEach((q, j) => {
            if (p[i] < q) expect(a).toBeLessThanOrEqual(adj[j]);
          });
        });
      }),
    );
  });
});
