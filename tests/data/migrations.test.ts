import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createMigrator, migrateToLatest, MIGRATIONS } from '../../data/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';

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
      expect(tables).toEqual(['admin_tokens', 'invites', 'org_links', 'org_profiles', 'organizations', 'profile_exits', 'responses', 'studies', 'waves']);
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
      const down = await migrator.migrateDown();
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
      expect(Number(rows.rows[0].n)).toBe(2);
    });
  });
}
