// Extract: one wave of the database as typed columns (wave-data.ts), in four steps a reader
// can follow —
//   1. plan: the wave, its study and its organizations, in JS string order;
//   2. read: the responses, chunk by chunk of consecutive organizations, each with its
//      count (data/readers/wave-responses.ts), answers packed into a few integers by SQL
//      arithmetic (extract-columns.ts);
//   3. order: each organization's rows in a canonical order by content, unpacked into the
//      wave's columns (extract-order.ts) — the same result, and fingerprint, on every
//      dialect and read path; done for each chunk as it comes, while the reader threads
//      read on;
//   4. check: each organization still has the responses read — on SQLite known at once
//      when nothing was committed to the file at all, else by counting.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Wave } from '../data/database.js';
import { ConflictError } from '../data/errors.js';
import { countWaveResponses, readWaveResponses, type ResponseChunk } from '../data/readers/wave-responses.js';
import { nothingWritten, writeMarker, type WriteMarker } from '../data/readers/write-marker.js';
import { getWave } from '../data/repositories/studies.js';
import { INVALID_WEIGHT, ITEM_WORDS, ITEMS, RESPONSE_COLUMNS, WORD_KEYS } from './extract-columns.js';
import { packedRows, Unpacker, type PackedRows, type RespondentColumns } from './extract-order.js';
import type { OrgRecord, WaveData } from './wave-data.js';

export interface ExtractOptions {
  /** Called after each chunk with the organizations read so far and how many the study has. */
  onProgress?: (done: number, total: number) => void;
  /** SQLite file: reader threads (default 2 for a large wave, else none; 0 reads here). */
  readers?: number;
  /** Responses per chunk, about (default 20,000; smaller in tests, to have several chunks). */
  chunkRows?: number;
}

/** The study's organizations and what the database could say of writes before the read. */
interface Plan {
  wave: Wave;
  studyName: string;
  /** Every organization of the study, by id in JS string order (the same on both dialects). */
  organizations: { id: string; code: string; headcountCap: number | null }[];
  marker: WriteMarker;
}

/** The wave's rows as read, in organization order, with what the reading counted on the way. */
interface Read {
  columns: RespondentColumns;
  /** Responses read per organization (the plan's order). */
  counts: number[];
  /** Out-of-range answers, dropped (each word counts its own: see INVALID_WEIGHT). */
  invalid: number;
  versions: Set<string>;
}

export async function extractWave(db: Kysely<Database>, waveId: string, options: ExtractOptions = {}): Promise<WaveData> {
  const plan = await planWave(db, waveId);
  // The profiles are read here while the reader threads read the first chunks, rather than after the responses.
  const [read, profiles] = await Promise.all([readWave(db, plan, options), readProfiles(db, waveId)]);
  await checkUnchanged(db, plan, read.counts);
  let start = 0;
  const orgs: OrgRecord[] = plan.organizations.map((o, i) => {
    const rec: OrgRecord = { id: o.id, code: o.code, respondents: read.counts[i], start, headcountCap: o.headcountCap };
    start += read.counts[i];
    return rec;
  });
  const result: WaveData = {
    wave: plan.wave,
    studyName: plan.studyName,
    n: start,
    orgs,
    ...read.columns,
    invalidAnswers: read.invalid,
    instrumentVersions: [...read.versions].sort(),
    ...profiles,
    fingerprint: '',
  };
  result.fingerprint = fingerprint(result);
  return result;
}

/** Step 1: the wave and its organizations. */
async function planWave(db: Kysely<Database>, waveId: string): Promise<Plan> {
  // Taken before anything is read: a write after it is then seen as a change.
  const marker = writeMarker(db);
  const wave = await getWave(db, waveId);
  const study = await db.selectFrom('studies').select('name').where('id', '=', wave.study_id).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('organizations').select(['id', 'code', 'headcount_cap']).where('study_id', '=', wave.study_id).execute();
  // JS string order, not the database collation, fixes the organization order on both dialects.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const organizations = rows.map((o) => ({ id: o.id, code: o.code, headcountCap: o.headcount_cap === null ? null : Number(o.headcount_cap) }));
  return { wave, studyName: study.name, organizations, marker };
}

/**
 * Steps 2 and 3: every response of the wave, each chunk's organizations put in the plan's
 * order, their rows in canonical order and unpacked as soon as the chunk is read.
 */
