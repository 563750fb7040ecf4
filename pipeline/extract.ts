// Extract: one wave of the database as typed columns (wave-data.ts), in four steps a reader
// can follow —
//   1. plan: the wave, its study and organizations, each organization's slots for its rows;
//   2. read: the responses, chunk by chunk (data/readers/wave-responses.ts), answers packed
//      into a few integers by SQL arithmetic (extract-columns.ts), placed in their slots;
//   3. order: each organization's rows in a canonical order by content, unpacked into the
//      wave's columns (extract-order.ts) — the same result, and fingerprint, on every
//      dialect and read path; done for each chunk's organizations as soon as it is placed,
//      while the reader threads read on;
//   4. check: nothing was written to the wave meanwhile — on SQLite known at once when nothing
//      was committed to the file at all, else by counting again.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Wave } from '../data/database.js';
import { ConflictError } from '../data/errors.js';
import { countWaveResponses, readWaveResponses, type Columns, type OrganizationResponses } from '../data/readers/wave-responses.js';
import { nothingWritten, writeMarker, type WriteMarker } from '../data/readers/write-marker.js';
import { getWave } from '../data/repositories/studies.js';
import { INVALID_WEIGHT, ITEM_WORDS, ITEMS, RESPONSE_COLUMNS, WORD_KEYS } from './extract-columns.js';
import { Unpacker, type PackedRows, type RespondentColumns } from './extract-order.js';
import type { OrgRecord, WaveData } from './wave-data.js';

export interface ExtractOptions {
  /** Called after each chunk with responses read so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** SQLite file: reader threads (default 2 from 10 chunks on, else none; 0 reads here). */
  readers?: number;
  /** Responses per chunk, about (default 20,000; smaller in tests, to have several chunks). */
  chunkRows?: number;
}

/** The wave's rows as read: packed words by slot, with what the packing counted on the way. */
interface Packed extends PackedRows {
  /** Out-of-range answers, dropped (each word counts its own: see INVALID_WEIGHT). */
  invalid: number;
  versions: Set<string>;
}

/** Where each organization's rows go, planned from the counts before reading. */
interface Plan {
  wave: Wave;
  studyName: string;
  /** Every organization of the study, by id in JS string order (the same on both dialects). */
  orgs: OrgRecord[];
  /** Responses per organization, in the order the database returns rows. */
  counts: OrganizationResponses[];
  n: number;
  /** What the database could say of writes when the counts were taken. */
  marker: WriteMarker;
}

export async function extractWave(db: Kysely<Database>, waveId: string, options: ExtractOptions = {}): Promise<WaveData> {
  const plan = await planWave(db, waveId);
  // The profiles are read here while the reader threads start and read the first chunks
  // (their queries are sent before readPacked first waits), rather than after the responses.
  const [{ packed, columns }, profiles] = await Promise.all([readPacked(db, plan, options), readProfiles(db, waveId)]);
  await checkUnchanged(db, plan);
  const result: WaveData = {
    wave: plan.wave,
    studyName: plan.studyName,
    n: plan.n,
    orgs: plan.orgs,
    ...columns,
    invalidAnswers: packed.invalid,
    instrumentVersions: [...packed.versions].sort(),
    ...profiles,
    fingerprint: '',
  };
  result.fingerprint = fingerprint(result);
  return result;
}

