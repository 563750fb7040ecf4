// olsClustered and logisticClustered against statsmodels (cluster-robust CR1), and
// poissonRegression / rateRatio against R glm(family = poisson) and poisson.test.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  StatsInputError,
  logisticClustered,
  olsClustered,
  olsClusteredColumns,
  poissonRegression,
  rateRatio,
} from '../../../pipeline/stats/index.js';
import type { Coefficient } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, ITERATIVE, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type CoefBlock = {
  names: string[];
  estimate: number[];
  se: number[];
  statistic: number[];
  p: number[];
  ciLow: number[];
  ciHigh: number[];
  dfInference: number | null;
};

/** A cluster-robust table in which every coefficient has an inference (no null rows). */
function complete(table: readonly (Coefficient | null)[]): Coefficient[] {
  expect(table.every((c) => c !== null), 'every coefficient identified').toBe(true);
  return table as Coefficient[];
}

function compareTable(table: readonly (Coefficient | null)[], expected: CoefBlock, rel: number, label: string): void {
  const actual = complete(table);
  expect(actual.map((c) => c.name)).toEqual(expected.names);
  for (const key of ['estimate', 'se', 'statistic', 'p', 'ciLow', 'ciHigh'] as const) {
    expectAllClose(
      actual.map((c) => c[key]),
      expected[key],
      rel,
      `${label} ${key}`,
    );
  }
}

describe('olsClustered', () => {
  type Data = { y: number[]; X: number[][]; clusters: (string | number)[]; names: string[] };
  type Expected = { classical: CoefBlock; clustered: CoefBlock; nClusters: number; residualDf: number };
  const fx = loadFixture<Fixture<Data, Expected>>('ols-clustered.json');
  for (const c of fx.cases) {
    it(`matches statsmodels OLS cluster CR1 (use_t, G-1 df) for ${c.name}`, () => {
      const r = olsClustered(c.data.y, c.data.X, c.data.clusters, c.data.names);
      expect(r.nClusters).toBe(c.expected.nClusters);
      expect(r.residualDf).toBe(c.expected.residualDf);
      compareTable(r.classical, c.expected.classical, CLOSED_FORM, 'classical');
      compareTable(r.clustered, c.expected.clustered, CLOSED_FORM, 'clustered');
      expect(complete(r.clustered)[0].df).toBe(c.expected.clustered.dfInference);
    });
    it(`olsClusteredColumns (design as Float64Array columns) matches statsmodels and the row form exactly for ${c.name}`, () => {
      const cols = c.data.X[0].map((_, a) => Float64Array.from(c.data.X, (row) => row[a]));
      const r = olsClusteredColumns(Float64Array.from(c.data.y), cols, c.data.clusters, c.data.names);
      compareTable(r.classical, c.expected.classical, CLOSED_FORM, 'classical');
      compareTable(r.clustered, c.expected.clustered, CLOSED_FORM, 'clustered');
      expect(r).toEqual(olsClustered(c.data.y, c.data.X, c.data.clusters, c.data.names));
    });
  }
  type SandwichExpected = { estimate: number[]; se: number[]; p: number[]; ciLow: number[]; ciHigh: number[] };
  const sandwich = loadFixture<Fixture<{ source: string; index: number }, SandwichExpected>>('ols-clustered-sandwich.json');
  for (const s of sandwich.cases) {
    it(`matches R sandwich::vcovCL(type = "HC1") for ${s.name}`, () => {
      const d = fx.cases[s.data.index].data;
      const r = olsClustered(d.y, d.X, d.clusters, d.names);
      for (const key of ['estimate', 'se', 'p', 'ciLow', 'ciHigh'] as const) {
        expectAllClose(complete(r.clustered).map((c) => c[key]), s.expected[key], CLOSED_FORM, `sandwich ${key}`);
      }
    });
  }
  const X = [[1, 0], [1, 1], [1, 0], [1, 1], [1, 2]];
  it('throws for a singular design, one cluster, or too few rows', () => {
    expect(() => olsClustered([1, 2, 3, 4, 5], X.map((r) => [...r, 2 * r[1]]), [1, 1, 2, 2, 3])).toThrow(/singular/);
    expect(() => olsClustered([1, 2, 3, 4, 6], X, [1, 1, 1, 1, 1])).toThrow(/at least 2 clusters/);
    expect(() => olsClustered([1, 2], X.slice(0, 2), [1, 2])).toThrow(StatsInputError);
  });
  it('is invariant to the order of rows and the labels of clusters (property)', () => {
    const d = fx.cases[0].data;
    const n = d.y.length;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: n, maxLength: n }), (keys) => {
        const order = keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((o) => o.i);
        const r = olsClustered(order.map((i) => d.y[i]), order.map((i) => d.X[i]), order.map((i) => `org-${d.clusters[i]}`));
        const base = olsClustered(d.y, d.X, d.clusters);
        const baseCr1 = complete(base.clustered);
        complete(r.clustered).forEach((c, j) => {
          expect(c.estimate).toBeCloseTo(baseCr1[j].estimate, 9);
          expect(c.se).toBeCloseTo(baseCr1[j].se, 9);
        });
        const baseCr2 = complete(base.cr2);
        complete(r.cr2).forEach((c, j) => {
          expect(c.se).toBeCloseTo(baseCr2[j].se, 9);
          expect(c.df).toBeCloseTo(baseCr2[j].df!, 9);
        });
      }),
      { numRuns: 25 },
    );
  });
  it('does not mutate its inputs', () => {
    const y = [1, 2, 3, 4, 6];
    const copy = X.map((r) => [...r]);
    olsClustered(y, X, ['a', 'a', 'b', 'b', 'c']);
    expect(X).toEqual(copy);
    expect(y).toEqual([1, 2, 3, 4, 6]);
  });
});

