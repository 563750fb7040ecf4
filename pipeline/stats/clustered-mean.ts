// A mean whose observations are clustered (staff within organizations), with a CR2
// (Bell–McCaffrey) interval on Satterthwaite degrees of freedom: the intercept-only OLS fit,
// as R's clubSandwich computes conf_int(lm(y ~ 1), vcov = "CR2", cluster = g,
// test = "Satterthwaite"). With few organizations the interval is wide, as it should be: a
// t interval on n − 1 df would treat a group's respondents as independent draws.
//
// With X a column of 1s everything in cr2.ts has a closed form, so this takes one pass for
// each cluster's count n_g and residual sum s_g (the report's group means run over millions
// of values): with h_g = n_g / n, H_gg = (h_g / n_g)·J and A_g = (I − H_gg)^(−1/2) scales the
// sum of residuals by (1 − h_g)^(−1/2), so V = Σ s_g² / (1 − h_g) / n²; in the Satterthwaite
// approximation P_gg = n_g / n² and P_gh = −v_g v_h / n with v_g² = n_g² / (n²(1 − h_g)), so
// df = n⁻² / (Σ n_g² / n⁴ + ((Σ w_g)² − Σ w_g²) / n⁶), w_g = n_g² / (1 − h_g).

import type { ClusterId } from './cluster-robust.js';
import { tCritical } from './distributions.js';
import { StatsInputError } from './errors.js';
import { assertFiniteArray, assertLevel, type NumericArray } from './validate.js';

export type ClusteredMeanCI = { n: number; nClusters: number; mean: number; se: number; df: number; ciLow: number; ciHigh: number };

export function clusteredMeanCI(y: NumericArray, clusters: ArrayLike<ClusterId>, level = 0.95): ClusteredMeanCI {
  assertFiniteArray(y, 'y', 2);
  assertLevel(level);
  const n = y.length;
  if (clusters.length !== n) throw new StatsInputError(`y has ${n} values but clusters has ${clusters.length}`);
  const { count, sum, total } = clusterSums(y, clusters);
  const G = count.length;
  if (G < 2) throw new StatsInputError(`a cluster-robust interval needs at least 2 organizations (got ${G})`);
  const mean = total / n;
  let v = 0;
  let ownSq = 0;
  let wSum = 0;
  let wSq = 0;
  for (let g = 0; g < G; g++) {
    const rest = 1 - count[g] / n;
    const s = sum[g] - count[g] * mean;
    v += (s * s) / rest;
    ownSq += count[g] * count[g];
    const w = (count[g] * count[g]) / rest;
    wSum += w;
    wSq += w * w;
  }
  const variance = v / (n * n);
  if (!(variance > 0)) throw new StatsInputError(`all ${n} values equal ${mean}: zero variance gives a zero-width interval that overstates certainty`);
  const se = Math.sqrt(variance);
  // Scaled by n⁴ throughout so the sums stay near 1 rather than near n⁻⁴.
  const df = (n * n) / (ownSq + (wSum * wSum - wSq) / (n * n));
  const crit = tCritical(df, level);
  return { n, nClusters: G, mean, se, df, ciLow: mean - crit * se, ciHigh: mean + crit * se };
}

/**
 * Per cluster (numbered in first-seen order) the count and the sum of its values, each sum
 * adding its values in observation order, and the total likewise. The pipeline's
 * organization indices take a lookup table, other ids a Map. Each pass over the
 * observations is a function of its own: V8 optimizes a long loop while it runs, and a
 * later loop in the same function then has no type feedback, which threw the optimized
 * code away on every call.
 */
function clusterSums(y: NumericArray, clusters: ArrayLike<ClusterId>): { count: Float64Array; sum: Float64Array; total: number } {
  if (clusters instanceof Int32Array) {
    const { table, G } = tableOf(clusters);
    const count = new Float64Array(G);
    const sum = new Float64Array(G);
    return { count, sum, total: addByTable(y, clusters, table, count, sum) };
  }
  const { slotOf, G } = slotsByMap(clusters);
  const count = new Float64Array(G);
  const sum = new Float64Array(G);
  return { count, sum, total: addBySlot(y, slotOf, count, sum) };
}

/** Non-negative integer ids: `table[id]` is the id's cluster (no slot array per observation). */
function tableOf(clusters: Int32Array): { table: Int32Array; G: number } {
  const table = new Int32Array(maxOf(clusters) + 1).fill(-1);
  let G = 0;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    if (c < 0) throw new StatsInputError(`cluster ids must not be negative (got ${c})`);
    if (table[c] < 0) table[c] = G++;
  }
  return { table, G };
}

function maxOf(x: Int32Array): number {
  let max = -1;
  for (let i = 0; i < x.length; i++) if (x[i] > max) max = x[i];
  return max;
}

/** Any ids, through a Map: `slotOf[i]` is observation i's cluster. */
function slotsByMap(clusters: ArrayLike<ClusterId>): { slotOf: Int32Array; G: number } {
  const index = new Map<ClusterId, number>();
  const n = clusters.length;
  const slotOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = index.get(clusters[i]);
    if (s === undefined) index.set(clusters[i], (s = index.size));
    slotOf[i] = s;
  }
  return { slotOf, G: index.size };
}

/** Adds each value to its cluster's count and sum (cluster `table[clusters[i]]`); returns the total. */
function addByTable(y: NumericArray, clusters: Int32Array, table: Int32Array, count: Float64Array, sum: Float64Array): number {
  let total = 0;
  for (let i = 0; i < clusters.length; i++) {
    const g = table[clusters[i]];
    count[g] += 1;
    sum[g] += y[i];
    total += y[i];
  }
  return total;
}

/** The same with each observation's cluster given (`slotOf[i]`). */
function addBySlot(y: NumericArray, slotOf: Int32Array, count: Float64Array, sum: Float64Array): number {
  let total = 0;
  for (let i = 0; i < slotOf.length; i++) {
    const g = slotOf[i];
    count[g] += 1;
    sum[g] += y[i];
    total += y[i];
  }
  return total;
}
