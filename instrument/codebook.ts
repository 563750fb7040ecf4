// The core codebook as data: every staff-survey variable stored in `responses`, its type,
// allowed values, scale membership and reverse coding. The survey instrument adds wording
// and translations on top of this; the pipeline and the exports read scales from here.
// Variable names are a promise to analysts: never rename one.

export type VariableType =
  | { kind: 'category'; values: readonly string[] }
  | { kind: 'likert'; min: number; max: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'flag' }
  | { kind: 'text'; maxLength: number };

/**
 * What a variable is to disclosure control (DESIGN.md, privacy model):
 * - `quasi-identifier`: a trait someone who knows the staff could know (role, tenure, full or
 *   part time, race, gender, age); respondent exports are k-anonymous over every one of them.
 * - `sensitive`: an answer the survey protects (ratings, intent to leave); released only in
 *   rows or groups that the quasi-identifiers keep at least k strong.
 * - `free-text`: typed words, which can name or describe a person; never released by
 *   default, and never from a group under the comment minimum.
 * - `technical`: bookkeeping with nothing about the person (none among the answers yet).
 */
export type DisclosureRole = 'quasi-identifier' | 'sensitive' | 'free-text' | 'technical';

export const DISCLOSURE_ROLES: readonly DisclosureRole[] = ['quasi-identifier', 'sensitive', 'free-text', 'technical'];

export interface Variable {
  name: string;
  type: VariableType;
  scale?: ScaleId;
  reverse?: boolean;
  /** Free text that can identify a person: never released by default. */
  sensitive?: boolean;
  disclosure: DisclosureRole;
}

export const ROLES = [
  'organizer', 'campaign', 'program', 'communications',
  'development', 'operations', 'leadership', 'other',
] as const;
export const FTE = ['full', 'part'] as const;
export const GENDERS = ['woman', 'man', 'nonbinary', 'self_describe', 'prefer_not'] as const;
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_plus', 'prefer_not'] as const;
export const YES_NO = ['yes', 'no'] as const;
export const STAY_2Y = ['yes', 'no', 'unsure'] as const;

export type Role = (typeof ROLES)[number];
export type Fte = (typeof FTE)[number];
export type Gender = (typeof GENDERS)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type YesNo = (typeof YES_NO)[number];
export type Stay2y = (typeof STAY_2Y)[number];

export const RACE_CATEGORIES = [
  'race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena', 'race_white',
] as const;

export const LEAVE_REASONS = [
  'leave_reason_pay', 'leave_reason_workload', 'leave_reason_culture', 'leave_reason_leadership',
  'leave_reason_growth', 'leave_reason_mission', 'leave_reason_personal', 'leave_reason_other',
] as const;

export type ScaleId = 'org' | 'mob' | 'bridge' | 'cul' | 'lcb' | 'dec' | 'val' | 'sat' | 'itl';

export interface Scale {
  id: ScaleId;
  /** Column name of the scored scale in exports and results. */
  scoreName: string;
  items: readonly string[];
  min: number;
  max: number;
  /** `bridge` items are three separate questions, not a summed scale. */
  isScale: boolean;
}

export const SCALES: readonly Scale[] = [
  { id: 'org', scoreName: 'organizing_score', items: ['org_1', 'org_2', 'org_3', 'org_4'], min: 1, max: 5, isScale: true },
  { id: 'mob', scoreName: 'mobilizing_score', items: ['mob_1', 'mob_2', 'mob_3', 'mob_4'], min: 1, max: 5, isScale: true },
  { id: 'bridge', scoreName: 'bridge', items: ['br_1', 'br_2', 'br_3'], min: 1, max: 5, isScale: false },
  { id: 'cul', scoreName: 'culture_score', items: ['cul_1', 'cul_2', 'cul_3'], min: 1, max: 5, isScale: true },
  { id: 'lcb', scoreName: 'leadership_cb_score', items: ['lcb_1', 'lcb_2', 'lcb_3'], min: 1, max: 5, isScale: true },
  { id: 'dec', scoreName: 'decision_score', items: ['dec_1', 'dec_2', 'dec_3'], min: 1, max: 5, isScale: true },
  { id: 'val', scoreName: 'valued_score', items: ['val_1', 'val_2'], min: 1, max: 5, isScale: true },
  { id: 'sat', scoreName: 'satisfaction_score', items: ['sat_1', 'sat_2r', 'sat_3'], min: 1, max: 7, isScale: true },
  { id: 'itl', scoreName: 'intent_to_leave_score', items: ['itl_1', 'itl_2', 'itl_3'], min: 1, max: 5, isScale: true },
];

