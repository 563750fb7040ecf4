// A wave's responses as the pipeline reads them: in chunks of whole organizations, in the
// order the caller lists them, each chunk as columns (column-reader.ts) of whatever the
// caller selects — plain columns, or expressions it builds over them — with how many rows
// each of its organizations has. The same Kysely-built queries run on SQLite and PostgreSQL.
//
// The counts come with the rows, so nothing counts the wave beforehand (a pass over the
// whole table of its own). On SQLite a chunk is one statement per organization
// (statement-rows.mjs), each reading one range of the table's key (wave, organization, id),
// its rows counted as they come. PostgreSQL reads a chunk in one query through its (wave,
// organization) index, in its collation's order, the rows' organization ids counted in runs
// (row-columns.mjs): a statement per organization would be a round trip each. Either way a
// chunk's rows come grouped by organization, and `organizations` lists them in row order.
//
// A chunk holds about `chunkRows` responses. The first few organizations are read here; the
// rows per organization seen so far size each next chunk, and when the first chunk suggests
// a large wave, reader threads read the rest of it (on a SQLite file).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database.js';
import { sqliteConnectionOf } from '../connect.js';
import { openColumnReader, type ColumnReader, type ColumnRead } from './column-reader.js';
import type { ColumnSpec } from './row-columns.mjs';

export type { ColumnKind, ColumnSpec, Columns } from './row-columns.mjs';

const CHUNK_ROWS = 20_000;
/** Organizations in the first chunk, read here: the sample that sizes the rest. */
const FIRST_CHUNK = 16;
// Starting reader threads (each opens its own connection) costs more than a small wave
// takes to read: by default they read only what is left of a wave of ten chunks or more.
const THREADS_FROM_CHUNKS = 10;
const DEFAULT_THREADS = 2;
// Below both dialects' bound-parameter limits, with room for the wave id.
const MAX_ORGS_PER_CHUNK = 900;
// Stands for each organization's id in the statement run once per organization.
const ORGANIZATION = '\u0000organization';
// The organization id column PostgreSQL's chunks count in runs.
const ORGANIZATION_RUNS = 'organization_runs';

export interface OrganizationResponses {
  organizationId: string;
  responses: number;
}

/** Responses per organization of a wave that has any (to check a read against). */
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
  /** Reader threads on a SQLite file: by default 2 for the rest of a wave of 10 chunks or more, else 0 (read here); when given, they read every chunk. */
  threads?: number;
}

export interface ResponseChunk extends ColumnRead {
  /** The organizations whose rows the chunk holds (those with any), in row order, with how many each. */
  organizations: OrganizationResponses[];
  /** How many organizations of the list the chunk covers, those without responses included. */
  covers: number;
}

/**
 * The responses of the organizations `organizationIds` lists, in chunks of consecutive
 * organizations of that list, in its order. On reader threads the next chunks are read
 * while the caller works on this one; leaving the loop early stops the threads.
 */
export async function* readWaveResponses(
  db: Kysely<Database>,
  waveId: string,
  organizationIds: readonly string[],
  columns: readonly ResponseColumn[],
  options: ReadWaveOptions = {},
): AsyncGenerator<ResponseChunk> {
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`chunkRows must be a whole number ≥ 1, not ${chunkRows}.`);
  const plan = new ChunkPlan(organizationIds, chunkRows);
  const reads = new ChunkReads(db, waveId, columns);
  const here = openColumnReader(db, reads.specs);
  let there: ColumnReader | null = null;
  try {
    if (options.threads !== undefined && options.threads > 0) {
      there = openColumnReader(db, reads.specs, { threads: options.threads });
      yield* readAhead(there, plan, reads);
      return;
    }
    // The first chunk here: the rows per organization it shows size the rest, and say whether threads pay.
    yield* readAhead(here, plan, reads, 1);
    const threads = options.threads ?? (plan.rowsLeft() >= THREADS_FROM_CHUNKS * chunkRows ? DEFAULT_THREADS : 0);
    if (threads > 0) there = openColumnReader(db, reads.specs, { threads });
    yield* readAhead(there ?? here, plan, reads);
  } finally {
    await here.close();
    await there?.close();
  }
}

/** Which organizations each next chunk takes: about chunkRows responses, at the rate seen so far. */
class ChunkPlan {
  #next = 0;
  #orgs = 0;
  #rows = 0;
  constructor(
    private readonly ids: readonly string[],
    private readonly chunkRows: number,
  ) {}

