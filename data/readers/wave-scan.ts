// A wave's responses read by one scan of `responses` in key order, for SQLite: the table is
// keyed by a random id (WITHOUT ROWID, so that no row order records arrival), which makes a
// read through the (wave, organization) index cost a B-tree search by random id per row —
// about twenty times the CPU of reading the same rows in key order. The scan returns rows in
// random organization order; a counting pass puts each row in its organization's slots, and
// the result is cut into the same chunks the index path returns, keeping its contract: each
// chunk's rows grouped by organization, in the counts' order.
import { threadId } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { sqliteConnectionOf } from '../connect.js';
import { rowsToColumns, type Columns } from './row-columns.mjs';
import type { OrganizationResponses, ResponseChunk, ResponseColumn } from './wave-responses.js';

// Rows turned into columns at a time: bounds the per-row arrays alive at once.
const BATCH_ROWS = 20_000;
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
 * `chunks` (organizations as countWaveResponses lists them, batched) read by one scan. A
 * chunk's `columns.rows` counts the rows found for its organizations (and the last chunk also
 * those of organizations not in the counts), so a caller comparing it with the counts sees a
 * response added or removed since they were taken. Each chunk's `distinct` values are those
 * of the whole wave (a union over the chunks is the same).
 */
export function* scanWave(db: Kysely<Database>, waveId: string, chunks: readonly OrganizationResponses[][], columns: readonly ResponseColumn[]): Generator<ResponseChunk> {
  const conn = sqliteConnectionOf(db);
  if (!conn) throw new Error('scanWave reads a SQLite database only.');
  const selection = [...columns.map((c) => (c.expression ?? sql.ref(c.name)).as(c.name)), sql.ref('organization_id').as('__organization')];
  // `+wave_id` keeps SQLite off the index: the point is to read the table in key order.
  const query = db.selectFrom('responses').select(selection).where(sql<boolean>`+${sql.ref('wave_id')} = ${waveId}`).compile();
  const orgColumn = columns.length;

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
  const next = planned.slice();
  const found = new Array<number>(planned.length).fill(0);
  let stray = 0;
  const numberNames = columns.filter((c) => c.kind !== 'distinct').map((c) => c.name);
  const distinctNames = columns.filter((c) => c.kind === 'distinct').map((c) => c.name);
  const numbers: Record<string, Float64Array> = Object.fromEntries(numberNames.map((name) => [name, new Float64Array(total).fill(NaN)]));
  const distinct: Record<string, Set<unknown>> = Object.fromEntries(distinctNames.map((name) => [name, new Set()]));

  const place = (rows: unknown[][]) => {
    const read: Columns = rowsToColumns(rows, columns);
    const to = new Int32Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const o = slot.get(rows[r][orgColumn] as string);
      if (o === undefined) {
        stray++;
        to[r] = -1;
        continue;
      }
      found[o]++;
      // Past the organization's planned rows (a response added since the counts): counted, not placed.
      to[r] = next[o] < (o + 1 < planned.length ? planned[o + 1] : total) ? next[o]++ : -1;
    }
    for (const name of numberNames) {
      const from = read.numbers[name];
      const into = numbers[name];
      for (let r = 0; r < rows.length; r++) if (to[r] >= 0) into[to[r]] = from[r];
    }
    for (const name of distinctNames) for (const v of read.distinct[name]) distinct[name].add(v);
  };
  let batch: unknown[][] = [];
  for (const row of conn.prepare(query.sql).raw(true).iterate(...query.parameters) as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) {
      place(batch);
      batch = [];
    }
  }
  place(batch);

  let o = 0;
  for (const [c, organizations] of chunks.entries()) {
    const from = planned[o];
    const to = o + organizations.length < planned.length ? planned[o + organizations.length] : total;
    let rows = 0;
    for (let j = 0; j < organizations.length; j++) rows += found[o + j];
    o += organizations.length;
    if (c === chunks.length - 1) rows += stray;
    const chunkNumbers = Object.fromEntries(numberNames.map((name) => [name, numbers[name].subarray(from, to)]));
    // The distinct values of the whole wave ride with every chunk: a set, so the union is the same.
    const chunkDistinct = Object.fromEntries(distinctNames.map((name) => [name, [...distinct[name]]]));
    yield { organizations, columns: { rows, numbers: chunkNumbers, distinct: chunkDistinct }, thread: threadId };
  }
}
