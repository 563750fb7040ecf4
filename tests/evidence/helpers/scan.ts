// Looks for things that must never be kept — the client's address, its user agent, invite
// codes, tokens — in every table of a database, in a SQLite file's raw bytes (including its
// WAL and free pages), and in captured log lines.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../data/connect.js';

const TABLES = ['studies', 'waves', 'organizations', 'org_links', 'invites', 'responses', 'org_profiles', 'profile_exits', 'admin_tokens'];

/** Needles found in any row of any table, as "table: needle". */
export async function findInTables(handle: DatabaseHandle, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
    const text = JSON.stringify(rows.rows).toLowerCase();
    for (const needle of needles) if (text.includes(needle.toLowerCase())) hits.push(`${table}: ${needle}`);
  }
  return hits;
}

/** Needles found in the bytes of a SQLite file and its -wal and -shm companions. */
export function findInSqliteFiles(file: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!fs.existsSync(f)) continue;
    const bytes = fs.readFileSync(f).toString('latin1').toLowerCase();
    for (const needle of needles) if (bytes.includes(needle.toLowerCase())) hits.push(`${f}: ${needle}`);
  }
  return hits;
}

export function findInLogs(lines: readonly string[], needles: readonly string[]): string[] {
  const text = lines.join('\n').toLowerCase();
  return needles.filter((n) => text.includes(n.toLowerCase())).map((n) => `log: ${n}`);
}