  /** The next chunk's organizations; null when every one is taken, or while the first chunk is out (it sizes the next ones). */
  take(): string[] | null {
    if (this.#next >= this.ids.length || (this.#next > 0 && this.#orgs === 0)) return null;
    const perOrganization = this.#rows / this.#orgs;
    const size = this.#orgs === 0 ? FIRST_CHUNK : perOrganization > 0 ? Math.floor(this.chunkRows / perOrganization) : MAX_ORGS_PER_CHUNK;
    const ids = this.ids.slice(this.#next, this.#next + Math.min(Math.max(size, 1), MAX_ORGS_PER_CHUNK));
    this.#next += ids.length;
    return ids;
  }

  /** A chunk read: `orgs` organizations, `rows` responses. */
  record(orgs: number, rows: number): void {
    this.#orgs += orgs;
    this.#rows += rows;
  }

  /** Responses the organizations not yet taken hold, at the rate seen so far. */
  rowsLeft(): number {
    return this.#orgs === 0 ? 0 : (this.#rows / this.#orgs) * (this.ids.length - this.#next);
  }
}

function selectColumns(db: Kysely<Database>, waveId: string, selected: readonly ResponseColumn[]) {
  return db
    .selectFrom('responses')
    .select(selected.map((c) => (c.expression ?? sql.ref(c.name)).as(c.name)))
    .where('wave_id', '=', waveId);
}

type ChunkQuery = ReturnType<typeof selectColumns>;

/** The queries of a wave's chunks on this dialect, and their reads as chunks. */
class ChunkReads {
  readonly specs: ColumnSpec[];
  readonly #perOrganization: boolean;
  readonly #base: ChunkQuery;

  constructor(
    db: Kysely<Database>,
    waveId: string,
    columns: readonly ResponseColumn[],
  ) {
    this.#perOrganization = sqliteConnectionOf(db) !== null;
    const selected: ResponseColumn[] = this.#perOrganization ? [...columns] : [...columns, { name: ORGANIZATION_RUNS, kind: 'runs', expression: sql.ref('organization_id') }];
    // Plain specs only: they are cloned to the threads.
    this.specs = selected.map(({ name, kind }) => ({ name, kind }));
    this.#base = selectColumns(db, waveId, selected);
  }

  /** The read of a chunk of `ids`. */
  read(reader: ColumnReader, ids: readonly string[]): Promise<ColumnRead> {
    if (this.#perOrganization) return reader.read(this.#base.where('organization_id', '=', ORGANIZATION), { placeholder: ORGANIZATION, values: ids });
    return reader.read(this.#base.where('organization_id', 'in', ids).orderBy('organization_id'));
  }

  /** The read of `ids` as a chunk: its organizations with rows, in row order. */
  chunk(ids: readonly string[], read: ColumnRead): ResponseChunk {
    if (this.#perOrganization) {
      const organizations = ids.flatMap((organizationId, i) => (read.counts![i] > 0 ? [{ organizationId, responses: read.counts![i] }] : []));
      return { ...read, organizations, covers: ids.length };
    }
    const { [ORGANIZATION_RUNS]: runs, ...rest } = read.columns.runs;
    const organizations = runs.map((r) => ({ organizationId: r.value as string, responses: r.count }));
    return { ...read, columns: { ...read.columns, runs: rest }, organizations, covers: ids.length };
  }
}

/** The plan's next chunks (at most `limit`), each with its read recorded in the plan. */
async function* readAhead(reader: ColumnReader, plan: ChunkPlan, reads: ChunkReads, limit = Infinity): AsyncGenerator<ResponseChunk> {
  // On threads, a few more chunks are out while the caller works on one, so no thread idles.
  const ahead = 2 * reader.threads;
  const pending: { ids: string[]; reading: Promise<ColumnRead> }[] = [];
  const start = (): boolean => {
    const ids = plan.take();
    if (!ids) return false;
    const reading = reads.read(reader, ids);
    // Reads still out when one fails are abandoned: their rejections are not news.
    reading.catch(() => {});
    pending.push({ ids, reading });
    return true;
  };
  for (let yielded = 0; yielded < limit; yielded++) {
    while (pending.length <= ahead && start());
    const next = pending.shift();
    if (!next) return;
    const chunk = reads.chunk(next.ids, await next.reading);
    plan.record(next.ids.length, chunk.columns.rows);
    while (pending.length < ahead && start());
    yield chunk;
  }
}
