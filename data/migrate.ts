// Runs the schema migrations with Kysely's Migrator. Migrations are listed statically
// (not read from disk) so the same code runs from source, tests and the bin script.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026-11-28T00-00-00-initial.js';
import * as responseIdUnindexed from './migrations/2026-11-29T00-00-00-response-id-unindexed.js';
import * as releases from './migrations/2026-12-03T00-00-00-releases.js';
import * as headcountCap from './migrations/2026-12-03T00-10-00-headcount-cap.js';
import * as submissionTokens from './migrations/2026-12-03T00-20-00-submission-tokens.js';
import * as adminSessionsAndTimeZone from './migrations/2026-12-03T00-30-00-admin-sessions-and-time-zone.js';
import * as responsesKeyedByWaveOrg from './migrations/2026-12-03T00-40-00-responses-keyed-by-wave-org.js';
import * as inviteTokenHash from './migrations/2026-12-03T00-50-00-invite-token-hash.js';
import { DatabaseError } from './errors.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T00-00-00-initial': initial,
  '2026-11-29T00-00-00-response-id-unindexed': responseIdUnindexed,
  '2026-12-03T00-00-00-releases': releases,
  '2026-12-03T00-10-00-headcount-cap': headcountCap,
  '2026-12-03T00-20-00-submission-tokens': submissionTokens,
  '2026-12-03T00-30-00-admin-sessions-and-time-zone': adminSessionsAndTimeZone,
  '2026-12-03T00-40-00-responses-keyed-by-wave-org': responsesKeyedByWaveOrg,
  '2026-12-03T00-50-00-invite-token-hash': inviteTokenHash,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}

/** Migrates to the latest schema; refuses a database written by a newer Rootwork. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = createMigrator(db);
  const known = new Set(Object.keys(MIGRATIONS));
  const existing = await migrator.getMigrations();
  // getMigrations lists only known ones; ask the table for any we do not know.
  const applied = await appliedMigrationNames(db);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DatabaseError('schema_newer', `This database has schema version ${unknown.at(-1)}, newer than this Rootwork knows (${existing.at(-1)?.name ?? 'none'}): upgrade Rootwork, or point DATABASE_URL at another database.`);
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new DatabaseError('database_unwritable', `Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function appliedMigrationNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((r: { name: string }) => r.name);
}
