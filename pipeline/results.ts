// The shape of results.json: the one contract between the pipeline (which writes it) and
// the reports and exports (which read it). Everything computed from staff answers that a
// report may show is here, already through disclosure control: a value resting on fewer
// than k respondents is null with `suppressed: true`. Reports never go back to the data.
//
// Field names are snake_case because analysts read this file too. Add fields freely;
// never rename or remove one without updating reports/ and the exports.

/**
 * Why a value has none: the disclosure rule that withheld it (as in `disclosure.suppressed`),
 * or `not_estimable` when the data could not give one. `reason` is words for a reader and
 * never quotes a count under k.
 */
export interface Withheld {
  rule: 'primary' | 'complementary' | 'differencing' | 'k-anonymity' | 'not_estimable';
  reason: string;
}

/** One estimate. DESIGN.md fixes the first twelve fields for every estimate. */
export interface Estimate {
  id: string;
  label: string;
  /** Who the estimate is about, in words (e.g. "organizers of color"). */
  population: string;
  /** Null whenever the value was withheld for privacy (a withheld cell has no value and no n). */
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
  /** Set when privacy withheld the value (`suppressed` is then true); absent or null otherwise. */
  withheld?: Withheld | null;
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
  /** Null when the group was withheld: its size would be a count under k, or would give one back. */
  n: number | null;
  n_orgs: number | null;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  withheld?: Withheld | null;
}

export type OrientationType = 'organizing' | 'mobilizing' | 'integrated' | 'low';

/**
 * A Kaplan–Meier curve: step points (time in years, survival and 95% band). Times are
 * pooled so that every step has 0 or at least k events and 0 or at least k people leaving
 * the risk set, and the curve stops before fewer than k remain at risk; `n` and `events`
 * are null when under k (or when the hidden tail would give a count under k back).
 */
export interface SurvivalCurve {
  group: string;
  n: number | null;
  events: number | null;
  suppressed: boolean;
  withheld?: Withheld | null;
  points: { time: number; survival: number; ci_low: number | null; ci_high: number | null; at_risk: number }[];
}

/** The cells of an answer table: a band, or `no_answer` for those of the organization's respondents who skipped the item. */
export type AnswerCell = 'disagree' | 'neutral' | 'agree' | 'no_answer';

/**
 * An answer table as released: the cells add up to `total`, the organization's respondents
 * (the "N of your staff answered" figure). A cell of 1..k−1 is null, and so is a partner, so
 * the withheld cells together hold 0 or at least k people; a table where everyone shares one
 * cell is coarsened the same way (that cell and a neighbour are null).
 */
export interface AnswerTable {
  total: number;
  cells: Record<AnswerCell, number | null>;
  /** Why cells are null; null when every cell is shown. */
  withheld: Withheld | null;
  /** Set when fewer than k skipped the question: they are counted in `neutral`, and `no_answer` is null. */
  no_answer_in?: 'neutral';
}

export interface OrganizationSummary {
  /** Pseudonymous code: never the real name. */
  code: string;
  /** Null when the organization is not reportable: 1..k−1 respondents is itself a count under k. */
  respondents: number | null;
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
  /**
   * Bridge questions br_1..br_3: mean, the distribution of answers 1–5 (null unless every
   * cell, and the number who skipped, is 0 or at least k and the answers are not all alike),
   * and the released answer table (null when not reportable).
   */
  bridge: Record<string, { mean: number | null; counts: number[] | null; table?: AnswerTable | null }>;
  /** Separation rates from the profile (not from staff answers), by staff group. */
  separation_rates: Record<string, { separations: number; mean_headcount: number; rate: number | null }>;
  /** The organization's self-assessment from its profile. */
  self_assessment: { organizing_score: number | null; mobilizing_score: number | null; bridge: Record<string, number | null> } | null;
  suppressed: string[];
  /**
   * The organization's own change since its previous published wave, on the same measures;
   * null when there is none (see `trend_note`). The pipeline always writes both fields;
   * they are optional only so results.json files written before trends still read.
   */
  trend?: OrganizationTrend | null;
  /** Why there is no change figure (not in the previous wave, under k in one of them, …); null when `trend` is set or there is no earlier wave. */
  trend_note?: string | null;
  /**
   * Standard error of each published scale mean (null where the mean is null), so a later
   * wave can give the organization's change an interval from published numbers alone.
   */
  scale_se?: Record<string, number | null>;
}

/** An organization's change since its previous published wave. */
export interface OrganizationTrend {
  previous_wave_id: string;
  previous_wave_name: string;
  measures: { id: string; label: string; previous: number | null; current: number | null; change: TrendChange }[];
}

/** One wave's value of a measure (as published in that wave's release). */
export interface TrendPoint {
  wave_id: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number | null;
  n_orgs: number | null;
  withheld?: Withheld | null;
}

/** Change from the previous compared wave to this one: this minus previous (ratio for rate ratios). */
export interface TrendChange {
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p: number | null;
  method: string;
  /** 'higher'/'lower' only when the CI excludes zero (1 for ratios); 'about the same' otherwise; null when withheld. */
  verdict: 'higher' | 'lower' | 'about the same' | null;
  withheld?: Withheld | null;
  /** Degrees of freedom of the interval; absent when it is normal. */
  df?: number | null;
}

export interface TrendSeries {
  /** An estimate id ('H1.sat_diff') or 'scale.<scale id>' for study-wide scale means. */
  id: string;
  label: string;
  kind: 'confirmatory' | 'scale';
  /** One per compared wave, oldest first, the current wave last. */
  points: TrendPoint[];
  /** Previous compared wave -> current wave, all organizations. */
  change: TrendChange | null;
  /** The same among organizations reportable in both waves. */
  change_continuing: TrendChange | null;
  /** Why this measure is not compared (e.g. its wording or scale changed); null when it is. */
  not_compared: string | null;
  /** Why `change_continuing` is null when `change` is not (e.g. a model needs both waves' respondents). */
  continuing_note?: string | null;
}

export interface TrendWave {
  wave_id: string;
  name: string;
  opens_on: string | null;
  k: number;
  /** The published release the wave's values come from; null for the current (unpublished) run. */
  release_id: string | null;
  instrument_versions: string[];
  organizations_reportable: number | null;
  /** Organizations reportable both in this wave and in the previous compared one; null for the oldest. */
  continuing_organizations: number | null;
}

export interface Trends {
  waves: TrendWave[];
  series: TrendSeries[];
  /** Earlier waves not compared, each with the reason (no published release, another k, another study…). */
  left_out: { wave_id: string; name: string; reason: string }[];
}

/** Per-item fingerprints of wording and response scale, so a later wave can tell whether an item changed. */
export interface CodebookVersions {
  /** Item id -> short hash of its wording (every language) and its response scale. */
  item_versions: Record<string, string>;
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
    /** Null when 1..k−1, or when the organizations under k together have 1..k−1 (the total would give it back). */
    respondents: number | null;
    /** Respondents of the organizations whose count is shown (0 or at least k each); null when 1..k−1. */
    respondents_reportable?: number | null;
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
  /**
   * The study's earlier published waves compared with this one; null when the study has no
   * earlier published wave. Always written by the pipeline; optional only for older files.
   */
  trends?: Trends | null;
  /**
   * Study-wide scale means with 95% CIs clustered by organization (ids `scale.<scale id>`),
   * over the respondents of the organizations whose own mean of that scale is published.
   */
  scale_means?: Estimate[];
  /** The instrument as this run used it (per-item fingerprints); optional only for older files. */
  codebook?: CodebookVersions;
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
