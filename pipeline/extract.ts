// Extract: reads one wave through Kysely in bounded chunks (organizations batched to about
// CHUNK_ROWS responses) into typed columns, answers packed by SQL arithmetic (see
// extract-columns.ts). The same Kysely-built queries run on SQLite and PostgreSQL; on SQLite
// the compiled query runs on the better-sqlite3 connection in array row mode (arrayRows), as
// object rows cost a second per million responses, and on a SQLite file a wave of several
// chunks is read by reader threads (extract-readers.ts), one per core. A canonical order by
// content makes the result — and its fingerprint — identical on every path and dialect.
import crypto from 'node:crypto';
import type { Compilable, Kysely } from 'kysely';
import { sqliteConnectionOf } from '../data/connect.js';
import type { Database } from '../data/database.js';
import { ConflictError } from '../data/errors.js';
import { getWave } from '../data/repositories/studies.js';
import { decodePerson, INVALID_WEIGHT, itemWord, ITEM_WORDS, ITEMS, personWord, wordColumns } from './extract-columns.js';
import type { OrgRecord, WaveData } from './wave-data.js';
import { ExtractReaders, type ChunkColumns } from './extract-readers.js';

const CHUNK_ROWS = 20_000;
// Measured on 2 cores: 100,000 responses (5 chunks) read 0.45-0.67 s here, 0.76-0.84 s on
// reader threads; 1,000,000 (50 chunks) 6.1-6.2 s here, 4.3-4.8 s on two reader threads.
const MIN_CHUNKS_FOR_READERS = 10;
// Below both dialects' bound-parameter limits, with room for the wave id.
const MAX_ORGS_PER_CHUNK = 900;
// Column names built once: a template string per row and word cost a string build and hash each.
const WORD_KEYS = Array.from({ length: ITEM_WORDS }, (_, w) => `w${w}`);


export interface ExtractOptions {
  /** Called after each chunk with responses read so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** SQLite file: reader threads for a wave of several chunks (default 2 from 10 chunks on; 0 reads here). */
  readers?: number;
  /** Responses per chunk, about (default 20,000; smaller in tests, to have several chunks). */
  chunkRows?: number;
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
  // Column order matters: rows are read as arrays in this order (see arrayRows).
  // instrument_version rides along: one short string per row costs less than a second scan
  // of the wave for `select distinct`.
  const select = [
    'tenure_years' as const,
    'instrument_version' as const,
    personWord().as('person'),
    ...WORD_KEYS.map((key, w) => itemWord(w).as(key)),
  ];
  const keys = ['tenure_years', 'instrument_version', 'person', ...WORD_KEYS];
  const versions = new Set<string>();
  const inDatabaseOrder = counts.map((c) => {
    const o = indexById.get(c.organization_id);
    if (o === undefined) throw changed(waveId);
    return orgs[o];
  });
  const fill = (batch: OrgRecord[], cols: ChunkColumns) => {
    if (cols.rows !== batch.reduce((sum, o) => sum + o.respondents, 0)) throw changed(waveId);
    let r = 0;
    for (const o of batch) {
      for (let i = o.start; i < o.start + o.respondents; i++, r++) {
        const tenure = cols.tenure[r];
        raw.tenure[i] = Number.isInteger(tenure) && tenure >= 0 && tenure <= 60 ? tenure : -1;
        raw.person[i] = cols.person[r];
        for (let w = 0; w < ITEM_WORDS; w++) {
          const word = cols.words[w][r];
          const bad = Math.floor(word / INVALID_WEIGHT);
          invalid += bad;
          raw.words[w][i] = word - bad * INVALID_WEIGHT;
        }
      }
    }
    for (const version of cols.versions) versions.add(version);
    read += cols.rows;
    options.onProgress?.(read, n);
  };
  const chunks = [...batches(inDatabaseOrder, options.chunkRows ?? CHUNK_ROWS)];
  const queries = chunks.map((batch) => db
    .selectFrom('responses')
    .select(select)
    .where('wave_id', '=', waveId)
    .where('organization_id', 'in', batch.map((o) => o.id))
    .orderBy('organization_id'));
  const conn = sqliteConnectionOf(db);
  // Starting the threads costs ~0.2 s: by default they read only waves large enough to repay it.
  const threads = options.readers ?? (chunks.length >= MIN_CHUNKS_FOR_READERS ? 2 : 0);
  if (conn && !conn.memory && threads > 0 && chunks.length > 1) {
    // A SQLite file: reader threads step the chunk queries (most of an extract's time) on
    // both cores, a few chunks ahead of this thread filling the columns.
    const readers = new ExtractReaders(conn.name, threads, ITEM_WORDS);
    try {
      const ahead = 2 * threads;
      // Reads still out when one fails are abandoned: their rejections are not news.
      const start = (query: (typeof queries)[number]) => {
        const reading = readers.read(query.compile());
        reading.catch(() => {});
        return reading;
      };
      const pending = queries.slice(0, ahead).map(start);
      for (let c = 0; c < chunks.length; c++) {
        const cols = await pending[c];
        if (c + ahead < queries.length) pending.push(start(queries[c + ahead]));
        fill(chunks[c], cols);
      }
    } finally {
      await readers.close();
    }
  } else {
    for (let c = 0; c < chunks.length; c++) fill(chunks[c], toColumns(await arrayRows(db, queries[c], keys)));
  }
  // Rows are placed by position, so a response added or removed mid-read must not go unnoticed.
  const after = await countResponses();
  if (after.length !== counts.length || after.some((c, j) => c.organization_id !== counts[j].organization_id || Number(c.n) !== Number(counts[j].n))) {
    throw changed(waveId);
  }
  if (read !== n) throw changed(waveId);
  const data = allocate(n);
  const columns = wordColumns(data.items);
  // Slot i takes raw row order[i]; the columns are then filled one at a time (tight,
  // monomorphic loops: decoding row by row across some sixty columns cost several times more).
  const order = new Int32Array(n);
  for (let o = 0; o < orgs.length; o++) {
    const { start: from, respondents } = orgs[o];
    data.org.fill(o, from, from + respondents);
    order.set(canonicalOrder(raw, from, from + respondents), from);
  }
  for (let i = 0; i < n; i++) {
    const src = order[i];
    const p = decodePerson(raw.person[src]);
    data.role[i] = p.role;
    data.poc[i] = p.poc;
    data.raceDeclined[i] = p.declined;
    data.looking[i] = p.looking;
    data.gender[i] = p.gender;
    data.ageBand[i] = p.ageBand;
    data.tenure[i] = raw.tenure[src];
  }
  for (let w = 0; w < ITEM_WORDS; w++) {
    const words = raw.words[w];
    const cols = columns[w];
    for (let j = 0; j < cols.length; j++) {
      const col = cols[j];
      const shift = 3 * j;
      for (let i = 0; i < n; i++) col[i] = (words[order[i]] >>> shift) & 7;
    }
  }
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
    instrumentVersions: [...versions].sort(),
    profiles,
    draftProfiles,
    exits: exits.map((e) => ({ ...e, tenure_band: Number(e.tenure_band), count: Number(e.count) })),
    fingerprint: '',
  };
  result.fingerprint = fingerprint(result);
  return result;
}

