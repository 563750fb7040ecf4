// The organization profile as fields: parsing raw text (a form post or a CSV row) into
// typed values, the consistency checks a contact sees next to each field, and the mapping
// to and from the org_profiles / profile_exits rows. Shared by the form and the CSV import.
import { GENDERS } from '../../instrument/codebook.js';
import { STAFF_GROUPS, type Gender, type NewOrgProfile, type OrgProfile, type ProfileExit, type ProfileStatus, type StaffGroup } from '../../data/database.js';
import type { ExitCount } from '../../data/repositories/profiles.js';
import { today } from '../../data/ids.js';

export const STAGES = ['start', 'hires', 'sep', 'end'] as const;
export type Stage = (typeof STAGES)[number];
export const LEADERSHIP_FIELDS = ['senior_total', 'senior_poc', 'board_total', 'board_poc'] as const;
export const SELF_ITEMS = ['org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4', 'br_1', 'br_2', 'br_3'] as const;
export const SELF_FIELDS = SELF_ITEMS.map((i) => `self_${i}` as const);
/** Lower bounds, in whole years, of the tenure bands at exit: <1, 1–2, 2–3, 3–5, 5–10, 10+. */
export const TENURE_BANDS = [0, 1, 2, 3, 5, 10] as const;

export const headcountField = (stage: Stage, group: StaffGroup) => `${stage}_${group}`;
export const exitField = (group: StaffGroup, band: number) => `exit_${group}_${band}`;

export const HEADCOUNT_FIELDS = STAGES.flatMap((s) => STAFF_GROUPS.map((g) => headcountField(s, g)));
export const EXIT_FIELDS = STAFF_GROUPS.flatMap((g) => TENURE_BANDS.map((b) => exitField(g, b)));
export const COUNT_FIELDS: readonly string[] = [...LEADERSHIP_FIELDS, ...HEADCOUNT_FIELDS, ...EXIT_FIELDS];
export const EXIT_GROUP_FIELD = (group: StaffGroup) => `exits_${group}`;

export type EdRace = 'poc' | 'white' | 'unknown';
const MAX_COUNT = 100_000;
const MAX_NOTE = 1000;

export interface ProfileValues {
  ed_race: EdRace | null;
  ed_gender: Gender | null;
  headcount_note: string | null;
  /** Every count and self-assessment field, null when blank. */
  numbers: Record<string, number | null>;
}

export type IssueCode =
  | 'not_count' | 'not_scale' | 'unknown_choice' | 'too_long' | 'required'
  | 'sep_exceeds' | 'poc_exceeds' | 'end_mismatch' | 'exits_exceed' | 'exits_mismatch';

export interface ProfileIssue {
  field: string;
  code: IssueCode;
  params?: Record<string, number | string>;
}

export function emptyProfileValues(): ProfileValues {
  const numbers: Record<string, number | null> = {};
  for (const f of [...COUNT_FIELDS, ...SELF_FIELDS]) numbers[f] = null;
  return { ed_race: null, ed_gender: null, headcount_note: null, numbers };
}

/** Parses raw text values. Unknown keys are ignored; a bad value is reported and left blank. */
export function parseProfileFields(raw: Record<string, string | undefined>): { values: ProfileValues; issues: ProfileIssue[] } {
  const values = emptyProfileValues();
  const issues: ProfileIssue[] = [];
  const text = (k: string) => (raw[k] ?? '').trim();
  const ed = text('ed_race').toLowerCase();
  // The CSV spells it as the stored flag (ed_poc 1/0); the form as a choice.
  const edPoc = text('ed_poc');
  if (ed !== '') {
    if (ed === 'poc' || ed === 'white' || ed === 'unknown') values.ed_race = ed;
    else issues.push({ field: 'ed_race', code: 'unknown_choice', params: { value: ed } });
  } else if (edPoc !== '') {
    if (edPoc === '1') values.ed_race = 'poc';
    else if (edPoc === '0') values.ed_race = 'white';
    else issues.push({ field: 'ed_poc', code: 'unknown_choice', params: { value: edPoc } });
  }
  const gender = text('ed_gender');
  if (gender !== '') {
    if ((GENDERS as readonly string[]).includes(gender)) values.ed_gender = gender as Gender;
    else issues.push({ field: 'ed_gender', code: 'unknown_choice', params: { value: gender } });
  }
  const note = text('headcount_note');
  if (note.length > MAX_NOTE) issues.push({ field: 'headcount_note', code: 'too_long', params: { max: MAX_NOTE } });
  else values.headcount_note = note === '' ? null : note;
  for (const f of COUNT_FIELDS) {
    const v = text(f);
    if (v === '') continue;
    if (/^\d+$/.test(v) && Number(v) <= MAX_COUNT) values.numbers[f] = Number(v);
    else issues.push({ field: f, code: 'not_count', params: { value: v, max: MAX_COUNT } });
  }
  for (const f of SELF_FIELDS) {
    const v = text(f);
    if (v === '') continue;
    if (/^[1-5]$/.test(v)) values.numbers[f] = Number(v);
    else issues.push({ field: f, code: 'not_scale', params: { value: v } });
  }
  return { values, issues };
}

