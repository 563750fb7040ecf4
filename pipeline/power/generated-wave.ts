// A generated study (data/synthetic's generator) as the pipeline's WaveData, in memory: the
// simulations behind `rootwork power` and the calibration benchmark run hundreds of studies,
// and a database round trip per study would cost more than the analysis. Rows are packed
// exactly as extract-columns.ts packs them in SQL, then unpacked by the extract step's own
// canonicalColumns, so the scoring and analysis see what `rootwork pipeline` would see.
import type { NewOrgProfile, NewResponse, OrgProfile, Wave } from '../../data/database.js';
import type { GeneratedOrg } from '../../data/synthetic/types.js';
import { AGE_BANDS, GENDERS, RACE_CATEGORIES, ROLES } from '../../instrument/codebook.js';
import { ITEM_WORDS, ITEMS, PER_WORD } from '../extract-columns.js';
import { canonicalColumns, packedRows } from '../extract-order.js';
import type { OrgRecord, WaveData } from '../wave-data.js';

const code = (values: readonly string[], v: unknown) => {
  const i = values.indexOf(v as string);
  return i < 0 ? 0 : i + 1;
};

/** The person word of extract-columns.ts's personWord(), computed here instead of in SQL. */
export function packPerson(r: NewResponse): number {
  const row = r as unknown as Record<string, unknown>;
  let word = 0;
  RACE_CATEGORIES.forEach((c, i) => {
    if (row[c] === 1) word += 2 ** i;
  });
  if (r.race_decline === 1) word += 2 ** 7;
  if (typeof r.race_self === 'string' && r.race_self.trim() !== '') word += 2 ** 8;
  word += (r.looking === 'no' ? 1 : r.looking === 'yes' ? 2 : 0) * 2 ** 9;
  word += code(ROLES, r.role) * 2 ** 11;
  word += code(GENDERS, r.gender) * 2 ** 15;
  word += code(AGE_BANDS, r.age_band) * 2 ** 18;
  return word;
}

/** Item word w of extract-columns.ts's itemWord(w); answers out of range count as unanswered. */
export function packItems(r: NewResponse, w: number): number {
  const row = r as unknown as Record<string, unknown>;
  let word = 0;
  ITEMS.slice(w * PER_WORD, (w + 1) * PER_WORD).forEach(({ item, min, max }, j) => {
    const v = row[item];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) word += v * 8 ** j;
  });
  return word;
}

const WAVE: Wave = { id: 'simulated', study_id: 'simulated', name: 'Simulated wave', status: 'closed', opens_on: null, closes_on: null, k: 5, created_on: '2026-01-01' };

/** The generated organizations as one wave; k is the wave's minimum group size. */
export function waveFromGenerated(generated: readonly GeneratedOrg[], k: number): WaveData {
  // Organizations in id order, as extract.ts orders them, so both paths give the same columns.
  const orgs = [...generated].sort((a, b) => (a.organization.id < b.organization.id ? -1 : a.organization.id > b.organization.id ? 1 : 0));
  const n = orgs.reduce((s, o) => s + o.responses.length, 0);
  const packed = packedRows(n);
  const records: OrgRecord[] = [];
  const profiles = new Map<string, OrgProfile>();
  const exits: WaveData['exits'] = [];
  let i = 0;
  for (const o of orgs) {
    records.push({ id: o.organization.id, code: o.organization.code, respondents: o.responses.length, start: i, headcountCap: null });
    for (const r of o.responses) {
      const t = r.tenure_years;
      packed.tenure[i] = typeof t === 'number' && Number.isInteger(t) && t >= 0 && t <= 60 ? t : -1;
      packed.person[i] = packPerson(r);
      for (let w = 0; w < ITEM_WORDS; w++) packed.words[w][i] = packItems(r, w);
      i++;
    }
    if (o.profile) profiles.set(o.organization.id, asProfile(o.profile));
    for (const e of o.exits) exits.push({ organization_id: o.organization.id, ...e });
  }
  return {
    wave: { ...WAVE, k },
    studyName: 'Simulated study',
    n,
    orgs: records,
    ...canonicalColumns(packed, records),
    invalidAnswers: 0,
    instrumentVersions: ['synthetic'],
    profiles,
    draftProfiles: new Set(),
    exits,
    fingerprint: '',
  };
}

/** A generated profile as the row the database would return (every column present, null when not given). */
function asProfile(p: NewOrgProfile): OrgProfile {
  return { ed_poc: null, ed_gender: null, senior_total: null, senior_poc: null, board_total: null, board_poc: null, headcount_note: null, ...p } as OrgProfile;
}
