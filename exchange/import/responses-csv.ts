// Imports staff responses collected elsewhere (paper forms, another survey tool, an
// earlier Rootwork export) from a CSV file into one wave. Two streaming passes keep
// memory bounded on a 1,000,000-row file: the first validates every row and reports
// every problem; only a clean file gets the second, which writes all rows in ONE
// transaction. Imported rows get random ids, source 'import' and the import day.
import { CompiledQuery, SqliteAdapter, sql, type Kysely } from 'kysely';
import { VARIABLE_NAMES } from '../../instrument/codebook.js';
import type { Database, NewResponse } from '../../data/database.js';
import { InvalidInputError } from '../../data/errors.js';
import { randomId } from '../../data/ids.js';
import { getWave, waveToday } from '../../data/repositories/studies.js';
import { readCsvRecords, sniffCsv, type CsvDialect } from './csv-stream.js';
import { resolveHeader, type ResolvedColumn } from './response-columns.js';
import { EMPTY_MAPPING, type ResponseMapping } from './response-mapping.js';
import { validateRow, type RowContext, type RowIssue } from './response-row.js';

export type { RowIssue };

export interface ImportOptions {
  file: string;
  waveId: string;
  mapping?: ResponseMapping;
  /** Called for every problem found, in file order (the CLI streams them to a report file). */
  onIssue?: (issue: RowIssue) => void;
  /** Called every 10,000 rows of each pass. */
  onProgress?: (pass: 'validate' | 'write', rows: number) => void;
  clock?: () => Date;
}

export interface ImportSummary {
  rows: number;
  dialect: CsvDialect;
  /** Source columns left out: listed under "ignore", or derived columns of a Rootwork export. */
  ignored: string[];
  columns: { source: string; target: string }[];
}

/** Thrown when any row (or the header) is bad: nothing was written. */
export class ImportRejectedError extends InvalidInputError {
  constructor(readonly file: string, readonly badRows: number, readonly issueCount: number, readonly firstIssues: RowIssue[], hint?: string) {
    super(
      `${file}: ${issueCount} problem(s) in ${badRows} row(s), nothing imported${hint ? ` (${hint})` : ''}. First: ${firstIssues.slice(0, 3).map(formatIssue).join('; ')}.`,
      firstIssues.map((i) => ({ path: `row ${i.row}${i.column ? `, ${i.column}` : ''}`, message: i.problem })),
    );
    this.name = 'ImportRejectedError';
  }
}

export function formatIssue(i: RowIssue): string {
  if (i.column === '') return `row ${i.row} ${i.problem}`;
  return `row ${i.row}, column ${i.column}, value ${JSON.stringify(i.value)}: ${i.problem}`;
}

// All stored columns, so every inserted row has the same shape (multi-row VALUES needs it).
const ALL_COLUMNS: readonly string[] = ['id', 'wave_id', 'organization_id', 'received_on', 'instrument_version', 'lang', 'source', ...VARIABLE_NAMES];
const FIRST_ISSUES = 50;
const IMPORT_CACHE_KIB = 128 * 1024;
const CHUNK_ROWS = 400; // × ~70 columns stays under SQLite's 32,766 bound parameters.