/**
 * Consistency checks. A draft may be incomplete but is still checked, so the contact sees
 * problems early; a submitted profile needs every headcount figure and every check passing.
 */
export function checkProfile(values: ProfileValues, mode: 'draft' | 'submit', options: { exitsRequired?: boolean } = {}): ProfileIssue[] {
  const exitsRequired = options.exitsRequired ?? true;
  const n = values.numbers;
  const issues: ProfileIssue[] = [];
  if (mode === 'submit') {
    if (values.ed_race === null) issues.push({ field: 'ed_race', code: 'required' });
    for (const f of HEADCOUNT_FIELDS) if (n[f] === null) issues.push({ field: f, code: 'required' });
  }
  for (const [poc, total] of [['senior_poc', 'senior_total'], ['board_poc', 'board_total']] as const) {
    if (n[poc] !== null && n[total] !== null && n[poc]! > n[total]!) issues.push({ field: poc, code: 'poc_exceeds', params: { poc: n[poc]!, total: n[total]! } });
  }
  for (const g of STAFF_GROUPS) {
    const start = n[headcountField('start', g)];
    const hires = n[headcountField('hires', g)];
    const sep = n[headcountField('sep', g)];
    const end = n[headcountField('end', g)];
    if (start !== null && hires !== null && sep !== null && sep > start + hires) {
      issues.push({ field: headcountField('sep', g), code: 'sep_exceeds', params: { sep, available: start + hires } });
    } else if (start !== null && hires !== null && sep !== null && end !== null && end !== start + hires - sep && values.headcount_note === null) {
      issues.push({ field: headcountField('end', g), code: 'end_mismatch', params: { end, expected: start + hires - sep } });
    }
    const exits = TENURE_BANDS.map((b) => n[exitField(g, b)]);
    const exitSum = exits.reduce<number>((a, v) => a + (v ?? 0), 0);
    if (sep !== null && exitSum > sep) issues.push({ field: EXIT_GROUP_FIELD(g), code: 'exits_exceed', params: { exits: exitSum, sep } });
    else if (mode === 'submit' && exitsRequired && sep !== null && exitSum !== sep) issues.push({ field: EXIT_GROUP_FIELD(g), code: 'exits_mismatch', params: { exits: exitSum, sep } });
  }
  return issues;
}

export function toProfileRows(waveId: string, organizationId: string, status: ProfileStatus, values: ProfileValues, clock?: () => Date): { profile: NewOrgProfile; exits: ExitCount[] } {
  const n = values.numbers;
  const profile: Record<string, unknown> = {
    wave_id: waveId,
    organization_id: organizationId,
    status,
    updated_on: today(clock),
    ed_poc: values.ed_race === 'poc' ? 1 : values.ed_race === 'white' ? 0 : null,
    ed_gender: values.ed_gender,
    headcount_note: values.headcount_note,
  };
  for (const f of [...LEADERSHIP_FIELDS, ...HEADCOUNT_FIELDS, ...SELF_FIELDS]) profile[f] = n[f];
  const exits: ExitCount[] = [];
  for (const g of STAFF_GROUPS) for (const b of TENURE_BANDS) {
    const count = n[exitField(g, b)];
    if (count !== null && count > 0) exits.push({ staff_group: g, tenure_band: b, count });
  }
  return { profile: profile as unknown as NewOrgProfile, exits };
}

export function fromProfileRows(profile: OrgProfile, exits: readonly ProfileExit[]): ProfileValues {
  const values = emptyProfileValues();
  // A stored profile knows "unknown" only as null; a draft that never answered is also null.
  values.ed_race = profile.ed_poc === 1 ? 'poc' : profile.ed_poc === 0 ? 'white' : profile.status === 'submitted' ? 'unknown' : null;
  values.ed_gender = profile.ed_gender;
  values.headcount_note = profile.headcount_note;
  const row = profile as unknown as Record<string, number | null>;
  for (const f of [...LEADERSHIP_FIELDS, ...HEADCOUNT_FIELDS, ...SELF_FIELDS]) values.numbers[f] = row[f] ?? null;
  // Exits are stored only when non-zero: a submitted profile's blank band means zero.
  for (const g of STAFF_GROUPS) for (const b of TENURE_BANDS) values.numbers[exitField(g, b)] = profile.status === 'submitted' ? 0 : null;
  for (const e of exits) values.numbers[exitField(e.staff_group, e.tenure_band)] = e.count;
  return values;
}

