// Extract: reads one wave through Kysely in bounded chunks (organizations batched to about
// CHUNK_ROWS responses) into typed columns, answers packed by SQL arithmetic (see
// extract-columns.ts). The same queries run on SQLite and PostgreSQL; a canonical order by
// content makes the result — and its fingerprint — identical on both.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../data/database.js';
import { ConflictError } from '../data/errors.js';
import { getWave } from '../data/repositories/studies.js';
import { decodeItems, decodePerson, invalidCount, itemWord, ITEM_WORDS, ITEMS, personWord } from './extract-columns.js';
import type { OrgRecord, WaveData } from './wave-data.js';

const CHUNK_ROWS = 20_000;
// Below both dialects' bound-parameter limits, with room for the wave id.
const MAX_ORGS_PER_CHUNK = 900;
// Column names built once: a template string per row and word cost a string build and hash each.
const WORD_KEYS = Array.from({ length: ITEM_WORDS }, (_, w) => `w${w}`);


export interface ExtractOptions {
  /** Called after each chunk with responses read so far and the total. */
  onProgress?: (done: number, total: number) => void;
}


export async function extractWave(db: Kysely<Database>, waveId: string, options: ExtractOptions = {}): Promise<WaveData> {
  const wave = await getWave(db, waveId);
  const study = await db.selectFrom('studies').select('name').where('id', '=', wave.study_id).executeTakeFirstOrThrow();
  const orgRows = await db.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', wave.study_id).execute();
  // Ordered by the database's own collation: the chunks below read rows in that same order
  // and assign them to organizations by position, so no id string is marshalled per row.
  const countResponses = () =>
    db
      .selectFrom('responses')
      .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('wave_id', '=', waveId)
      .groupBy('organization_id')
      .orderBy('organization_id')
      .execute();
  const counts = await countResponses();
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
  // Rows land in their organization's slots in whatever order the database returns them
  // within it, then each organization's rows are put in a canonical order by content (below).
  const raw = { person: new Int32Array(n), tenure: new Int16Array(n), words: Array.from({ length: ITEM_WORDS }, () => new Int32Array(n)) };
  let read = 0;
  let invalid = 0;
  const select = [
    'tenure_years' as const,
    personWord().as('person'),
    invalidCount().as('invalid'),
    ...WORD_KEYS.map((key, w) => itemWord(w).as(key)),
  ];
  const inDatabaseOrder = counts.map((c) => {
    const o = indexById.get(c.organization_id);
    if (o === undefined) throw changed(waveId);
    return orgs[o];
  });
  for (const batch of batches(inDatabaseOrder)) {
    const rows = (await db
      .selectFrom('responses')
      .select(select)
      .where('wave_id', '=', waveId)
      .where('organization_id', 'in', batch.map((o) => o.id))
      .orderBy('organization_id')
      .execute()) as unknown as Record<string, unknown>[];
    if (rows.length !== batch.reduce((sum, o) => sum + o.respondents, 0)) throw changed(waveId);
    let r = 0;
    for (const o of batch) {
      for (let i = o.start; i < o.start + o.respondents; i++) {
        const row = rows[r++];
        raw.person[i] = Number(row.person);
        const tenure = row.tenure_years;
        raw.tenure[i] = typeof tenure === 'number' && Number.isInteger(tenure) && tenure >= 0 && tenure <= 60 ? tenure : -1;
        for (let w = 0; w < ITEM_WORDS; w++) raw.words[w][i] = Number(row[WORD_KEYS[w]]);
        invalid += Number(row.invalid);
      }
    }
    read += rows.length;
    options.onProgress?.(read, n);
  }
  // Rows are placed by position, so a response added or removed mid-read must not go unnoticed.
  const after = await countResponses();
  if (after.length !== counts.length || after.some((c, j) => c.organization_id !== counts[j].organization_id || Number(c.n) !== Number(counts[j].n))) {
    throw changed(waveId);
  }
  if (read !== n) throw changed(waveId);
  const data = allocate(n);
  for (let o = 0; o < orgs.length; o++) {
    const { start: from, respondents } = orgs[o];
    for (const [t, src] of canonicalOrder(raw, from, from + respondents).entries()) {
      const i = from + t;
      data.org[i] = o;
      const p = decodePerson(raw.person[src]);
      data.role[i] = p.role;
      data.poc[i] = p.poc;
      data.raceDeclined[i] = p.declined;
      data.looking[i] = p.looking;
      data.gender[i] = p.gender;
      data.ageBand[i] = p.ageBand;
      data.tenure[i] = raw.tenure[src];
      for (let w = 0; w < ITEM_WORDS; w++) decodeItems(raw.words[w][src], w, data.items, i);
    }
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

function changed(waveId: string): ConflictError {
  return new ConflictError(`Responses changed while the pipeline was reading wave ${waveId}: run it again once submissions settle.`);
}

/**
 * Slots from..to sorted by their whole content. Rows with equal content are interchangeable
 * in every computation, so this order is canonical: the same on any dialect and any physical
 * row order, which keeps floating-point sums, and so results.json, byte-identical.
 */
function canonicalOrder(raw: { person: Int32Array; tenure: Int16Array; words: Int32Array[] }, from: number, to: number): number[] {
  const idx = Array.from({ length: to - from }, (_, j) => from + j);
  const words = raw.words;
  return idx.sort((a, b) => {
    for (const w of words) if (w[a] !== w[b]) return w[a] - w[b];
    return raw.person[a] - raw.person[b] || raw.tenure[a] - raw.tenure[b];
  });
}
