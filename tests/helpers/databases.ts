// Real test databases for both dialects: a fresh SQLite file in a temp folder, and a fresh
// PostgreSQL database (created on the server named by ROOTWORK_TEST_PG, dropped after).
// Each test file gets its own database, so suites can run in parallel. Like the composition
// root (cli/), each comes with its submission writer, for createApp, closed before it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { DialectName, DatabaseHandle } from '../../data/connect.js';
import { openDatabase } from '../../data/connect.js';
import { migrateToLatest } from '../../data/migrate.js';
import { createSubmissionWriter, type SubmissionWriter } from '../../data/submissions/writer.js';

const PG_URL = process.env.ROOTWORK_TEST_PG;

export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!PG_URL && !process.env.ROOTWORK_TEST_PG_WARNED) {
  process.env.ROOTWORK_TEST_PG_WARNED = '1';
  console.warn('ROOTWORK_TEST_PG is not set: PostgreSQL tests are SKIPPED (set it to e.g. postgres://rootwork:rootwork@127.0.0.1/rootwork; .ci/run does).');
}

export interface TestDatabase {
  dialect: DialectName;
  url: string;
  handle: DatabaseHandle;
  /** The database's submission writer (it starts a thread or takes a connection only once used). */
  writer: SubmissionWriter;
  /** Closes the writer and the connection and deletes the database. */
  destroy(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** A fresh, migrated database of the given dialect. */
export async function createTestDatabase(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = dialect === 'sqlite' ? freshSqliteFile() : await freshPostgresDatabase();
  const handle = await openDatabase(url);
  if (options.migrate !== false) await migrateToLatest(handle.db);
  const writer = createSubmissionWriter(handle.db);
  return {
    dialect,
    url,
    handle,
    writer,
    async destroy() {
      await writer.close();
      await handle.close();
      if (dialect === 'sqlite') fs.rmSync(path.dirname(url), { recursive: true, force: true });
      else await dropPostgresDatabase(url);
    },
  };
}

export function tempDir(prefix = 'rootwork-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function freshSqliteFile(): string {
  return path.join(tempDir(), 'test.db');
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshPostgresDatabase(): Promise<string> {
  if (!PG_URL) throw new Error('ROOTWORK_TEST_PG is not set: cannot create a PostgreSQL test database.');
  const name = `rootwork_test_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return withDatabase(PG_URL, name);
}

async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^rootwork_test_[0-9a-f]+$/.test(name)) throw new Error(`Refusing to drop ${name}: not a test database.`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