/** Items whose raw answer runs against the scale: scored as (min + max) − answer. */
export const REVERSE_CODED: ReadonlySet<string> = new Set(['sat_2r']);

const likertVars: Variable[] = SCALES.flatMap((s) =>
  s.items.map((name) => ({
    name,
    type: { kind: 'likert', min: s.min, max: s.max } as const,
    scale: s.id,
    reverse: REVERSE_CODED.has(name),
    disclosure: 'sensitive' as const,
  })),
);

/** Every answer column of `responses`, in the stable order used by exports. */
export const VARIABLES: readonly Variable[] = [
  { name: 'role', type: { kind: 'category', values: ROLES }, disclosure: 'quasi-identifier' },
  { name: 'tenure_years', type: { kind: 'integer', min: 0, max: 60 }, disclosure: 'quasi-identifier' },
  // Colleagues know who works part time: in a small organization "our part-timer" is one person.
  { name: 'fte', type: { kind: 'category', values: FTE }, disclosure: 'quasi-identifier' },
  ...RACE_CATEGORIES.map((name) => ({ name, type: { kind: 'flag' } as const, disclosure: 'quasi-identifier' as const })),
  { name: 'race_self', type: { kind: 'text', maxLength: 200 }, sensitive: true, disclosure: 'free-text' },
  { name: 'race_decline', type: { kind: 'flag' }, disclosure: 'quasi-identifier' },
  { name: 'gender', type: { kind: 'category', values: GENDERS }, disclosure: 'quasi-identifier' },
  { name: 'gender_self', type: { kind: 'text', maxLength: 200 }, sensitive: true, disclosure: 'free-text' },
  { name: 'age_band', type: { kind: 'category', values: AGE_BANDS }, disclosure: 'quasi-identifier' },
  ...likertVars,
  { name: 'looking', type: { kind: 'category', values: YES_NO }, disclosure: 'sensitive' },
  { name: 'stay_2y', type: { kind: 'category', values: STAY_2Y }, disclosure: 'sensitive' },
  ...LEAVE_REASONS.map((name) => ({ name, type: { kind: 'flag' } as const, disclosure: 'sensitive' as const })),
  { name: 'comment', type: { kind: 'text', maxLength: 4000 }, sensitive: true, disclosure: 'free-text' },
];

export const VARIABLE_NAMES: readonly string[] = VARIABLES.map((v) => v.name);

/** The variables someone who knows the staff could know: respondent exports are k-anonymous over all of them. */
export function quasiIdentifierVariables(variables: readonly Variable[] = VARIABLES): Variable[] {
  return variables.filter((v) => v.disclosure === 'quasi-identifier');
}

/**
 * Derived person-of-color indicator: 1 if any category other than white is ticked, 0 if
 * only white, null when declined or blank. A refusal wins over ticked boxes.
 */
export function derivePoc(r: Partial<Record<string, unknown>>): 0 | 1 | null {
  if (r.race_decline === 1) return null;
  let white = false;
  for (const c of RACE_CATEGORIES) {
    if (r[c] !== 1) continue;
    if (c === 'race_white') white = true;
    else return 1;
  }
  // The self-description is offered as "another identity not listed": a category other
  // than white, so it counts as person of color like any other ticked box.
  if (typeof r.race_self === 'string' && r.race_self.trim() !== '') return 1;
  return white ? 0 : null;
}
