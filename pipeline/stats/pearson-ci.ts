// Pearson correlation with a Fisher-z confidence interval and a t test on n − 2 df,
// as R cor.test(x, y) (method "pearson", two-sided).

import { normalCritical, tTwoSidedP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { assertFiniteArray, assertLevel, assertSameLength, type NumericArray } from './validate.js';

export type PearsonCI = { r: number; n: number; t: number; df: number; p: number; ciLow: number; ciHigh: number };

/** x and y may be Float64Array columns: they are read in place, never copied. */
export function pearsonCI(x: NumericArray, y: NumericArray, level = 0.95): PearsonCI {
  assertSameLength(x, y, 'x and y');
  // n >= 4: the Fisher-z standard error is 1/sqrt(n − 3).
  assertFiniteArray(x, 'x', 4);
  assertFiniteArray(y, 'y', 4);
  assertLevel(level);
  const n = x.length;
  // Two passes over both columns where the definitions take seven. The zero-variance check
  // uses plain means, the correlation simple-statistics' sampleCorrelation (compensated
  // means): each sum runs in index order, so the bits are those of the separate loops.
  // Each pass is a function of its own, run a block at a time (BLOCK): V8 optimizes a long
  // loop while it runs, and code after it in the same function then has no type feedback,
  // so the optimized code was thrown away on every call and the loops ran boxing every double.
  const s = sums(x, y);
  const m = deviations(x, y, s[0] / n, s[1] / n, (s[2] + s[4]) / n, (s[3] + s[5]) / n);
  const plainX = m[0];
  const plainY = m[1];
  const ssx = m[2];
  const ssy = m[3];
  const cross = m[4];
  if (!(plainX > 0) || !(plainY > 0)) {
    throw new StatsInputError('a variable is constant (zero variance), so the correlation is undefined');
  }
  const r = cross / (n - 1) / Math.sqrt(ssx / (n - 1)) / Math.sqrt(ssy / (n - 1));
  if (Math.abs(r) >= 1) {
    throw new StatsInputError(`the correlation is exactly ${r}: the points lie on a line, so the t statistic and Fisher z are infinite`);
  }
  const df = n - 2;
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const z = Math.atanh(r);
  const half = normalCritical(level) / Math.sqrt(n - 3);
  return { r, n, t, df, p: tTwoSidedP(t, df), ciLow: Math.tanh(z - half), ciHigh: Math.tanh(z + half) };
}

/**
 * Values per call of the block functions: a long loop runs unoptimized until V8 has compiled
 * it, boxing every double meanwhile (the first call over a million values allocated over a
 * hundred megabytes); blocks bound that to one block, and later blocks run optimized code.
 */
const BLOCK = 8192;

/** Plain sums of x and y, and their compensated sums (moments.ts compensatedSum, step for step) as sum and correction. */
function sums(x: NumericArray, y: NumericArray): Float64Array {
  // [sx, sy, kx, ky, cx, cy]: carried from block to block, so every sum runs in index order.
  const state = Float64Array.of(x[0], y[0], x[0], y[0], 0, 0);
  for (let from = 1; from < x.length; from += BLOCK) sumsBlock(x, y, from, Math.min(x.length, from + BLOCK), state);
  return state;
}

function sumsBlock(x: NumericArray, y: NumericArray, from: number, to: number, state: Float64Array): void {
  let sx = state[0];
  let sy = state[1];
  let kx = state[2];
  let ky = state[3];
  let cx = state[4];
  let cy = state[5];
  for (let i = from; i < to; i++) {
    const xi = x[i];
    const yi = y[i];
    sx += xi;
    sy += yi;
    const tx = kx + xi;
    if (Math.abs(kx) >= Math.abs(xi)) cx += kx - tx + xi;
    else cx += xi - tx + kx;
    kx = tx;
    const ty = ky + yi;
    if (Math.abs(ky) >= Math.abs(yi)) cy += ky - ty + yi;
    else cy += yi - ty + ky;
    ky = ty;
  }
  state[0] = sx;
  state[1] = sy;
  state[2] = kx;
  state[3] = ky;
  state[4] = cx;
  state[5] = cy;
}

/** Squared deviations from the plain means (px, py) and from the compensated ones (mx, my), and the cross products of the latter. */
function deviations(x: NumericArray, y: NumericArray, px: number, py: number, mx: number, my: number): Float64Array {
  // [plainX, plainY, ssx, ssy, cross], carried from block to block.
  const state = new Float64Array(5);
  for (let from = 0; from < x.length; from += BLOCK) deviationsBlock(x, y, px, py, mx, my, from, Math.min(x.length, from + BLOCK), state);
  return state;
}

function deviationsBlock(x: NumericArray, y: NumericArray, px: number, py: number, mx: number, my: number, from: number, to: number, state: Float64Array): void {
  let plainX = state[0];
  let plainY = state[1];
  let ssx = state[2];
  let ssy = state[3];
  let cross = state[4];
  for (let i = from; i < to; i++) {
    const xi = x[i];
    const yi = y[i];
    plainX += (xi - px) ** 2;
    plainY += (yi - py) ** 2;
    const dx = xi - mx;
    const dy = yi - my;
    ssx += dx * dx;
    ssy += dy * dy;
    cross += dx * dy;
  }
  state[0] = plainX;
  state[1] = plainY;
  state[2] = ssx;
  state[3] = ssy;
  state[4] = cross;
}
