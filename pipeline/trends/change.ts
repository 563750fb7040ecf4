// The change of a measure between two waves. Waves are independent cross-sections of
// anonymous respondents (no one is followed), so a change is the difference of two
// independent estimates: SE = √(se₁² + se₂²), on Welch–Satterthwaite degrees of freedom
// from each wave's own df when both have one (the CR2 Satterthwaite df of a clustered
// estimate, the Welch df of H4), on the normal otherwise; rate ratios on the log scale.
// Pure: numbers in, numbers out.
import { normalCritical, normalTwoSidedP, tCritical, tTwoSidedP } from '../stats/distributions.js';
import type { Estimate, TrendChange, Withheld } from '../results.js';

/** One wave's estimate on the scale its change is taken on (log for ratios). */
export interface Side {
  value: number;
  se: number;
  /** Null: the estimate's interval is normal (Wald). */
  df: number | null;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** True for estimates whose change is a ratio (taken on the log scale). */
export function isRatio(e: Pick<Estimate, 'scale' | 'id'>): boolean {
  return (e.scale ?? '').includes('ratio') || e.id.includes('ratio');
}

/**
 * An estimate's point, SE and df on its change scale, from what its release published:
 * the SE in details when there is one (se_cr2, wald_log_se), else back from the 95% CI on
 * its df (or the normal). Null when it has no value or no interval.
 */
export function sideOf(e: Estimate): Side | null {
  if (!finite(e.estimate) || !finite(e.ci_low) || !finite(e.ci_high)) return null;
  const d = e.details ?? {};
  const df = finite(d.df) && d.df > 0 ? d.df : null;
  if (isRatio(e)) {
    if (!(e.estimate > 0 && e.ci_low > 0 && e.ci_high > 0)) return null;
    const se = finite(d.wald_log_se) ? d.wald_log_se : (Math.log(e.ci_high) - Math.log(e.ci_low)) / (2 * normalCritical());
    return se > 0 ? { value: Math.log(e.estimate), se, df: null } : null;
  }
  const se = finite(d.se_cr2) ? d.se_cr2 : (e.ci_high - e.ci_low) / (2 * (df === null ? normalCritical() : tCritical(df)));
  return se > 0 ? { value: e.estimate, se, df } : null;
}

/** Welch–Satterthwaite df of a sum of two independent variances; null when either side has none. */
export function welchDf(a: Side, b: Side): number | null {
  if (a.df === null || b.df === null) return null;
  const va = a.se * a.se;
  const vb = b.se * b.se;
  return ((va + vb) * (va + vb)) / ((va * va) / a.df + (vb * vb) / b.df);
}

export function verdictOf(low: number, high: number, nothing: number): TrendChange['verdict'] {
  if (low > nothing) return 'higher';
  if (high < nothing) return 'lower';
  return 'about the same';
}

/** `now` minus `before` (their ratio when `ratio`), with its 95% CI, p and verdict. */
export function independentChange(before: Side, now: Side, ratio: boolean, method: string): TrendChange {
  const diff = now.value - before.value;
  const se = Math.sqrt(before.se * before.se + now.se * now.se);
  const df = welchDf(before, now);
  const crit = df === null ? normalCritical() : tCritical(df);
  const stat = diff / se;
  const p = df === null ? normalTwoSidedP(stat) : tTwoSidedP(stat, df);
  const lo = diff - crit * se;
  const hi = diff + crit * se;
  const back = ratio ? Math.exp : (x: number) => x;
  return {
    estimate: back(diff),
    ci_low: back(lo),
    ci_high: back(hi),
    p,
    method: `${method}; ${df === null ? 'normal interval' : `t on Welch–Satterthwaite df = ${df.toFixed(1)}`}`,
    // On the log scale "no change" is 0, so the verdict reads the same for ratios.
    verdict: verdictOf(lo, hi, 0),
    ...(df === null ? {} : { df }),
  } as TrendChange;
}

/** A change with no value: privacy withheld a side, or one could not be estimated. */
export function noChange(method: string, withheld: Withheld): TrendChange {
  return { estimate: null, ci_low: null, ci_high: null, p: null, method, verdict: null, withheld };
}

/** Mean of paired differences (organizations observed in both waves, each weighted equally), t on G − 1 df. */
export function pairedChange(diffs: readonly number[], method: string): TrendChange | null {
  const g = diffs.length;
  if (g < 2) return null;
  const mean = diffs.reduce((a, b) => a + b, 0) / g;
  const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (g - 1));
  if (!(sd > 0)) return null;
  const se = sd / Math.sqrt(g);
  const crit = tCritical(g - 1);
  const lo = mean - crit * se;
  const hi = mean + crit * se;
  return { estimate: mean, ci_low: lo, ci_high: hi, p: tTwoSidedP(mean / se, g - 1), method: `${method}; t on ${g - 1} df`, verdict: verdictOf(lo, hi, 0) };
}
