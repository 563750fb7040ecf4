// The writer thread on its own: a thread that cannot open its database rejects the batch
// with the reason (nothing is written, the caller hears why), and the next batch starts a
// fresh thread; a batch that fails inside its transaction leaves nothing behind.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_PRAGMAS } from '../../../data/connect.js';
import { SqliteWriterThread, SqliteWriteError } from '../../../data/repositories/sqlite-writer-thread.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases.js';

// The thread binds a body's keys in column order, then the row's wave and organization: here
// they fill a study's created_on and description, so plain studies rows stand in for responses.
const SQL = {
  claim: 'UPDATE invites SET used = 1 WHERE code_hash = ? AND ? = ? RETURNING wave_id, organization_id',
  lookup: 'SELECT 1 FROM invites WHERE code_hash = ?',
  insert: 'INSERT INTO studies (id, name, created_on, description) VALUES (?, ?, ?, ?)',
};
const COLUMNS = ['id', 'name', 'created_on', 'description'];
const setup = (file: string) => ({ file, pragmas: [...SQLITE_PRAGMAS], sql: SQL, columns: COLUMNS });

describe('SQLite writer thread', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(async () => t.destroy());

  it('rejects with the reason when the thread cannot open its database, then starts afresh', async () => {
    const missing = path.join(tempDir(), 'no-such-folder', 'x.db');
    const thread = new SqliteWriterThread(setup(missing));
    const error = await thread.write([{ json: '{}', waveId: 'w', organizationId: 'o' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteWriteError);
    expect((error as Error).message).toMatch(/writer thread failed: .*(directory|open)/i);
    // The failed thread is gone; the next batch tries a new one (and fails the same way, not by hanging).
    await expect(thread.write([{ json: '{}', waveId: 'w', organizationId: 'o' }])).rejects.toThrow(SqliteWriteError);
  });

  it('rolls the whole batch back when one statement fails, and names the failure', async () => {
    const thread = new SqliteWriterThread(setup(t.url));
    const good = { json: JSON.stringify({ id: 's1', name: 'Study one' }), waveId: '2026-11-28', organizationId: 'first' };
    // No name: the INSERT fails its NOT NULL constraint, inside the transaction that wrote `good`.
    const bad = { json: JSON.stringify({ id: 's2', name: null }), waveId: '2026-11-28', organizationId: 'second' };
    await expect(thread.write([good, bad])).rejects.toThrow(/Writing submissions failed: .*NOT NULL/i);
    const rows = await t.handle.db.selectFrom('studies').select('id').where('id', 'in', ['s1', 's2']).execute();
    expect(rows).toEqual([]);
    expect(await thread.write([good])).toEqual([null]);
    expect(await t.handle.db.selectFrom('studies').select(['name', 'description']).where('id', '=', 's1').execute()).toEqual([{ name: 'Study one', description: 'first' }]);
    await thread.close();
  });
});