describe('logisticClustered', () => {
  type Data = { y: number[]; X: number[][]; clusters: number[]; names: string[] };
  type Expected = { clusteredZ: CoefBlock; clusteredT: CoefBlock; modelBased: CoefBlock; nClusters: number; deviance: number };
  const fx = loadFixture<Fixture<Data, Expected>>('logistic-clustered.json');
  for (const c of fx.cases) {
    it(`matches statsmodels Logit cluster (z and t) for ${c.name}`, () => {
      const z = logisticClustered(c.data.y, c.data.X, c.data.clusters, c.data.names);
      compareTable(z.clustered, c.expected.clusteredZ, ITERATIVE, 'cluster z');
      compareTable(z.modelBased, c.expected.modelBased, ITERATIVE, 'model-based');
      expectClose(z.deviance, c.expected.deviance, ITERATIVE, 'deviance');
      const t = logisticClustered(c.data.y, c.data.X, c.data.clusters, c.data.names, { reference: 't' });
      compareTable(t.clustered, c.expected.clusteredT, ITERATIVE, 'cluster t');
      expect(t.clustered[0].df).toBe(c.expected.clusteredT.dfInference);
    });
  }
  it('throws under complete separation or a constant outcome', () => {
    const X = [0, 1, 2, 3, 4, 5, 6, 7].map((v) => [1, v]);
    expect(() => logisticClustered([0, 0, 0, 0, 1, 1, 1, 1], X, [1, 2, 3, 4, 1, 2, 3, 4])).toThrow(StatsInputError);
    expect(() => logisticClustered([1, 1, 1, 1, 1, 1, 1, 1], X, [1, 2, 3, 4, 1, 2, 3, 4])).toThrow(/every outcome/);
  });
});

