// A wave's responses as the pipeline reads them: how many each organization has, then the
// responses themselves in bounded chunks (organizations batched to about `chunkRows`
// responses), each chunk as columns (column-reader.ts) of whatever the caller selects —
// plain columns, or expressions it builds over them. The same Kysely-built queries run on
// SQLite and PostgreSQL.
//
// The order is the contract: countWaveResponses lists organizations in the database's own
// collation of organization_id, and every chunk returns its organizations' rows grouped in
// that same order, so a caller can place rows by position without reading any id per row.
// On SQLite that is the order of the table's key (wave, organization, id): a chunk is a few
// ranges of the key read in order, with no search per row; PostgreSQL reads through its
// (wave, organization) index.
import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database.js';
import { openColumnReader, type ColumnReader, type ColumnRead } from './column-reader.js';
import type { ColumnSpec } from './row-columns.mjs';

export type { ColumnKind, ColumnSpec, Columns } from './row-columns.mjs';

const CHUNK_ROWS = 20_000;
// Starting reader threads (each opens its own connection) costs more than a small wave
// takes to read: by default they read only waves large enough to repay it.
const MIN_CHUNKS_FOR_THREADS = 10;
const DEFAULT_THREADS = 2;
// Below both dialects' bound-parameter limits, with room for the wave id.
const MAX_ORGS_PER_CHUNK = 900;

export interface OrganizationResponses {
  organizationId: string;
  responses: number;
}

/** Responses per organization of a wave that has any, in the order chunks return them. */
export async function countWaveResponses(db: Kysely<Database>, waveId: string): Promise<OrganizationResponses[]> {
  const rows = await db
    .selectFrom('responses')
    .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('wave_id', '=', waveId)
    .groupBy('organization_id')
    .orderBy('organization_id')
    .execute();
  return rows.map((r) => ({ organizationId: r.organization_id, responses: Number(r.n) }));
}

/** A selected column: a column of `responses` by its name, or `expression` named `name`. */
export interface ResponseColumn extends ColumnSpec {
  expression?: RawBuilder<unknown>;
}

export interface ReadWaveOptions {
  /** Responses per chunk, about (default 20,000). */
  chunkRows?: number;
  /** Reader threads on a SQLite file (default 2 for a wave of 10 chunks or more, else 0: read here). */
  threads?: number;
}

export interface ResponseChunk extends ColumnRead {
  /** The organizations whose rows the chunk holds, in row order. */
  organizations: OrganizationResponses[];
}

/**
 * The responses of `organizations` (as countWaveResponses lists them) in chunks, in order.
 * On reader threads the next chunks are read while the caller works on this one; leaving
 * the loop early stops the threads.
 */
export async function* readWaveResponses(
  db: Kysely<Database>,
  waveId: string,
  organizations: readonly OrganizationResponses[],
  columns: readonly ResponseColumn[],
  options: ReadWaveOptions = {},
): AsyncGenerator<ResponseChunk> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`chunkRows must be a whole number ≥ 1, not ${chunkRows}.`);
  const chunks = batches(organizations, chunkRows);
  const selection = columns.map((c) => (c.expression ?? sql.ref(c.name)).as(c.name));
  const queries = chunks.map((batch) =>
    db
      .selectFrom('responses')
      .select(selection)
      .where('wave_id', '=', waveId)
      .where('organization_id', 'in', batch.map((o) => o.organizationId))
      .orderBy('organization_id'),
  );
  const threads = chunks.length < 2 ? 0 : (options.threads ?? (chunks.length >= MIN_CHUNKS_FOR_THREADS ? DEFAULT_THREADS : 0));
  const reader = openColumnReader(db, columns, { threads });
  try {
    yield* readAhead(reader, chunks, queries);
  } finally {
    await reader.close();
  }
}

async function* readAhead(reader: ColumnReader, chunks: OrganizationResponses[][], queries: Compilable<unknown>[]): AsyncGenerator<ResponseChunk> {
  // On threads, a few more chunks are out while the caller works on one, so no thread idles.
  const ahead = 2 * reader.threads;
  const pending: Promise<ColumnRead>[] = [];
  let next = 0;
  const start = () => {
    const reading = reader.read(queries[next++]);
    // Reads still out when one fails are abandoned: their rejections are not news.
    reading.catch(() => {});
    pending.push(reading);
  };
  for (const organizations of chunks) {
    while (next < queries.length && pending.length <= ahead) start();
    const read = await pending.shift()!;
    while (next < queries.length && pending.length < ahead) start();
    yield { organizations, ...read };
  }
}

function batches(organizations: readonly OrganizationResponses[], chunkRows: number): OrganizationResponses[][] {
  const out: OrganizationResponses[][] = [];
  let batch: OrganizationResponses[] = [];
  let rows = 0;
  for (const o of organizations) {
    if (o.responses === 0) continue;
    batch.push(o);
    rows += o.responses;
    if (rows >= chunkRows || batch.length >= MAX_ORGS_PER_CHUNK) {
      out.push(batch);
      batch = [];
      rows = 0;
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}