/**
 * Runs a Kysely-built query and returns its rows as arrays of the `keys` columns. On SQLite
 * the compiled SQL runs on the better-sqlite3 connection in raw (array) mode: the same query,
 * but no JS object with named properties per row, which cost about a second per million
 * rows. Elsewhere (PostgreSQL) Kysely executes it and the rows are reshaped to arrays, so both
 * paths feed the same loop and produce the same WaveData.
 */
async function arrayRows(db: Kysely<Database>, query: Compilable<unknown> & { execute(): Promise<unknown[]> }, keys: string[]): Promise<unknown[][]> {
  const conn = sqliteConnectionOf(db);
  if (conn) {
    const { sql, parameters } = query.compile();
    return conn.prepare(sql).raw(true).all(...(parameters as unknown[])) as unknown[][];
  }
  const rows = (await query.execute()) as Record<string, unknown>[];
  return rows.map((row) => keys.map((k) => row[k]));
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

/** Rows as the reader threads send them: columns of numbers (see extract-reader.worker.mjs). */
function toColumns(rows: unknown[][]): ChunkColumns {
  const n = rows.length;
  const cols: ChunkColumns = { rows: n, tenure: new Float64Array(n), person: new Float64Array(n), words: Array.from({ length: ITEM_WORDS }, () => new Float64Array(n)), versions: [] };
  const versions = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    cols.tenure[i] = typeof row[0] === 'number' ? row[0] : NaN;
    versions.add(row[1] as string);
    cols.person[i] = Number(row[2]);
    for (let w = 0; w < ITEM_WORDS; w++) cols.words[w][i] = Number(row[3 + w]);
  }
  cols.versions = [...versions];
  return cols;
}

function* batches(orgs: OrgRecord[], chunkRows: number): Generator<OrgRecord[]> {
  let batch: OrgRecord[] = [];
  let rows = 0;
  for (const o of orgs) {
    if (o.respondents === 0) continue;
    batch.push(o);
    rows += o.respondents;
    if (rows >= chunkRows || batch.length >= MAX_ORGS_PER_CHUNK) {
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
 * Fast path: a native numeric sort of (first word, position) packed into one double, then
 * only runs sharing a first word go through the full comparison.
 */
function canonicalOrder(raw: { person: Int32Array; tenure: Int16Array; words: Int32Array[] }, from: number, to: number): number[] {
  const words = raw.words;
  const compare = (a: number, b: number) => {
    for (const w of words) if (w[a] !== w[b]) return w[a] - w[b];
    return raw.person[a] - raw.person[b] || raw.tenure[a] - raw.tenure[b];
  };
  const m = to - from;
  if (m >= POSITION_SPAN) return Array.from({ length: m }, (_, j) => from + j).sort(compare);
  const first = words[0];
  // Packed words are 30-bit non-negative integers: word · 2^22 + position < 2^52, exact.
  const keys = new Float64Array(m);
  for (let j = 0; j < m; j++) keys[j] = first[from + j] * POSITION_SPAN + j;
  keys.sort();
  const idx = new Array<number>(m);
  for (let j = 0; j < m; j++) idx[j] = from + (keys[j] % POSITION_SPAN);
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && first[idx[b]] === first[idx[a]]) b++;
    if (b - a > 1) {
      const run = idx.slice(a, b).sort(compare);
      for (let j = a; j < b; j++) idx[j] = run[j - a];
    }
    a = b;
  }
  return idx;
}

const POSITION_SPAN = 2 ** 22;
