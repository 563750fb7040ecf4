// Extract: reads one wave through Kysely in bounded chunks (organizations batched to about
// CHUNK_ROWS responses, ordered by organization then response id) into typed columns.
// The same queries run on SQLite and PostgreSQL, and the order makes the result — and its
// fingerprint — identical on both.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { AGE_BANDS, derivePoc, GENDERS, RACE_CATEGORIES, ROLES, SCALES } from '../data/codebook.js';
import type { Database, ResponseTable } from '../data/database.js';
import { ConflictError } from '../data/errors.js';
import { getWave } from '../data/repositories/studies.js';
import type { OrgRecord, WaveData } from './wave-data.js';

const CHUNK_ROWS = 20_000;
// Below both dialects' bound-parameter limits, with room for the wave id.
const MAX_ORGS_PER_CHUNK = 900;

const ITEMS = SCALES.flatMap((s) => s.items.map((item) => ({ item, min: s.min, max: s.max })));

const COLUMNS = [
  'organization_id', 'role', 'tenure_years', ...RACE_CATEGORIES, 'race_self', 'race_decline',
  'gender', 'age_band', 'looking', ...ITEMS.map((i) => i.item),
] as (keyof ResponseTable)[];

export interface ExtractOptions {
  /** Called after each chunk with responses read so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

const roleCode = new Map<string, number>(ROLES.map((r, i) => [r, i + 1]));
const genderCode = new Map<string, number>(GENDERS.map((g, i) => [g, i + 1]));
const ageCode = new Map<string, number>(AGE_BANDS.map((a, i) => [a, i + 1]));

export async function extractWave(db: Kysely<Database>, waveId: string, options: ExtractOptions = {}): Promise<WaveData> {
  const wave = await getWave(db, waveId);
  const study = await db.selectFrom('studies').select('name').where('id', '=', wave.study_id).executeTakeFirstOrThrow();
  const orgRows = await db.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', wave.study_id).execute();
  const counts = await db
    .selectFrom('responses')
    .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('wave_id', '=', waveId)
    .groupBy('organization_id')
    .execute();
  const countById = new Map(counts.map((c) => [c.organization_id, Number(c.n)]));
  // JS string order, not the database collation, fixes the organization order on both dialects.
  const sorted = [...orgRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  const orgs: OrgRecord[] = sorted.map((o) => {
    const respondents = countById.get(o.id) ?? 0;
    const rec = { id: o.id, code: o.code, respondents, start };
    start += respondents;
    return rec;
  });
  const n = start;
  const indexById = new Map(orgs.map((o, i) => [o.id, i]));
  const data = allocate(n);
  let offset = 0;
  let invalid = 0;
  for (const batch of batches(orgs)) {
    const rows = await db
      .selectFrom('responses')
      .select(COLUMNS)
      .where('wave_id', '=', waveId)
      .where('organization_id', 'in', batch.map((o) => o.id))
      .orderBy('organization_id')
      .orderBy('id')
      .execute();
    for (const row of rows as unknown as Record<string, unknown>[]) {
      const i = offset++;
      data.org[i] = indexById.get(row.organization_id as string)!;
      data.role[i] = roleCode.get(row.role as string) ?? 0;
      const tenure = row.tenure_years;
      data.tenure[i] = typeof tenure === 'number' && Number.isInteger(tenure) && tenure >= 0 && tenure <= 60 ? tenure : -1;
      // PostgreSQL may hand back 0/1 flags as numbers already; derivePoc reads 1 as ticked.
      const poc = derivePoc(row);
      data.poc[i] = poc === null ? -1 : poc;
      data.raceDeclined[i] = row.race_decline === 1 ? 1 : 0;
      data.looking[i] = row.looking === 'yes' ? 1 : row.looking === 'no' ? 0 : -1;
      data.gender[i] = genderCode.get(row.gender as string) ?? 0;
      data.ageBand[i] = ageCode.get(row.age_band as string) ?? 0;
      for (const { item, min, max } of ITEMS) {
        const v = row[item];
        if (v === null || v === undefined) continue;
        if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) data.items[item][i] = v;
        else invalid += 1;
      }
    }
    options.onProgress?.(offset, n);
  }
  if (offset !== n) {
    throw new ConflictError(`Responses changed while the pipeline was reading wave ${waveId} (${offset} read, ${n} counted): run it again once submissions settle.`);
  }
  const versions = await db.selectFrom('responses').select('instrument_version').distinct().where('wave_id', '=', waveId).execute();
  const profileRows = await db.selectFrom('org_profiles').selectAll().where('wave_id', '=', waveId).execute();
  const exits = await db
    .selectFrom('profile_exits')
    .selectAll()
    .where('wave_id', '=', waveId)
    .orderBy('organization_id')
    .orderBy('staff_group')
    .orderBy('tenure_band')
    .execute();
  const profiles = new Map(profileRows.filter((p) => p.status === 'submitted').map((p) => [p.organization_id, p]));
  const draftProfiles = new Set(profileRows.filter((p) => p.status !== 'submitted').map((p) => p.organization_id));
  const result: WaveData = {
    wave,
    studyName: study.name,
    n,
    orgs,
    ...data,
    invalidAnswers: invalid,
    instrumentVersions: versions.map((v) => v.instrument_version).sort(),
    profiles,
    draftProfiles,
    exits: exits.map((e) => ({ ...e, tenure_band: Number(e.tenure_band), count: Number(e.count) })),
    fingerprint: '',
  };
  result.fingerprint = fingerprint(result);
  return result;
}

function allocate(n: number) {
  const items: Record<string, Uint8Array> = {};
  for (const { item } of ITEMS) items[item] = new Uint8Array(n);
  return {
    org: new Int32Array(n),
    role: new Uint8Array(n),
    tenure: new Int16Array(n),
    poc: new Int8Array(n),
    raceDeclined: new Uint8Array(n),
    looking: new Int8Array(n),
    gender: new Uint8Array(n),
    ageBand: new Uint8Array(n),
    items,
  };
}

function* batches(orgs: OrgRecord[]): Generator<OrgRecord[]> {
  let batch: OrgRecord[] = [];
  let rows = 0;
  for (const o of orgs) {
    if (o.respondents === 0) continue;
    batch.push(o);
    rows += o.respondents;
    if (rows >= CHUNK_ROWS || batch.length >= MAX_ORGS_PER_CHUNK) {
      yield batch;
      batch = [];
      rows = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** Hashes the columns' bytes and the organization and profile records in a fixed order. */
function fingerprint(d: WaveData): string {
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify({ wave: d.wave.id, k: d.wave.k, n: d.n, orgs: d.orgs.map((o) => [o.id, o.code, o.respondents]) }));
  for (const col of [d.org, d.role, d.tenure, d.poc, d.raceDeclined, d.looking, d.gender, d.ageBand]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  for (const { item } of ITEMS) h.update(d.items[item]);
  const profiles = [...d.profiles.values()].sort((a, b) => (a.organization_id < b.organization_id ? -1 : 1));
  for (const p of profiles) h.update(JSON.stringify(Object.keys(p).sort().map((key) => [key, normalize(p[key as keyof typeof p])])));
  for (const e of d.exits) h.update(JSON.stringify([e.organization_id, e.staff_group, e.tenure_band, e.count]));
  return h.digest('hex');
}

// PostgreSQL returns bigint/numeric columns as strings; count columns compare as numbers.
function normalize(v: unknown): unknown {
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
}