async function readWave(db: Kysely<Database>, plan: Plan, options: ExtractOptions): Promise<Read> {
  const ids = plan.organizations.map((o) => o.id);
  const indexById = new Map(ids.map((id, i) => [id, i]));
  const read = { counts: new Array<number>(ids.length).fill(0), invalid: 0, versions: new Set<string>() };
  const unpacker = new Unpacker(0);
  // One chunk is packed at a time: its packed rows reuse the last chunk's arrays, not garbage to collect per chunk.
  let packed: PackedRows = packedRows(0);
  // Chunks cover consecutive organizations of the plan, in its order.
  let covered = 0;
  for await (const chunk of readWaveResponses(db, plan.wave.id, ids, RESPONSE_COLUMNS, { chunkRows: options.chunkRows, threads: options.readers })) {
    const order = inPlanOrder(chunk, indexById, covered);
    if (packed.person.length < chunk.columns.rows) packed = packedRows(Math.ceil(chunk.columns.rows * 1.5));
    pack(chunk, order, read, packed);
    covered += chunk.covers;
    // Room for the chunk, and when short, for the rest of the wave at the rate read so far (a tenth over).
    const rows = unpacker.length + chunk.columns.rows;
    unpacker.reserve(chunk.columns.rows, Math.ceil(rows + (rows / covered) * (ids.length - covered) * 1.1));
    let from = 0;
    for (const { index, count } of order) {
      unpacker.organization(index, packed, from, count);
      read.counts[index] = count;
      from += count;
    }
    options.onProgress?.(covered, ids.length);
  }
  return { ...read, columns: unpacker.finish() };
}

interface Placed {
  /** The organization's place in the plan. */
  index: number;
  /** Its first row in the chunk, and how many. */
  from: number;
  count: number;
}

/** The chunk's organizations (it covers the plan's from `covered` on) in the plan's order, each with where its rows are in the chunk. */
function inPlanOrder(chunk: ResponseChunk, indexById: ReadonlyMap<string, number>, covered: number): Placed[] {
  let from = 0;
  const placed = chunk.organizations.map(({ organizationId, responses }) => {
    const index = indexById.get(organizationId);
    if (index === undefined || index < covered || index >= covered + chunk.covers) throw new Error(`The wave's reader returned organization ${organizationId} outside the chunk it was asked for.`);
    const p = { index, from, count: responses };
    from += responses;
    return p;
  });
  if (from !== chunk.columns.rows) throw new Error(`A chunk of the wave holds ${chunk.columns.rows} rows but counts ${from}.`);
  return placed.sort((a, b) => a.index - b.index);
}

/** A chunk's rows into `packed` from slot 0, organization after organization in `order`; counts its invalid answers and versions into `read`. */
function pack(chunk: ResponseChunk, order: readonly Placed[], read: Pick<Read, 'invalid' | 'versions'>, packed: PackedRows): void {
  const { columns } = chunk;
  const tenure = columns.numbers.tenure_years;
  const person = columns.numbers.person;
  const words = WORD_KEYS.map((key) => columns.numbers[key]);
  let invalid = 0;
  let i = 0;
  for (const { from, count } of order) {
    for (let r = from; r < from + count; r++, i++) {
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
  read.invalid += invalid;
  for (const version of columns.distinct.instrument_version) read.versions.add(version as string);
}

/**
 * Step 4: each organization's responses were read at some moment of the read, so one added
 * to or removed from an organization after it was read must not go unnoticed. When nothing
 * at all was committed since the plan, nothing changed; else every organization's count is
 * taken again and must be what was read.
 */
async function checkUnchanged(db: Kysely<Database>, plan: Plan, counts: readonly number[]): Promise<void> {
  if (nothingWritten(plan.marker, writeMarker(db))) return;
  const now = new Map((await countWaveResponses(db, plan.wave.id)).map((c) => [c.organizationId, c.responses]));
  const same = now.size === counts.filter((c) => c > 0).length && plan.organizations.every((o, i) => (now.get(o.id) ?? 0) === counts[i]);
  if (!same) throw changed(plan.wave.id);
}

async function readProfiles(db: Kysely<Database>, waveId: string): Promise<Pick<WaveData, 'profiles' | 'draftProfiles' | 'exits'>> {
  const profileRows = await db.selectFrom('org_profiles').selectAll().where('wave_id', '=', waveId).execute();
  // The columns used, not the wave's id again on every row: a large study has a hundred
  // thousand departure rows, and that string each was most of the read.
  const exits = await db
    .selectFrom('profile_exits')
    .select(['organization_id', 'staff_group', 'tenure_band', 'count'])
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
