// Opens the database named by a URL: a SQLite file (the embedded default) through
// better-sqlite3, or PostgreSQL through a pg pool. Everything above this module speaks
// Kysely and does not care which.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';
import { ConfigError, DatabaseError } from './errors.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** A file path for SQLite, the URL without its password for PostgreSQL. */
  location: string;
  /** The raw better-sqlite3 connection, for SQLite-only features (online backup, pragmas). */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'data/rootwork.db';

/** How long a SQLite connection waits for another's write before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Every SQLite connection Rootwork opens is set up with these, in this order. */
export const SQLITE_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  // FULL: every acknowledged transaction is on disk before the commit returns.
  'synchronous = FULL',
  'foreign_keys = ON',
  // The submission writer's thread and the main thread share the file: a writer waits its turn.
  `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
];

const sqliteConnections = new WeakMap<Kysely<Database>, SQLite.Database>();
const postgresPools = new WeakMap<Kysely<Database>, pg.Pool>();
const dialects = new WeakMap<Kysely<Database>, DialectName>();

/**
 * The better-sqlite3 connection under a Kysely instance opened here, for what only SQLite
 * has (the submission writer opens the same file on a thread of its own); undefined otherwise.
 */
export function sqliteConnectionOf(db: Kysely<Database>): SQLite.Database | undefined {
  return sqliteConnections.get(db);
}

/**
 * The pg pool behind a PostgreSQL database, for the one statement run without Kysely (the
 * submission writer's, prepared by name); undefined for SQLite.
 */
export function postgresPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return postgresPools.get(db);
}

/** Which database a Kysely instance opened here speaks; undefined for one opened elsewhere. */
export function dialectOf(db: Kysely<Database>): DialectName | undefined {
  return dialects.get(db);
}

export interface ParsedUrl {
  dialect: DialectName;
  target: string;
}

/** Classifies a DATABASE_URL without opening anything. */
export function parseDatabaseUrl(url: string): ParsedUrl {
  const trimmed = url.trim();
  if (trimmed === '') throw new ConfigError('DATABASE_URL is empty: unset it to use data/rootwork.db, or set it to a SQLite file path or a postgres:// URL.');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgres', target: trimmed };
  if (/^sqlite:/i.test(trimmed)) return { dialect: 'sqlite', target: trimmed.replace(/^sqlite:(\/\/)?/i, '') };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme) {
    throw new ConfigError(`DATABASE_URL scheme "${scheme[1]}" is not supported: use a SQLite file path (e.g. data/rootwork.db) or postgres://user:pass@host/db.`);
  }
  return { dialect: 'sqlite', target: trimmed };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openDatabase(url: string = DEFAULT_DATABASE_URL): Promise<DatabaseHandle> {
  const parsed = parseDatabaseUrl(url);
  return parsed.dialect === 'postgres' ? openPostgres(parsed.target) : openSqlite(parsed.target);
}

/** What SQLite creates beside a database file: its write-ahead log and shared-memory index. */
const SQLITE_SIDE_FILES = ['-wal', '-shm'];

/**
 * The database file, created readable and writable by its owner only (0600) before SQLite
 * opens it; SQLite gives its WAL and SHM the database file's mode. A file left readable by
 * others by an earlier version (SQLite's default is 0644) is tightened, with its WAL and SHM.
 * Why: the file holds every response, and the WAL, until checkpointed, the recent commits.
 */
function ownerOnly(file: string): void {
  try {
    const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_RDWR, 0o600);
    fs.closeSync(fd);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
  }
  for (const name of [file, ...SQLITE_SIDE_FILES.map((suffix) => file + suffix)]) {
    let mode: number;
    try {
      mode = fs.statSync(name).mode;
    } catch {
      continue;
    }
    if ((mode & 0o077) !== 0) fs.chmodSync(name, mode & 0o700);
  }
}

function openSqlite(file: string): DatabaseHandle {
  const memory = file === ':memory:';
  if (!memory) {
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) {
      throw new DatabaseError('database_unwritable', `Cannot create the database ${file}: folder ${dir} does not exist. Create it or point DATABASE_URL elsewhere.`);
    }
    try {
      fs.accessSync(dir, fs.constants.W_OK);
      if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
      ownerOnly(file);
    } catch (cause) {
      throw new DatabaseError('database_unwritable', `Cannot write the database ${file}: no write permission on it or its folder ${dir}. Fix the permissions or point DATABASE_URL elsewhere.`, { cause });
    }
  }
  let conn: SQLite.Database;
  try {
    conn = new SQLite(file);
    for (const pragma of SQLITE_PRAGMAS) conn.pragma(pragma);
  } catch (cause) {
    throw new DatabaseError('database_unwritable', `Cannot open the SQLite database ${file}: ${(cause as Error).message}.`, { cause });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(conn) }) });
  sqliteConnections.set(db, conn);
  dialects.set(db, 'sqlite');
  return {
    db,
    dialect: 'sqlite',
    location: file,
    sqlite: conn,
    async close() {
      await db.destroy();
    },
  };
}

// Kysely's SQLite driver prepares every query afresh; the service runs the same few queries
// thousands of times a second, and preparing costs as much as running them. Statements are
// reused by SQL text (least recently used dropped first); one still being iterated (a
// streamed query) is busy, so a fresh one is prepared beside it.
const STATEMENT_CACHE_SIZE = 100;
// Long statements (multi-row inserts) rarely repeat: caching them would only hold memory.
const MAX_CACHED_SQL_LENGTH = 4_000;

function cachingStatements(conn: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => conn.close(),
    prepare(sql: string) {
      if (sql.length > MAX_CACHED_SQL_LENGTH) return conn.prepare(sql);
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const stmt = conn.prepare(sql);
      if (!cached) {
        cache.set(sql, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.ROOTWORK_PG_POOL ?? 10), connectionTimeoutMillis: 5000 });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new DatabaseError('database_unreachable', `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(cause as Error).message}. Check that the server is running and DATABASE_URL is right.`, { cause });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  dialects.set(db, 'postgres');
  postgresPools.set(db, pool);
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    async close() {
      await db.destroy();
    },
  };
}
