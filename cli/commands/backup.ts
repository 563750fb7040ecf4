// rootwork backup FILE: a consistent copy of the SQLite database, taken with SQLite's online
// backup while the service keeps taking submissions. PostgreSQL is pointed at pg_dump.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactUrl } from '../../data/connect.js';
import { secretPathFor } from '../../data/config.js';
import { DatabaseError } from '../../data/errors.js';
import { parse, UsageError, type Command } from '../args.js';
import { usage } from '../usage/backup.js';

export const backupCommand: Command = {
  name: 'backup',
  usage,
  async run(argv, ctx) {
    const { positionals } = parse('backup', argv, {}, true);
    if (positionals.length !== 1) {
      throw new UsageError(`backup: give exactly one FILE to write (got ${positionals.length}). See \`rootwork backup --help\`.`);
    }
    const url = ctx.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
    const parsed = parseDatabaseUrl(url);
    if (parsed.dialect === 'postgres') {
      throw new UsageError(`backup: DATABASE_URL is PostgreSQL (${redactUrl(parsed.target)}); back it up with \`pg_dump --format=custom --file=FILE "$DATABASE_URL"\` and restore with pg_restore.`);
    }
    const result = await backupSqlite(parsed.target, positionals[0]);
    ctx.err(`Backed up ${parsed.target} (${result.pages} pages) to ${result.file}${result.secretFile ? `, and its secret to ${result.secretFile}` : ''}.`);
    ctx.out(result.file);
  },
};

export interface BackupResult {
  file: string;
  pages: number;
  /** Where the database's secret was copied, when it has one beside it. */
  secretFile?: string;
}

// Every page in one backup step: the copy is then a single read transaction's snapshot.
// In WAL mode that never blocks the service's writers, whereas copying in small steps
// restarts each time another connection writes, which under load may never finish.
const ALL_PAGES = 0x7fffffff;

/** Copies `source` to `target` with SQLite's online backup, via a checked temporary file. */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  if (source === ':memory:') throw new UsageError('backup: DATABASE_URL is :memory:, which has nothing on disk to back up.');
  const from = path.resolve(source);
  const to = path.resolve(target);
  if (!fs.existsSync(from)) {
    throw new DatabaseError('database_unreachable', `There is no database at ${source}: check DATABASE_URL (run \`rootwork migrate\` to create one).`);
  }
  if (from === to) throw new UsageError(`backup: FILE is the database itself (${source}); write the copy somewhere else.`);
  if (fs.existsSync(to)) throw new UsageError(`backup: ${target} already exists; choose a new file name or remove it first.`);
  if (!fs.existsSync(path.dirname(to))) throw new UsageError(`backup: folder ${path.dirname(to)} does not exist; create it first.`);
  const secretFrom = secretPathFor(from);
  const secretTo = secretPathFor(to);
  const copySecret = fs.existsSync(secretFrom);
  if (copySecret && fs.existsSync(secretTo)) throw new UsageError(`backup: ${secretTo} already exists; choose a new file name or remove it first.`);

  const tmp = `${to}.partial-${process.pid}`;
  let conn: SQLite.Database;
  try {
    conn = new SQLite(from, { fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new DatabaseError('database_unreachable', `Cannot open ${source} to back it up: ${(cause as Error).message}.`, { cause });
  }
  try {
    // Owner-only like the database itself (SQLite would create it 0644 under the usual umask).
    fs.closeSync(fs.openSync(tmp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
    const progress = await conn.backup(tmp, { progress: () => ALL_PAGES });
    verifyCopy(tmp);
    if (copySecret) fs.copyFileSync(secretFrom, secretTo, fs.constants.COPYFILE_EXCL);
    fs.renameSync(tmp, to);
    if (copySecret) fs.chmodSync(secretTo, 0o600);
    return { file: target, pages: progress.totalPages, ...(copySecret ? { secretFile: secretTo } : {}) };
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof UsageError || err instanceof DatabaseError) throw err;
    throw new DatabaseError('database_unwritable', `Backup of ${source} to ${target} failed: ${(err as Error).message}.`, { cause: err });
  } finally {
    conn.close();
  }
}

/** Makes the copy one self-contained file (no -wal beside it) and checks it. */
function verifyCopy(file: string): void {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    const verdict = rows.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok') throw new DatabaseError('database_unwritable', `The copy failed its integrity check (${verdict}); the source may be damaged: run \`sqlite3 DB "PRAGMA integrity_check"\`.`);
  } finally {
    copy.close();
  }
}

function removeQuietly(file: string): void {
  // Cleanup of our own temporary file; the error that brought us here is what matters.
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}
