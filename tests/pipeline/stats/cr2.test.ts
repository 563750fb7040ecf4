// CR2 (Bell–McCaffrey) cluster-robust inference with Satterthwaite df against R's
// clubSandwich (tests/fixtures/stats/scripts/cr2.R): every coefficient's estimate, SE, df, p
// and CI at 1e-6, on balanced, few (3, 4, 6), unbalanced and singleton clusters, an H5-like
// model, and a singleton of leverage 1 (I − H_gg singular). CR1 is checked beside it.

import { describe, expect, it } from 'vitest';
import { identified, olsClusteredColumns, StatsInputError } from '../../../pipeline/stats/index.js';
import type { Fixture } from './fixture-helpers.js';
import { CLOSED_FORM, expectAllClose, expectClose, loadFixture } from './fixture-helpers.js';

type Data = { y: number[]; X: number[][]; clusters: string[]; names: string[] };
type Expected = {
  nClusters: number;
  cr2: { estimate: number[]; se: number[]; statistic: number[]; df: number[]; p: number[]; ciLow: number[]; ciHigh: number[]; vcov: number[][] };
  cr1: { se: number[]; df: number[]; p: number[] };
};
const fx = loadFixture<Fixture<Data, Expected>>('cr2-satterthwaite.json');

function fit(d: Data) {
  const cols = d.X[0].map((_, a) => Float64Array.from(d.X, (row) => row[a]));
  return olsClusteredColumns(Float64Array.from(d.y), cols, d.clusters, d.names);
}

