// Whether anything was written to a database between two moments, as far as it can say
// cheaply: on SQLite, PRAGMA data_version (it changes when any other connection, in this
// process or another, commits) together with total_changes() (this connection's own
// writes). Equal markers mean nothing was committed in between. PostgreSQL keeps no such
// counter: there the marker is undefined and the caller checks what it read another way.
import type { Kysely } from 'kysely';
import { sqliteConnectionOf } from '../connect.js';
import type { Database } from '../database.js';

export type WriteMarker = string | undefined;

export function writeMarker(db: Kysely<Database>): WriteMarker {
  const conn = sqliteConnectionOf(db);
  if (!conn) return undefined;
  const others = conn.pragma('data_version', { simple: true }) as number;
  const own = conn.prepare('SELECT total_changes()').pluck().get() as number;
  return `${others}:${own}`;
}

/** True only when both markers exist and are equal: nothing was written between them. */
export function nothingWritten(before: WriteMarker, after: WriteMarker): boolean {
  return before !== undefined && before === after;
}