/** Step 1: the wave and its organizations, each given a contiguous run of slots. */
async function planWave(db: Kysely<Database>, waveId: string): Promise<Plan> {
  const wave = await getWave(db, waveId);
  const study = await db.selectFrom('studies').select('name').where('id', '=', wave.study_id).executeTakeFirstOrThrow();
  const orgRows = await db.selectFrom('organizations').select(['id', 'code', 'headcount_cap']).where('study_id', '=', wave.study_id).execute();
  // Taken before the count: a write between the two is then seen as a change.
  const marker = writeMarker(db);
  const counts = await countWaveResponses(db, waveId);
  const countById = new Map(counts.map((c) => [c.organizationId, c.responses]));
  // JS string order, not the database collation, fixes the organization order on both dialects.
  const sorted = [...orgRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let start = 0;
  const orgs = sorted.map((o) => {
    const respondents = countById.get(o.id) ?? 0;
    const rec: OrgRecord = { id: o.id, code: o.code, respondents, start, headcountCap: o.headcount_cap === null ? null : Number(o.headcount_cap) };
    start += respondents;
    return rec;
  });
  return { wave, studyName: study.name, orgs, counts, n: start, marker };
}

/**
 * Steps 2 and 3: every response of the wave, packed, in its organization's slots — in
 * whatever order the database returns them within it — and each organization of a chunk put
 * in order and unpacked as soon as the chunk is placed.
 */
async function readPacked(db: Kysely<Database>, plan: Plan, options: ExtractOptions): Promise<{ packed: Packed; columns: RespondentColumns }> {
  const { n, orgs } = plan;
  const indexById = new Map(orgs.map((o, i) => [o.id, i]));
  const packed: Packed = { person: new Int32Array(n), tenure: new Int16Array(n), words: Array.from({ length: ITEM_WORDS }, () => new Int32Array(n)), invalid: 0, versions: new Set<string>() };
  const unpacker = new Unpacker(packed);
  let read = 0;
  const chunks = readWaveResponses(db, plan.wave.id, plan.counts, RESPONSE_COLUMNS, { chunkRows: options.chunkRows, threads: options.readers });
  for await (const { organizations, columns } of chunks) {
    const indexes = organizations.map((c) => {
      const o = indexById.get(c.organizationId);
      if (o === undefined) throw changed(plan.wave.id);
      return o;
    });
    const batch = indexes.map((o) => orgs[o]);
    if (columns.rows !== batch.reduce((sum, o) => sum + o.respondents, 0)) throw changed(plan.wave.id);
    place(packed, batch, columns);
    for (const o of indexes) unpacker.organization(o, orgs[o]);
    read += columns.rows;
    options.onProgress?.(read, n);
  }
  if (read !== n) throw changed(plan.wave.id);
  return { packed, columns: unpacker.data };
}

/** A chunk's rows into its organizations' slots, in order: the chunk holds them in that order. */
function place(packed: Packed, batch: OrgRecord[], columns: Columns): void {
  const tenure = columns.numbers.tenure_years;
  const person = columns.numbers.person;
  const words = WORD_KEYS.map((key) => columns.numbers[key]);
  let invalid = 0;
  let r = 0;
  for (const o of batch) {
    for (let i = o.start; i < o.start + o.respondents; i++, r++) {
      const t = tenure[r];
      packed.tenure[i] = Number.isInteger(t) && t >= 0 && t <= 60 ? t : -1;
      packed.person[i] = person[r];
      for (let w = 0; w < ITEM_WORDS; w++) {
        const word = words[w][r];
        const bad = Math.floor(word / INVALID_WEIGHT);
        invalid += bad;
        packed.words[w][i] = word - bad * INVALID_WEIGHT;
      }
    }
  }
  packed.invalid += invalid;
  for (const version of columns.distinct.instrument_version) packed.versions.add(version as string);
}

/**
 * Step 4: rows were placed by position, so a response added or removed mid-read must not go
 * unnoticed. When nothing at all was committed since the plan, nothing changed; else the
 * counts are taken again.
 */
async function checkUnchanged(db: Kysely<Database>, plan: Plan): Promise<void> {
  if (nothingWritten(plan.marker, writeMarker(db))) return;
  const before = plan.counts;
  const after = await countWaveResponses(db, plan.wave.id);
  const same = after.length === before.length && after.every((c, j) => c.organizationId === before[j].organizationId && c.responses === before[j].responses);
  if (!same) throw changed(plan.wave.id);
}

async function readProfiles(db: Kysely<Database>, waveId: string): Promise<Pick<WaveData, 'profiles' | 'draftProfiles' | 'exits'>> {
  const profileRows = await db.selectFrom('org_profiles').selectAll().where('wave_id', '=', waveId).execute();
  const exits = await db
    .selectFrom('profile_exits')
    .selectAll()
    .where('wave_id', '=', waveId)
    .orderBy('organization_id')
    .orderBy('staff_group')
    .orderBy('tenure_band')
    .execute();
  // In place: a study of thousands of organizations has a hundred thousand departure rows,
  // and a copy of each was a young-generation collection's worth of work on the main thread.
  for (const e of exits) {
    e.tenure_band = Number(e.tenure_band);
    e.count = Number(e.count);
  }
  return {
    profiles: new Map(profileRows.filter((p) => p.status === 'submitted').map((p) => [p.organization_id, p])),
    draftProfiles: new Set(profileRows.filter((p) => p.status !== 'submitted').map((p) => p.organization_id)),
    exits,
  };
}

/** Hashes the columns' bytes and the organization and profile records in a fixed order. */
function fingerprint(d: WaveData): string {
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify({ wave: d.wave.id, k: d.wave.k, n: d.n, orgs: d.orgs.map((o) => (o.headcountCap == null ? [o.id, o.code, o.respondents] : [o.id, o.code, o.respondents, o.headcountCap])) }));
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