export async function importResponsesCsv(db: Kysely<Database>, options: ImportOptions): Promise<ImportSummary> {
  const wave = await getWave(db, options.waveId);
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const dialect = sniffCsv(options.file);
  const orgs = await db.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', wave.study_id).execute();
  const organizations = new Map(orgs.map((o) => [o.code, o.id]));

  const first: RowIssue[] = [];
  let issueCount = 0;
  let badRows = 0;
  const report = (issues: readonly RowIssue[]) => {
    for (const i of issues) {
      issueCount += 1;
      if (first.length < FIRST_ISSUES) first.push(i);
      options.onIssue?.(i);
    }
  };

  // Pass 1: header and every row, nothing written.
  let ctx: RowContext | undefined;
  let columns: ResolvedColumn[] = [];
  let ignored: string[] = [];
  let rows = 0;
  for await (const rec of readCsvRecords(options.file, dialect)) {
    if (!ctx) {
      const header = resolveHeader(rec.cells, mapping);
      if (header.problems.length > 0) {
        report(header.problems.map((p) => ({ row: rec.row, column: p.column, value: '', problem: p.problem })));
        throw new ImportRejectedError(options.file, 1, issueCount, first);
      }
      columns = header.columns;
      ignored = header.ignored;
      ctx = { columns, mapping, organizations, headerLength: rec.cells.length };
      continue;
    }
    rows += 1;
    const result = validateRow(rec.cells, rec.row, ctx);
    if (result.issues.length > 0) {
      badRows += 1;
      report(result.issues);
    }
    if (rows % 10_000 === 0) options.onProgress?.('validate', rows);
  }
  if (!ctx) throw new InvalidInputError(`${options.file} has no header row.`, [{ path: 'file', message: 'no header' }]);
  if (issueCount > 0) throw new ImportRejectedError(options.file, badRows, issueCount, first);
  if (rows === 0) throw new InvalidInputError(`${options.file} has a header but no responses: nothing to import.`, [{ path: 'file', message: 'no rows' }]);

  // Pass 2: the same rows again, written in one transaction (all or none).
  // The day of the import where the study's staff are, like every other response's day.
  const receivedOn = await waveToday(db, wave.id, options.clock);
  const validated = ctx;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.transaction().execute(async (trx) => {
    // Random ids land all over the primary-key B-tree: with SQLite's default 2 MB page cache
    // a million-row import spends its time re-reading pages. A larger cache for this
    // transaction only keeps memory bounded (the cache, not the file) and restores after.
    const previousCache = sqlite ? (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(trx)).rows[0]?.cache_size : undefined;
    if (sqlite) await sql.raw(`PRAGMA cache_size = -${IMPORT_CACHE_KIB}`).execute(trx);
    try {
      await writeRows(trx);
    } finally {
      if (previousCache !== undefined) await sql.raw(`PRAGMA cache_size = ${Number(previousCache)}`).execute(trx);
    }
  });
  return { rows, dialect, ignored, columns: columns.map((c) => ({ source: c.source, target: c.target.name })) };

  async function writeRows(trx: Kysely<Database>): Promise<void> {
    // Kysely compiles each multi-row INSERT afresh, which costs more than the write on a big
    // file; the chunk shape never changes, so compile it once and bind new parameters.
    const template = Object.fromEntries(ALL_COLUMNS.map((c) => [c, ''])) as unknown as NewResponse;
    const sqlFor = new Map<number, string>();
    const insert = async (batch: unknown[][]) => {
      let text = sqlFor.get(batch.length);
      if (text === undefined) {
        const compiled = trx.insertInto('responses').values(Array.from({ length: batch.length }, () => template)).compile();
        if (compiled.parameters.length !== batch.length * ALL_COLUMNS.length) throw new Error('Insert template did not bind every column.');
        text = compiled.sql;
        sqlFor.set(batch.length, text);
      }
      await trx.executeQuery(CompiledQuery.raw(text, batch.flat()));
    };
    let batch: unknown[][] = [];
    let written = 0;
    let header = true;
    for await (const rec of readCsvRecords(options.file, dialect)) {
      if (header) {
        header = false;
        continue;
      }
      const result = validateRow(rec.cells, rec.row, validated);
      // The file changed between the passes: refuse rather than write something unchecked.
      if (result.fields === null) throw new InvalidInputError(`${options.file} changed while it was being imported (${formatIssue(result.issues[0])}): nothing imported, try again.`);
      const fields = result.fields as Record<string, unknown>;
      const fixed: Record<string, unknown> = { id: randomId(), wave_id: wave.id, received_on: receivedOn, source: 'import' };
      batch.push(ALL_COLUMNS.map((c) => (c in fixed ? fixed[c] : fields[c] ?? null)));
      if (batch.length === CHUNK_ROWS) {
        await insert(batch);
        written += batch.length;
        batch = [];
        if (written % 10_000 === 0) options.onProgress?.('write', written);
      }
    }
    if (batch.length > 0) await insert(batch);
    written += batch.length;
    if (written !== rows) throw new InvalidInputError(`${options.file} changed while it was being imported (${rows} rows checked, ${written} read): nothing imported, try again.`);
  }
}
