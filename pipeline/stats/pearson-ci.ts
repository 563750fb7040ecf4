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
  // Each pass is a function of its own: V8 optimizes a long loop while it runs, and code
  // after it in the same function (the next loop) then has no type feedback, so the
  // optimized code was thrown away on every call and the loops ran boxing every double.
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

/** Plain sums of x and y, and their compensated sums (moments.ts compensatedSum, step for step) as sum and correction. */
function sums(x: NumericArray, y: NumericArray): Float64Array {
  const n = x.length;
  let sx = x[0];
  let sy = y[0];
  let kx = x[0];
  let ky = y[0];
  let cx = 0;
  let cy = 0;
  for (let i = 1; i < n; i++) {
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
  return Float64Array.of(sx, sy, kx, ky, cx, cy);
}

/** Squared deviations from the plain means (px, py) and from the compensated ones (mx, my), and the cross products of the latter. */
function deviations(x: NumericArray, y: NumericArray, px: number, py: number, mx: number, my: number): Float64Array {
  const n = x.length;
  let plainX = 0;
  let plainY = 0;
  let ssx = 0;
  let ssy = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
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
  return Float64Array.of(plainX, plainY, ssx, ssy, cross);
}
