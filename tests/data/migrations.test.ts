import { afterEach, describe, expect, it } from 'vitest';
import { NO_MIGRATIONS, sql } from 'kysely';
import { randomId } from '../../data/ids.js';
import { createMigrator, migrateToLatest, MIGRATIONS } from '../../data/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';

/** A study with one open wave and one organization, written the way these migrations' tables stood. */
async function seedOneOrganization(db: TestDatabase['handle']['db'], name: string): Promise<{ waveId: string; orgId: string }> {
  const [studyId, waveId, orgId] = [randomId(), randomId(), randomId()];
  await db.insertInto('studies').values({ id: studyId, name, created_on: '2026-12-03' }).execute();
  await db.insertInto('waves').values({ id: waveId, study_id: studyId, name: 'Spring', status: 'open', k: 5, created_on: '2026-12-03' }).execute();
  await db.insertInto('organizations').values({ id: orgId, study_id: studyId, name: 'Org', code: 'ORG-1', created_on: '2026-12-03' }).execute();
  return { waveId, orgId };
}

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    let t: TestDatabase | undefined;
    afterEach(async () => {
      await t?.destroy();
      t = undefined;
    });

    it('creates every table and is idempotent', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const first = await migrateToLatest(t.handle.db);
      expect(first).toEqual(Object.keys(MIGRATIONS));
      const second = await migrateToLatest(t.handle.db);
      expect(second).toEqual([]);
      const tables = (await t.handle.db.introspection.getTables()).map((x) => x.name).sort();
      expect(tables).toEqual(['admin_sessions', 'admin_tokens', 'invites', 'org_links', 'org_profiles', 'organizations', 'profile_exits', 'release_groups', 'releases', 'responses', 'studies', 'submission_tokens', 'waves']);
    });

    it('keeps no column that could hold an IP address, user agent or time of day', async () => {
      t = await createTestDatabase(dialect);
      const tables = await t.handle.db.introspection.getTables();
      const columns = tables.flatMap((tb) => tb.columns.map((c) => `${tb.name}.${c.name}`));
      for (const col of columns) expect(col).not.toMatch(/(^|\.|_)(ip|ip_address|user_agent|ua|timestamp|created_at|submitted_at|time)$/);
      const responseCols = tables.find((tb) => tb.name === 'responses')!.columns.map((c) => c.name);
      expect(responseCols).toContain('received_on');
      expect(responseCols).not.toContain('invite_code');
      expect(responseCols).not.toContain('code_hash');
    });

    it('migrates down and up again', async () => {
      t = await createTestDatabase(dialect);
      const migrator = createMigrator(t.handle.db);
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect((await t.handle.db.introspection.getTables()).map((x) => x.name)).not.toContain('responses');
      await migrateToLatest(t.handle.db);
      expect((await t.handle.db.introspection.getTables()).map((x) => x.name)).toContain('responses');
    });

    it('refuses a database from a newer schema version and changes nothing', async () => {
      t = await createTestDatabase(dialect);
      await t.handle.db.insertInto('kysely_migration' as never).values({ name: '2099-01-01T00-00-00-future', timestamp: '2099-01-01T00:00:00.000Z' } as never).execute();
      await expect(migrateToLatest(t.handle.db)).rejects.toThrow(/newer than this Rootwork knows.*upgrade Rootwork/);
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(t.handle.db);
      expect(Number(rows.rows[0].n)).toBe(Object.keys(MIGRATIONS).length + 1);
    });

    it('takes the primary key off responses.id and keeps every response, and puts it back on the way down', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-11-28T00-00-00-initial')).error).toBeUndefined();
      const db = t.handle.db;
      const studyId = randomId();
      const waveId = randomId();
      const orgId = randomId();
      await db.insertInto('studies').values({ id: studyId, name: 'Migration study', created_on: '2026-11-28' }).execute();
      await db.insertInto('waves').values({ id: waveId, study_id: studyId, name: 'Spring', status: 'open', k: 5, created_on: '2026-11-28' }).execute();
      await db.insertInto('organizations').values({ id: orgId, study_id: studyId, name: 'Org', code: 'ORG-1', created_on: '2026-11-28' }).execute();
      const written = Array.from({ length: 7 }, (_, i) => ({
        id: randomId(), wave_id: waveId, organization_id: orgId, received_on: '2026-11-28', instrument_version: 'v1', lang: 'en' as const, source: 'api' as const,
        role: 'organizer' as const, org_1: (i % 5) + 1, comment: i === 3 ? 'keep this text' : null,
      }));
      await db.insertInto('responses').values(written).execute();
      const snapshot = () => db.selectFrom('responses').select(['id', 'wave_id', 'organization_id', 'role', 'org_1', 'comment', 'received_on']).orderBy('id').execute();
      const before = await snapshot();
      expect(await idIsIndexed(t)).toBe(true);

      // Up to this migration only: the next one keys responses by id again on SQLite.
      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect(await idIsIndexed(t)).toBe(false);
      // The wave/organization index and the cascade from waves survive the rebuild.
      expect(await indexNames(t)).toContain('responses_wave_org');

      expect((await migrator.migrateTo('2026-11-28T00-00-00-initial')).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect(await idIsIndexed(t)).toBe(true);
      await migrateToLatest(db);
      await db.deleteFrom('waves').where('id', '=', waveId).execute();
      expect(await snapshot()).toEqual([]);
    });

    it('gives studies that already exist the UTC time zone they ran on, and drops sessions with their token', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      const db = t.handle.db;
      await db.insertInto('studies').values({ id: 'old-study', name: 'Before zones', created_on: '2026-11-28' } as never).execute();
      await migrateToLatest(db);
      expect(await db.selectFrom('studies').select(['name', 'time_zone']).execute()).toEqual([{ name: 'Before zones', time_zone: 'UTC' }]);
      await db.insertInto('admin_tokens').values({ id: 'tok', label: 'x', token_hash: 'h', created_on: '2026-11-28', revoked_on: null }).execute();
      await db.insertInto('admin_sessions').values({ id_hash: 'session-hash', token_id: 'tok', expires_at: 1_900_000_000 }).execute();
      await db.deleteFrom('admin_tokens').where('id', '=', 'tok').execute();
      expect(await db.selectFrom('admin_sessions').selectAll().execute()).toEqual([]);
      // And back down: the column and the table go, the study stays.
      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      expect((await db.introspection.getTables()).map((x) => x.name)).not.toContain('admin_sessions');
      expect(await db.selectFrom('studies').select('name').execute()).toEqual([{ name: 'Before zones' }]);
    });

    it('adds submission_tokens and, on SQLite, keys responses by their random id WITHOUT ROWID, keeping every response; down undoes both', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      const db = t.handle.db;
      const { waveId, orgId } = await seedOneOrganization(db, 'Token study');
      const written = Array.from({ length: 9 }, (_, i) => ({
        id: randomId(), wave_id: waveId, organization_id: orgId, received_on: '2026-12-03', instrument_version: 'v1', lang: 'en' as const, source: 'api' as const, org_1: (i % 5) + 1,
      }));
      await db.insertInto('responses').values(written).execute();
      const snapshot = () => db.selectFrom('responses').select(['id', 'wave_id', 'organization_id', 'org_1']).orderBy('id').execute();
      const before = await snapshot();

      // Up to this migration only: a later one keys responses by (wave, organization, id) on SQLite.
      expect((await migrator.migrateTo('2026-12-03T00-20-00-submission-tokens')).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      await db.insertInto('submission_tokens').values({ token_hash: 'a'.repeat(64) }).execute();
      await expect(db.insertInto('submission_tokens').values({ token_hash: 'a'.repeat(64) }).execute()).rejects.toThrow(/unique|duplicate/i);
      if (dialect === 'sqlite') {
        const withoutRowid = (table: string) => sql<{ wr: number }>`select wr from pragma_table_list(${table})`.execute(db).then((r) => r.rows[0]?.wr);
        expect(await withoutRowid('responses')).toBe(1);
        expect(await withoutRowid('submission_tokens')).toBe(1);
        // Rows come back in id order with no ORDER BY: the order the file keeps them in.
        const plain = (await sql<{ id: string }>`select id from responses`.execute(db)).rows.map((r) => r.id);
        expect(plain).toEqual(before.map((r) => r.id));
        expect(await indexNames(t)).toContain('responses_wave_org');
      }

      expect((await migrator.migrateTo('2026-11-29T00-00-00-response-id-unindexed')).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect((await db.introspection.getTables()).map((x) => x.name)).not.toContain('submission_tokens');
      await migrateToLatest(db);
      await db.deleteFrom('waves').where('id', '=', waveId).execute();
      expect(await snapshot()).toEqual([]);
    });

    it('adds a nullable invites.token_hash, and on the way down moves the hashes it holds into submission_tokens', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-12-03T00-40-00-responses-keyed-by-wave-org')).error).toBeUndefined();
      const db = t.handle.db;
      const { waveId, orgId } = await seedOneOrganization(db, 'Invite tokens');
      const invite = (code_hash: string, used: 0 | 1) => ({ code_hash, wave_id: waveId, organization_id: orgId, batch: 'b', used, revoked: 0 as const });
      await db.insertInto('invites').values([invite('c1', 1), invite('c2', 1), invite('c3', 0)]).execute();
      await db.insertInto('submission_tokens').values({ token_hash: 'old'.padEnd(64, '0') }).execute();
      const columns = async () => (await db.introspection.getTables()).find((x) => x.name === 'invites')!.columns.map((c) => [c.name, c.isNullable]);

      expect((await migrator.migrateTo('2026-12-03T00-50-00-invite-token-hash')).error).toBeUndefined();
      expect(await columns()).toContainEqual(['token_hash', true]);
      // Rows from before keep no hash; a claim writes one.
      expect(await db.selectFrom('invites').select(['code_hash', 'token_hash']).orderBy('code_hash').execute()).toEqual([
        { code_hash: 'c1', token_hash: null }, { code_hash: 'c2', token_hash: null }, { code_hash: 'c3', token_hash: null },
      ]);
      await db.updateTable('invites').set({ token_hash: 'new'.padEnd(64, '0') }).where('code_hash', '=', 'c2').execute();
      // Revoking and deleting invites work as before.
      await db.updateTable('invites').set({ revoked: 1 }).where('used', '=', 0).execute();

      expect((await migrator.migrateTo('2026-12-03T00-40-00-responses-keyed-by-wave-org')).error).toBeUndefined();
      expect((await columns()).map(([name]) => name)).not.toContain('token_hash');
      expect((await db.selectFrom('submission_tokens').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash)).toEqual(['new'.padEnd(64, '0'), 'old'.padEnd(64, '0')]);
      expect(await db.selectFrom('invites').select(['code_hash', 'used', 'revoked']).orderBy('code_hash').execute()).toEqual([
        { code_hash: 'c1', used: 1, revoked: 0 }, { code_hash: 'c2', used: 1, revoked: 0 }, { code_hash: 'c3', used: 0, revoked: 1 },
      ]);
      await migrateToLatest(db);
      await db.deleteFrom('waves').where('id', '=', waveId).execute();
      expect(await db.selectFrom('invites').select('code_hash').execute()).toEqual([]);
    });

    it('keys responses by (wave, organization, id) on SQLite with no other index, keeping every response both ways', async () => {
      t = await createTestDatabase(dialect, { migrate: false });
      const migrator = createMigrator(t.handle.db);
      expect((await migrator.migrateTo('2026-12-03T00-30-00-admin-sessions-and-time-zone')).error).toBeUndefined();
      const db = t.handle.db;
      const studyId = randomId();
      const waveIds = [randomId(), randomId()];
      const orgIds = [randomId(), randomId(), randomId()];
      await db.insertInto('studies').values({ id: studyId, name: 'Key study', created_on: '2026-12-03' }).execute();
      for (const [i, id] of waveIds.entries()) await db.insertInto('waves').values({ id, study_id: studyId, name: `Wave ${i}`, status: 'open', k: 5, created_on: '2026-12-03' }).execute();
      for (const [i, id] of orgIds.entries()) await db.insertInto('organizations').values({ id, study_id: studyId, name: `Org ${i}`, code: `ORG-${i}`, created_on: '2026-12-03' }).execute();
      const written = Array.from({ length: 30 }, (_, i) => ({
        id: randomId(), wave_id: waveIds[i % 2], organization_id: orgIds[i % 3], received_on: '2026-12-03', instrument_version: 'v1', lang: 'en' as const, source: 'api' as const,
        role: 'organizer' as const, org_1: (i % 5) + 1, comment: i === 7 ? 'keep this text' : null,
      }));
      await db.insertInto('responses').values(written).execute();
      const snapshot = () => db.selectFrom('responses').select(['id', 'wave_id', 'organization_id', 'role', 'org_1', 'comment', 'received_on']).orderBy('id').execute();
      const before = await snapshot();
      expect(before).toHaveLength(30);
      const byKey = [...written].sort((a, b) => cmp(a.wave_id, b.wave_id) || cmp(a.organization_id, b.organization_id) || cmp(a.id, b.id)).map((r) => r.id);

      await migrateToLatest(db);
      expect(await snapshot()).toEqual(before);
      // A lookup by id alone still finds its row.
      expect((await db.selectFrom('responses').select('comment').where('id', '=', written[7].id).executeTakeFirstOrThrow()).comment).toBe('keep this text');
      if (dialect === 'sqlite') {
        expect(await sqliteKey(t)).toEqual(['wave_id', 'organization_id', 'id']);
        expect(await indexNames(t)).toEqual(['sqlite_autoindex_responses_1']);
        // The file keeps rows in key order (random ids within an organization), with no row number.
        const plain = (await sql<{ id: string }>`select id from responses`.execute(db)).rows.map((r) => r.id);
        expect(plain).toEqual(byKey);
        await expect(sql`select rowid from responses`.execute(db)).rejects.toThrow(/no such column/);
        // An organization's rows in a wave are one range of the key, not a scan.
        const plan = await sql<{ detail: string }>`explain query plan select id from responses where wave_id = ${waveIds[0]} and organization_id = ${orgIds[0]}`.execute(db);
        expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/SEARCH responses USING PRIMARY KEY \(wave_id=\? AND organization_id=\?\)/);
      } else {
        expect(await indexNames(t)).toContain('responses_wave_org');
      }

      expect((await migrator.migrateTo('2026-12-03T00-30-00-admin-sessions-and-time-zone')).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect(await indexNames(t)).toContain('responses_wave_org');
      if (dialect === 'sqlite') expect(await sqliteKey(t)).toEqual(['id']);

      await migrateToLatest(db);
      expect(await snapshot()).toEqual(before);
      await db.deleteFrom('waves').where('id', '=', waveIds[0]).execute();
      expect((await snapshot()).map((r) => r.id).sort()).toEqual(written.filter((r) => r.wave_id === waveIds[1]).map((r) => r.id).sort());
      await db.deleteFrom('organizations').where('id', '=', orgIds[0]).execute();
      expect((await snapshot()).map((r) => r.id).sort()).toEqual(written.filter((r) => r.wave_id === waveIds[1] && r.organization_id !== orgIds[0]).map((r) => r.id).sort());
    });
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The primary key's columns of SQLite's responses table, in key order. */
async function sqliteKey(t: TestDatabase): Promise<string[]> {
  const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info('responses') where pk > 0 order by pk`.execute(t.handle.db);
  return cols.rows.map((r) => r.name);
}

async function indexNames(t: TestDatabase): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    return (await sql<{ name: string }>`select name from pragma_index_list('responses')`.execute(t.handle.db)).rows.map((r) => r.name);
  }
  return (await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'responses'`.execute(t.handle.db)).rows.map((r) => r.indexname);
}

/** Whether any index of responses covers id (the primary key's, on either dialect). */
async function idIsIndexed(t: TestDatabase): Promise<boolean> {
  if (t.dialect === 'sqlite') {
    for (const name of await indexNames(t)) {
      const cols = (await sql<{ name: string }>`select name from pragma_index_info(${name})`.execute(t.handle.db)).rows.map((r) => r.name);
      if (cols[0] === 'id') return true;
    }
    return false;
  }
  const rows = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'responses'`.execute(t.handle.db);
  return rows.rows.some((r) => /\(id\)/.test(r.indexdef));
}
