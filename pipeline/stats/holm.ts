// Holm's step-down adjustment of a family of p values, returned in the input order,
// as R p.adjust(p, method = "holm"): cumulative max of (m − i + 1)·p_(i), capped at 1.

import { StatsInputError } from './errors.js';

export function holm(pvalues: readonly number[]): number[] {
  pvalues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new StatsInputError(`pvalues[${i}] is ${p}; p values must lie in [0, 1]`);
  });
  const m = pvalues.length;
  // Stable sort so tied p values keep their input order, as R's order() does.
  const order = pvalues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
