// The results.json trends contract as the trend views read it. The trends part of #21 owns
// these types in pipeline/results.ts; this file mirrors them until both meet, so the views
// compile on their own. Names follow the contract exactly.
import type { OrganizationSummary, Results, Withheld } from '../pipeline/results.js';

/** One wave's value of a measure (as published in that wave's release). */
export interface TrendPoint { wave_id: string; estimate: number | null; ci_low: number | null; ci_high: number | null; n: number | null; n_orgs: number | null; withheld?: Withheld | null }
/** Change from the previous compared wave to this one: this minus previous (ratio for rate ratios). */
export interface TrendChange { estimate: number | null; ci_low: number | null; ci_high: number | null; p: number | null; method: string; verdict: 'higher' | 'lower' | 'about the same' | null; withheld?: Withheld | null }
export interface TrendSeries {
  id: string;
  label: string;
  kind: 'confirmatory' | 'scale';
  points: TrendPoint[];
  change: TrendChange | null;
  change_continuing: TrendChange | null;
  not_compared: string | null;
}
export interface TrendWave { wave_id: string; name: string; opens_on: string | null; k: number; release_id: string | null; instrument_versions: string[]; organizations_reportable: number | null; continuing_organizations: number | null }
export interface Trends { waves: TrendWave[]; series: TrendSeries[]; left_out: { wave_id: string; name: string; reason: string }[] }
export interface OrganizationTrend {
  previous_wave_id: string;
  previous_wave_name: string;
  measures: { id: string; label: string; previous: number | null; current: number | null; change: TrendChange }[];
}

/** Results as the trend views read them: `trends` is absent in results written before trends existed. */
export type ResultsWithTrends = Results & { trends?: Trends | null };
export type OrganizationWithTrend = OrganizationSummary & { trend?: OrganizationTrend | null; trend_note?: string | null };