describe('CR2 with Satterthwaite df (clubSandwich)', () => {
  it('records how the fixture was produced', () => {
    expect(fx.produced_by).toMatch(/clubSandwich \d/);
    for (const c of fx.cases) expect(c.produced_by).toMatch(/coef_test\(fit, vcov = 'CR2', cluster = g, test = 'Satterthwaite'\)/);
    expect(fx.cases.map((c) => c.expected.nClusters)).toEqual(expect.arrayContaining([3, 4, 5, 6, 12]));
  });

  for (const c of fx.cases) {
    it(`matches vcovCR / coef_test / conf_int for ${c.name}`, () => {
      const r = fit(c.data);
      const e = c.expected.cr2;
      expect(r.nClusters).toBe(c.expected.nClusters);
      expect(r.cr2.map((row, j) => row?.name ?? c.data.names[j])).toEqual(c.data.names);
      r.cr2.forEach((row, j) => {
        const label = `${c.data.names[j]}`;
        expectClose(r.classical[j].estimate, e.estimate[j], CLOSED_FORM, `${label} estimate`);
        // clubSandwich prints the rounding of a true 0 (SE ~1e-16) for a coefficient that one
        // cluster alone fits; here that coefficient has no inference rather than a p of 1e-35.
        if (e.se[j] < 1e-10 * r.classical[j].se) {
          expect(row, `${label} is fitted by one cluster alone`).toBeNull();
          expect(() => identified(r.cr2, j, label)).toThrow(StatsInputError);
          return;
        }
        const got = identified(r.cr2, j, label);
        expectClose(got.se, e.se[j], CLOSED_FORM, `${label} CR2 se`);
        expectClose(got.statistic, e.statistic[j], CLOSED_FORM, `${label} t`);
        expectClose(got.df, e.df[j], CLOSED_FORM, `${label} Satterthwaite df`);
        expectClose(got.p, e.p[j], CLOSED_FORM, `${label} p`);
        expectClose(got.ciLow, e.ciLow[j], CLOSED_FORM, `${label} ciLow`);
        expectClose(got.ciHigh, e.ciHigh[j], CLOSED_FORM, `${label} ciHigh`);
      });
      const scale = Math.max(...e.vcov.map((row, j) => row[j]));
      e.vcov.forEach((row, a) => expectAllClose(r.vcovCr2[a], row, CLOSED_FORM, `vcov row ${a}`, 1e-12 * scale));
    });

    it(`matches CR1 (Stata factor, t on G − 1 df) for ${c.name}`, () => {
      const r = fit(c.data);
      const e = c.expected.cr1;
      r.clustered.forEach((row, j) => {
        if (row === null) return expect(e.se[j]).toBeLessThan(1e-10 * r.classical[j].se);
        expect(row.df).toBe(e.df[j]);
        expectClose(row.se, e.se[j], CLOSED_FORM, `${c.data.names[j]} CR1 se`);
        expectClose(row.p, e.p[j], CLOSED_FORM, `${c.data.names[j]} CR1 p`);
      });
    });
  }

  it('with 4 organizations (2 against 2), CR2 gives the larger p, as R does: CR1 on G − 1 df is too confident', () => {
    const c = fx.cases.find((x) => x.expected.nClusters === 4)!;
    const r = fit(c.data);
    const j = c.data.names.indexOf('organizing');
    const cr2 = identified(r.cr2, j);
    const cr1 = identified(r.clustered, j);
    expectClose(cr2.p, c.expected.cr2.p[j], CLOSED_FORM, 'CR2 p');
    expectClose(cr1.p, c.expected.cr1.p[j], CLOSED_FORM, 'CR1 p');
    expect(c.expected.cr2.p[j]).toBeGreaterThan(c.expected.cr1.p[j]);
    expect(cr2.p).toBeGreaterThan(cr1.p);
    expect(cr2.df!).toBeLessThan(cr1.df!);
    expect(cr2.ciHigh - cr2.ciLow).toBeGreaterThan(cr1.ciHigh - cr1.ciLow);
  });

  it('is the same whatever the order of rows and the labels of clusters', () => {
    const c = fx.cases.find((x) => x.name.startsWith('unbalanced: cluster sizes'))!;
    const base = fit(c.data);
    const order = c.data.y.map((_, i) => i).reverse();
    const shuffled = fit({
      y: order.map((i) => c.data.y[i]),
      X: order.map((i) => c.data.X[i]),
      clusters: order.map((i) => `other-${c.data.clusters[i]}`),
      names: c.data.names,
    });
    base.cr2.forEach((row, j) => {
      expectClose(shuffled.cr2[j]!.se, row!.se, 1e-9, 'se');
      expectClose(shuffled.cr2[j]!.df, row!.df, 1e-9, 'df');
    });
  });

  it('does not build n_g × n_g matrices: a cluster of 20,000 is as good as R on a small one scaled up', () => {
    // Two copies of the same 5-cluster data stacked with cluster ids kept: each cluster doubles
    // in size and its leverages halve, so the fit must stay finite and well defined.
    const c = fx.cases.find((x) => x.name.startsWith('unbalanced: cluster sizes'))!;
    const reps = 200;
    const y: number[] = [];
    const X: number[][] = [];
    const clusters: string[] = [];
    for (let r = 0; r < reps; r++) {
      y.push(...c.data.y);
      X.push(...c.data.X);
      clusters.push(...c.data.clusters);
    }
    const r = fit({ y, X, clusters, names: c.data.names });
    expect(r.n).toBe(reps * c.data.y.length);
    for (const row of r.cr2) {
      expect(row).not.toBeNull();
      expect(Number.isFinite(row!.se) && row!.se > 0).toBe(true);
      expect(row!.df! > 0 && row!.df! <= r.nClusters).toBe(true);
    }
  });

  it('throws a clear StatsInputError with one cluster or too few observations', () => {
    const X = [Float64Array.of(1, 1, 1, 1), Float64Array.of(0, 1, 2, 4)];
    expect(() => olsClusteredColumns(Float64Array.of(1, 2, 2, 5), X, ['a', 'a', 'a', 'a'])).toThrow(/at least 2 clusters/);
    expect(() => olsClusteredColumns(Float64Array.of(1, 2), X.map((x) => x.subarray(0, 2)), ['a', 'b'])).toThrow(StatsInputError);
  });

  it('refuses no more clusters than coefficients, whatever the row order', () => {
    // 3 clusters, 3 coefficients: the cluster-robust variance has rank ≤ 2, so what it says
    // about any one coefficient is rounding.
    const x1 = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const x2 = [1, 0, 1, 1, 0, 0, 1, 0, 1];
    const y = [2, 3, 1, 5, 4, 6, 8, 7, 9];
    const clusters = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c'];
    for (const order of [[0, 1, 2, 3, 4, 5, 6, 7, 8], [8, 3, 0, 5, 1, 7, 2, 6, 4]]) {
      const X = [Float64Array.from(order, () => 1), Float64Array.from(order, (i) => x1[i]), Float64Array.from(order, (i) => x2[i])];
      expect(() => olsClusteredColumns(Float64Array.from(order, (i) => y[i]), X, order.map((i) => clusters[i]))).toThrow(/more clusters \(3\) than coefficients \(3\)/);
    }
    // One more cluster and the same model is estimable.
    const X4 = [Float64Array.from([...x1, 9, 10], () => 1), Float64Array.from([...x1, 9, 10]), Float64Array.from([...x2, 0, 1])];
    expect(olsClusteredColumns(Float64Array.from([...y, 3, 6]), X4, [...clusters, 'd', 'd']).cr2).toHaveLength(3);
  });
});
