// The banded quasi-identifiers of a respondent-level release: how each stored answer is
// banded for respondents.csv, and the stored value an import writes back for a band.
// One module for both directions, so an export always re-imports as documented.
import type { AgeBand, Gender, NewResponse, Role } from '../../data/database.js';
import { derivePoc } from '../../instrument/codebook.js';

export type QuasiIdentifier = 'role_group' | 'race_group' | 'gender_group' | 'age_group' | 'tenure_group';

export interface Band {
  value: string;
  label: string;
}

export interface BandedVariable {
  name: QuasiIdentifier;
  label: string;
  /** The stored variables the band is made from. */
  from: readonly string[];
  bands: readonly Band[];
  /** How the bands were formed, for the codebook and disclosure.json. */
  rule: string;
  /** Band of one stored response; null when not answered. */
  band(r: Partial<NewResponse>): string | null;
  /** Stored columns an import writes for a band (a documented representative where banding lost detail). */
  restore(value: string): Partial<NewResponse>;
}

const ROLE_BANDS: Record<Role, string> = {
  organizer: 'organizer', leadership: 'leadership',
  campaign: 'other_staff', program: 'other_staff', communications: 'other_staff',
  development: 'other_staff', operations: 'other_staff', other: 'other_staff',
};

const GENDER_BANDS: Record<Gender, string> = {
  woman: 'woman', man: 'man', nonbinary: 'another_gender', self_describe: 'another_gender', prefer_not: 'prefer_not',
};

const AGE_BANDS: Record<AgeBand, string> = {
  under_25: 'under_35', '25_34': 'under_35', '35_44': '35_54', '45_54': '35_54', '55_plus': '55_plus', prefer_not: 'prefer_not',
};

const TENURE_BANDS = [
  { value: 'under_1', label: 'Under a year', min: 0 },
  { value: '1_2', label: '1–2 years', min: 1 },
  { value: '3_5', label: '3–5 years', min: 3 },
  { value: '6_10', label: '6–10 years', min: 6 },
  { value: '11_plus', label: '11 years or more', min: 11 },
] as const;

/** What an imported `poc` band stores: the schema keeps race as ticked boxes, and this band names no box. */
export const POC_BAND_SELF_DESCRIPTION = 'person of color (category not released)';

export const QUASI_IDENTIFIERS: readonly BandedVariable[] = [
  {
    name: 'role_group',
    label: 'Role, banded',
    from: ['role'],
    bands: [
      { value: 'organizer', label: 'Organizer' },
      { value: 'leadership', label: 'Leadership' },
      { value: 'other_staff', label: 'Other staff (campaign, program, communications, development, operations, other)' },
    ],
    rule: 'organizer and leadership kept; every other role pooled as other_staff',
    band: (r) => (r.role ? ROLE_BANDS[r.role] : null),
    restore: (v) => ({ role: v === 'other_staff' ? 'other' : (v as Role) }),
  },
  {
    name: 'race_group',
    label: 'Race group (person of color or white), from the race/ethnicity boxes',
    from: ['race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena', 'race_white', 'race_self', 'race_decline'],
    bands: [
      { value: 'poc', label: 'Person of color (any category other than white ticked)' },
      { value: 'white', label: 'White only' },
    ],
    rule: 'the derived poc indicator: poc if any category other than white, white if white only; blank when declined or not answered',
    band: (r) => {
      const poc = derivePoc(r);
      return poc === null ? null : poc === 1 ? 'poc' : 'white';
    },
    restore: (v) =>
      v === 'white'
        ? { race_black: 0, race_latine: 0, race_asian: 0, race_indigenous: 0, race_pacific: 0, race_mena: 0, race_white: 1, race_decline: 0 }
        : { race_self: POC_BAND_SELF_DESCRIPTION, race_decline: 0 },
  },
  {
    name: 'gender_group',
    label: 'Gender, banded',
    from: ['gender', 'gender_self'],
    bands: [
      { value: 'woman', label: 'Woman' },
      { value: 'man', label: 'Man' },
      { value: 'another_gender', label: 'Nonbinary or self-described' },
      { value: 'prefer_not', label: 'Prefer not to say' },
    ],
    rule: 'nonbinary and self-described pooled as another_gender',
    band: (r) => (r.gender ? GENDER_BANDS[r.gender] : null),
    restore: (v) => ({ gender: v === 'another_gender' ? 'self_describe' : (v as Gender) }),
  },
  {
    name: 'age_group',
    label: 'Age, banded',
    from: ['age_band'],
    bands: [
      { value: 'under_35', label: 'Under 35' },
      { value: '35_54', label: '35–54' },
      { value: '55_plus', label: '55 or older' },
      { value: 'prefer_not', label: 'Prefer not to say' },
    ],
    rule: 'under_25 and 25_34 pooled as under_35; 35_44 and 45_54 pooled as 35_54',
    band: (r) => (r.age_band ? AGE_BANDS[r.age_band] : null),
    restore: (v) => ({ age_band: ({ under_35: '25_34', '35_54': '35_44', '55_plus': '55_plus', prefer_not: 'prefer_not' } as const)[v as 'under_35'] }),
  },
  {
    name: 'tenure_group',
    label: 'Years at the organization, banded',
    from: ['tenure_years'],
    bands: TENURE_BANDS.map(({ value, label }) => ({ value, label })),
    rule: 'tenure_years banded as under 1, 1–2, 3–5, 6–10, 11 or more',
    band: (r) => {
      if (r.tenure_years == null) return null;
      return [...TENURE_BANDS].reverse().find((b) => r.tenure_years! >= b.min)!.value;
    },
    // The lower bound of the band: the only value every member of the band is known to have reached.
    restore: (v) => ({ tenure_years: TENURE_BANDS.find((b) => b.value === v)!.min }),
  },
];

export const QUASI_IDENTIFIER_NAMES: readonly QuasiIdentifier[] = QUASI_IDENTIFIERS.map((q) => q.name);

export function quasiIdentifier(name: string): BandedVariable | undefined {
  return QUASI_IDENTIFIERS.find((q) => q.name === name);
}
