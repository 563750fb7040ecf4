// Organization-level classification: orientation type from staff means (thresholds are
// configuration, compared inclusively with a tolerance so an index of exactly +0.5 computed
// in floating point is organizing-focused) and POC-led from the profile's leadership.
import type { OrientationType } from './results.js';

export interface Thresholds {
  /** Index at or above this is organizing-focused. */
  organizing: number;
  /** Index at or below this is mobilizing-focused. */
  mobilizing: number;
  /** Between the two, both means at or above this is integrated; otherwise low-intensity. */
  integrated_mean: number;
  /** Absolute slack for floating-point error in the inclusive comparisons. */
  tolerance: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { organizing: 0.5, mobilizing: -0.5, integrated_mean: 3.5, tolerance: 1e-9 };

export function orientationType(organizingMean: number, mobilizingMean: number, t: Thresholds = DEFAULT_THRESHOLDS): OrientationType {
  const index = organizingMean - mobilizingMean;
  if (index >= t.organizing - t.tolerance) return 'organizing';
  if (index <= t.mobilizing + t.tolerance) return 'mobilizing';
  const high = (m: number) => m >= t.integrated_mean - t.tolerance;
  return high(organizingMean) && high(mobilizingMean) ? 'integrated' : 'low';
}

/**
 * POC-led: the executive director is a person of color, or at least half of senior leaders
 * are. Unknown (null) when neither condition can be settled from what the profile says.
 */
export function pocLed(profile: { ed_poc: number | null; senior_total: number | null; senior_poc: number | null }): boolean | null {
  if (profile.ed_poc === 1) return true;
  const total = profile.senior_total;
  const poc = profile.senior_poc;
  const seniorsKnown = total !== null && poc !== null && total >= 0 && poc >= 0 && poc <= total;
  // Integer comparison (2·poc ≥ total) so "half" needs no rounding; no senior leaders cannot make half.
  const seniorsHalf = seniorsKnown ? total > 0 && 2 * poc >= total : null;
  if (seniorsHalf === true) return true;
  if (profile.ed_poc === 0 && seniorsHalf === false) return false;
  return null;
}

export function validateThresholds(t: Thresholds): string | null {
  const values = [t.organizing, t.mobilizing, t.integrated_mean, t.tolerance];
  if (!values.every(Number.isFinite)) return 'every threshold must be a finite number';
  if (t.mobilizing >= t.organizing) return `the mobilizing threshold (${t.mobilizing}) must be below the organizing threshold (${t.organizing})`;
  if (t.tolerance < 0 || t.tolerance > 0.01) return `the tolerance (${t.tolerance}) must be between 0 and 0.01`;
  return null;
}
