// The shape of results.json: the one contract between the pipeline (which writes it) and
// the reports and exports (which read it). Everything computed from staff answers that a
// report may show is here, already through disclosure control: a value resting on fewer
// than k respondents is null with `suppressed: true`. Reports never go back to the data.
//
// Field names are snake_case because analysts read this file too. Add fields freely;
// never rename or remove one without updating reports/ and the exports.

/** One estimate. DESIGN.md fixes the first twelve fields for every estimate. */
export interface Estimate {
  id: string;
  label: string;
  /** Who the estimate is about, in words (e.g. "organizers of color"). */
  population: string;
  n: number | null;
  n_orgs: number | null;
  estimate: number | null;
  /** 95% interval. */
  ci_low: number | null;
  ci_high: number | null;
  p: number | null;
  /** How it was computed, precisely enough for a methods section. */
  method: string;
  confirmatory: boolean;
  /** True when a group under k (or complementary suppression) withheld the value. */
  suppressed: boolean;
  /** Holm-adjusted p for exploratory tests (null when there is no test). */
  p_holm?: number | null;
  /** Why a value is missing: suppressed, or not estimable (too few groups, no variance...). */
  note?: string | null;
  /** What the estimate is on: 'difference', 'ratio', 'coefficient', 'correlation', 'mean', 'proportion'... */
  scale?: string;
  /** Companion statistics (group means, Welch, Hedges' g, exact CI, variants), each itself disclosure-checked. */
  details?: Record<string, number | string | boolean | null | Estimate | GroupSummary[]>;
}

/** A group's summary, e.g. satisfaction of organizers of color in organizing-focused organizations. */
export interface GroupSummary {
  group: string;
  n: number | null;
  n_orgs: number | null;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
}

export type OrientationType = 'organizing' | 'mobilizing' | 'integrated' | 'low';

/** A Kaplan–Meier curve: step points (time in years, survival and 95% band). */
export interface SurvivalCurve {
  group: string;
  n: number | null;
  events: number | null;
  suppressed: boolean;
  points: { time: number; survival: number; ci_low: number | null; ci_high: number | null; at_risk: number }[];
}

export interface OrganizationSummary {
  /** Pseudonymous code: never the real name. */
  code: string;
  respondents: number;
  /** False when respondents < k: no organization report, and every staff-derived value below is null. */
  reportable: boolean;
  has_profile: boolean;
  poc_led: boolean | null;
  orientation_index: number | null;
  organizing_score: number | null;
  mobilizing_score: number | null;
  orientation_type: OrientationType | null;
  /** Percentile of the orientation index among reportable organizations (0–100). */
  orientation_percentile: number | null;
  response_rate: number | null;
  /** Mean scale scores of the organization's staff, keyed by scale score name. */
  scales: Record<string, number | null>;
  /** Bridge questions br_1..br_3: mean and the distribution of answers 1–5 (null when suppressed). */
  bridge: Record<string, { mean: number | null; counts: number[] | null }>;
  /** Separation rates from the profile (not from staff answers), by staff group. */
  separation_rates: Record<string, { separations: number; mean_headcount: number; rate: number | null }>;
  /** The organization's self-assessment from its profile. */
  self_assessment: { organizing_score: number | null; mobilizing_score: number | null; bridge: Record<string, number | null> } | null;
  suppressed: string[];
}

export interface Omission {
  /** What was left out (an organization code, a scale, a group). */
  what: string;
  why: string;
  /** How many; null when the count is 1..k−1 (a count of so few people is not released). */
  count: number | null;
}

export interface Results {
  /** Deterministic: the same data give the same block. */
  study: {
    study_name: string;
    wave_id: string;
    wave_name: string;
    k: number;
    thresholds: { organizing: number; mobilizing: number; integrated_mean: number; tolerance: number };
    instrument_versions: string[];
  };
  participation: {
    respondents: number;
    organizations: number;
    organizations_reportable: number;
    organizations_with_profile: number;
    overall_response_rate: number | null;
    /** Per organization: pseudonymous code, respondents, headcount, response rate. */
    by_organization: { code: string; respondents: number | null; headcount: number | null; response_rate: number | null; suppressed: boolean }[];
  };
  /** Missing-data counts; each is null when it is 1..k−1 (a count of so few people is not released). */
  missing: {
    /** Respondents without a race answer (declined or blank): left out of race comparisons. */
    race_missing: number | null;
    race_declined: number | null;
    /** Respondents without a score, per scale (fewer than two thirds of its items answered). */
    scale_missing: Record<string, number | null>;
    /** "Prefer not to say" answers per demographic question. */
    prefer_not?: { gender: number | null; age_band: number | null };
    /** Answers outside an item's response range (e.g. from an import), treated as unanswered. */
    answers_out_of_range?: number | null;
  };
  measurement: Estimate[];
  confirmatory: Estimate[];
  exploratory: Estimate[];
  /** Chart-ready series (already disclosure-checked). */
  series: {
    orientation_map: { code: string; organizing_score: number; mobilizing_score: number; poc_led: boolean | null; orientation_type: OrientationType }[];
    outcome_by_type_race: { outcome: string; groups: GroupSummary[] }[];
    separation_rates: GroupSummary[];
    survival: SurvivalCurve[];
    roots: Estimate[];
  };
  organizations: OrganizationSummary[];
  omissions: Omission[];
  disclosure: {
    k: number;
    suppressed_estimates: number;
    /** Each suppression with its reason and the rule that withheld it. */
    suppressed: { id: string; reason: string; rule: 'primary' | 'complementary' | 'differencing' | 'k-anonymity'; against?: string }[];
    /** Organizations whose rows the respondent export leaves out: their count differs from an earlier release's by 1..k−1. */
    export_withheld?: { org_code: string; reason: string }[];
  };
  /** Run metadata: the only block that may differ between two runs on the same data. */
  run: {
    rootwork_version: string;
    data_fingerprint: string;
    k: number;
    instrument_versions: string[];
    generated_on: string;
    duration_ms: number;
    /** True when the wave's responses include generated ones (the synthetic-study generator): every report says so. */
    synthetic?: boolean;
    /** Ids of the earlier releases (the ledger) this run was checked against. */
    checked_against?: string[];
  };
}
