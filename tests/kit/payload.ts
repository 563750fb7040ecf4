// A complete, valid submission for POST /api/v1/responses: the body both the real route
// and the bare ceiling route receive, so the two measure the same parsing work.

/** The answers of an organizer of color who completed every item. */
export const SAMPLE_ANSWERS = {
  role: 'organizer',
  tenure_years: 3,
  fte: 'full',
  race_black: 1,
  race_latine: 0,
  race_asian: 0,
  race_indigenous: 0,
  race_pacific: 0,
  race_mena: 0,
  race_white: 0,
  race_decline: 0,
  gender: 'woman',
  age_band: '25_34',
  org_1: 4, org_2: 5, org_3: 4, org_4: 3,
  mob_1: 2, mob_2: 3, mob_3: 2, mob_4: 2,
  br_1: 4, br_2: 3, br_3: 4,
  cul_1: 4, cul_2: 4, cul_3: 5,
  lcb_1: 4, lcb_2: 3, lcb_3: 4,
  dec_1: 3, dec_2: 4, dec_3: 4,
  val_1: 4, val_2: 3,
  sat_1: 6, sat_2r: 2, sat_3: 6,
  itl_1: 2, itl_2: 1, itl_3: 2,
  looking: 'no',
  stay_2y: 'yes',
} as const;

export type Answers = Record<string, unknown>;

export function submissionBody(code: string, answers: Answers = SAMPLE_ANSWERS, lang: 'en' | 'es' = 'en'): string {
  return JSON.stringify({ code, lang, answers });
}
