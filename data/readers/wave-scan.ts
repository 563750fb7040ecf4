// A wave's responses read by one scan of `responses` in key order, for SQLite: the table is
// keyed by a random id (WITHOUT ROWID, so that no row order records arrival), which makes a
// read through the (wave, organization) index cost a B-tree search by random id per row —
// about twenty times the CPU of reading the same rows in key order. The scan (split by key
// range over reader threads, one per core) returns rows in random organization order; a
// counting pass puts each row in its organization's slots, and the result is cut into the
// same chunks the index path returns, keeping its contract: each chunk's rows grouped by
// organization, in the counts' order.
import { threadId } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { sqliteConnectionOf } from '../connect.js';
import { openColumnReader } from './column-reader.js';
import type { Columns } from './row-columns.mjs';
import type { OrganizationResponses, ResponseChunk, ResponseColumn } from './wave-responses.js';

// The organization id of each row, read beside the caller's columns to place the row.
const ORGANIZATION = '__organization';
const HEX = '0123456789abcdef';
// The scan reads every wave's rows; below this share of the table the index path reads less.
const MIN_SHARE_FOR_SCAN = 1 / 8;

/** Whether one scan reads the wave more cheaply than the index: a SQLite database whose responses are mostly this wave's. */
export async function scanIsCheaper(db: Kysely<Database>, waveRows: number): Promise<boolean> {
  if (!sqliteConnectionOf(db) || waveRows === 0) return false;
  // Counted on the smallest index, not the table.
  const { n } = await db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return waveRows >= Number(n) * MIN_SHARE_FOR_SCAN;
}

/**
 * `chunks` (organizations as countWaveResponses lists them, batched) read by one scan —
 * split into `threads` ranges of the random id, each scanned on a reader thread of its own
 * (none: here). A chunk's `columns.rows` counts the rows found for its organizations (and
 * the last chunk also those of organizations not in the counts), so a caller comparing it
 * with the counts sees a response added or removed since they were taken. Each chunk's
 * `distinct` values are those of the whole wave (a union over the chunks is the same).
 */
export async function* scanWave(
  db: Kysely<Database>,
  waveId: string,
  chunks: readonly OrganizationResponses[][],
  columns: readonly ResponseColumn[],
  threads: number,
): AsyncGenerator<ResponseChunk> {
  if (!sqliteConnectionOf(db)) throw new Error('scanWave reads a SQLite database only.');
  const selection = [...columns.map((c) => (c.expression ?? sql.ref(c.name)).as(c.name)), sql.ref('organization_id').as(ORGANIZATION)];
  const specs: ResponseColumn[] = [...columns, { name: ORGANIZATION, kind: 'text' }];
  // `+wave_id` keeps SQLite off the (wave, organization) index: the point is to read the
  // table in key order. The ranges split the key space evenly for random hex ids (by their
  // first character) and, as ranges, cover any id.
  // Sixteen ranges, not one per thread: each thread then holds a sixteenth of the wave's rows
  // as row arrays at a time, not half of it.
  const bounds = threads > 1 ? HEX.slice(1).split('') : [];
  const queries = [undefined, ...bounds].map((from, i) => {
    let q = db.selectFrom('responses').select(selection).where(sql<boolean>`+${sql.ref('wave_id')} = ${waveId}`);
    if (from !== undefined) q = q.where('id', '>=', from);
    if (i < bounds.length) q = q.where('id', '<', bounds[i]);
    return q;
  });

  // Slots: each organization's rows contiguous, organizations in the chunks' order.
  const slot = new Map<string, number>();
  const planned: number[] = [];
  let total = 0;
  for (const chunk of chunks) {
    for (const o of chunk) {
      slot.set(o.organizationId, planned.length);
      planned.push(total);
      total += o.responses;
    }
  }
  const end = (o: number) => (o + 1 < planned.length ? planned[o + 1] : total);
  const next = planned.slice();
  const found = new Array<number>(planned.length).fill(0);
  let stray = 0;
  const numberNames = columns.filter((c) => c.kind !== 'distinct').map((c) => c.name);
  const distinctNames = columns.filter((c) => c.kind === 'distinct').map((c) => c.name);
  const numbers: Record<string, Float64Array> = Object.fromEntries(numberNames.map((name) => [name, new Float64Array(total).fill(NaN)]));
  const distinct: Record<string, Set<unknown>> = Object.fromEntries(distinctNames.map((name) => [name, new Set()]));

  const place = (read: Columns) => {
    const orgs = read.texts[ORGANIZATION];
    const to = new Int32Array(read.rows);
    for (let r = 0; r < read.rows; r++) {
      const o = slot.get(orgs[r] as string);
      if (o === undefined) {
        stray++;
        to[r] = -1;
        continue;
      }
      found[o]++;
      // Past the organization's planned rows (a response added since the counts): counted, not placed.
      to[r] = next[o] < end(o) ? next[o]++ : -1;
    }
    for (const name of numberNames) {
      const from = read.numbers[name];
      const into = numbers[name];
      for (let r = 0; r < read.rows; r++) if (to[r] >= 0) into[to[r]] = from[r];
    }
    for (const name of distinctNames) for (const v of read.distinct[name]) distinct[name].add(v);
  };
  const reader = openColumnReader(db, specs, { threads: threads > 1 ? threads : 0 });
  try {
    const reads = queries.map((q) => reader.read(q));
    // Reads still out when one fails are abandoned: their rejections are not news.
    for (const r of reads) r.catch(() => {});
    for (const r of reads) place((await r).columns);
  } finally {
    await reader.close();
  }

  let o = 0;
  for (const [c, organizations] of chunks.entries()) {
    const from = planned[o];
    const to = o + organizations.length < planned.length ? planned[o + organizations.length] : total;
    let rows = 0;
    for (let j = 0; j < organizations.length; j++) rows += found[o + j];
    o += organizations.length;
    if (c === chunks.length - 1) rows += stray;
    const chunkNumbers = Object.fromEntries(numberNames.map((name) => [name, numbers[name].subarray(from, to)]));
    const chunkDistinct = Object.fromEntries(distinctNames.map((name) => [name, [...distinct[name]]]));
    yield { organizations, columns: { rows, numbers: chunkNumbers, distinct: chunkDistinct, texts: {} }, thread: threadId };
  }
}