describe('poissonRegression', () => {
  type Data = { y: number[]; exposure: number[]; X: number[][]; names: string[] };
  type Expected = { estimate: number[]; se: number[]; z: number[]; p: number[]; ciLow: number[]; ciHigh: number[]; deviance: number; residualDf: number };
  const fx = loadFixture<Fixture<Data, Expected>>('poisson-regression.json');
  for (const c of fx.cases) {
    it(`matches R glm(family = poisson) with offset for ${c.name}`, () => {
      const r = poissonRegression(c.data.y, c.data.exposure, c.data.X, c.data.names);
      const col = <K extends keyof Coefficient>(k: K) => r.coefficients.map((x) => x[k]);
      expectAllClose(col('estimate') as number[], c.expected.estimate, ITERATIVE, 'estimate');
      expectAllClose(col('se') as number[], c.expected.se, ITERATIVE, 'se');
      expectAllClose(col('statistic') as number[], c.expected.z, ITERATIVE, 'z');
      expectAllClose(col('p') as number[], c.expected.p, ITERATIVE, 'p');
      expectAllClose(col('ciLow') as number[], c.expected.ciLow, ITERATIVE, 'ciLow');
      expectAllClose(col('ciHigh') as number[], c.expected.ciHigh, ITERATIVE, 'ciHigh');
      expectClose(r.deviance, c.expected.deviance, ITERATIVE, 'deviance');
      expect(r.residualDf).toBe(c.expected.residualDf);
      expectAllClose(r.coefficients.map((x) => x.rateRatio), c.expected.estimate.map(Math.exp), ITERATIVE, 'rate ratio');
    });
  }
  it('throws for a group with no events (diverging coefficient) and bad exposures', () => {
    const X = [[1, 0], [1, 0], [1, 1], [1, 1]];
    expect(() => poissonRegression([3, 4, 0, 0], [1, 1, 1, 1], X)).toThrow(StatsInputError);
    expect(() => poissonRegression([3, 4, 1, 2], [1, 0, 1, 1], X)).toThrow(/exposure/);
  });
});

describe('rateRatio', () => {
  type Data = { events1: number; exposure1: number; events0: number; exposure0: number };
  const fx = loadFixture<Fixture<Data, Record<string, number>>>('rate-ratio.json');
  for (const c of fx.cases) {
    it(`matches R poisson.test and the Wald formula for ${c.name}`, () => {
      const d = c.data;
      const r = rateRatio(d.events1, d.exposure1, d.events0, d.exposure0);
      const e = c.expected;
      expectClose(r.rateRatio, e.rateRatio, CLOSED_FORM, 'rate ratio');
      expectClose(r.exact.p, e.exactP, CLOSED_FORM, 'exact p');
      expectClose(r.exact.ciLow, e.exactCiLow, CLOSED_FORM, 'exact ciLow');
      expectClose(r.exact.ciHigh, e.exactCiHigh, CLOSED_FORM, 'exact ciHigh');
      expectClose(r.wald.logSe, e.waldLogSe, CLOSED_FORM, 'wald se');
      expectClose(r.wald.p, e.waldP, CLOSED_FORM, 'wald p');
      expectClose(r.wald.ciLow, e.waldCiLow, CLOSED_FORM, 'wald ciLow');
      expectClose(r.wald.ciHigh, e.waldCiHigh, CLOSED_FORM, 'wald ciHigh');
    });
  }
  it('agrees with the two-group Poisson GLM (Wald)', () => {
    const c = fx.cases[1].data;
    const glm = poissonRegression([c.events0, c.events1], [c.exposure0, c.exposure1], [[1, 0], [1, 1]], ['const', 'group1']);
    const rr = rateRatio(c.events1, c.exposure1, c.events0, c.exposure0);
    const b = glm.coefficients[1];
    expectClose(b.rateRatio, rr.rateRatio, ITERATIVE, 'rate ratio');
    expectClose(b.se, rr.wald.logSe, ITERATIVE, 'log-scale se');
    expectClose(b.rateRatioCiLow, rr.wald.ciLow, ITERATIVE, 'ci low');
    expectClose(b.rateRatioCiHigh, rr.wald.ciHigh, ITERATIVE, 'ci high');
    expectClose(b.p, rr.wald.p, ITERATIVE, 'p');
  });
  it('throws when a group has no events', () => {
    expect(() => rateRatio(0, 10, 4, 12)).toThrow(/no events/);
  });
});
