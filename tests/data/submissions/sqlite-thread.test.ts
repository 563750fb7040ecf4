// The writer thread on its own: a thread that cannot open its database rejects the batch
// with the reason (nothing is written, the caller hears why), and the next batch starts a
// fresh thread; a row that fails inside its transaction fails alone and leaves nothing
// behind; submissions sent by another thread through an inlet are answered by ticket.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_PRAGMAS } from '../../../data/connect.js';
import { frameInletBatch } from '../../../data/submissions/inlet-wire.mjs';
import { SqliteWriterThread, SqliteWriteError } from '../../../data/submissions/sqlite-thread.js';
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

  it('fails only the row that fails: its neighbours are written, it leaves nothing, and the reason is named', async () => {
    const thread = new SqliteWriterThread(setup(t.url));
    const good = { json: JSON.stringify({ id: 's1', name: 'Study one' }), waveId: '2026-11-28', organizationId: 'first' };
    // No name: the INSERT fails its NOT NULL constraint, inside the transaction that wrote `good`.
    const bad = { json: JSON.stringify({ id: 's2', name: null }), waveId: '2026-11-28', organizationId: 'second' };
    const results = await thread.write([good, bad]);
    expect(results[0]).toBeNull();
    expect(results[1]).toEqual({ failed: { message: expect.stringMatching(/NOT NULL/), code: 'SQLITE_CONSTRAINT_NOTNULL' } });
    const rows = await t.handle.db.selectFrom('studies').select(['id', 'name', 'description']).where('id', 'in', ['s1', 's2']).execute();
    expect(rows).toEqual([{ id: 's1', name: 'Study one', description: 'first' }]);
    await thread.close();
  });

  it('writes what another thread sends through an inlet and answers each ticket here', async () => {
    const thread = new SqliteWriterThread(setup(t.url));
    expect(thread.generation).toBe(0);
    const port = thread.connectInlet();
    const generation = thread.generation;
    expect(generation).toBeGreaterThan(0);
    // The claim stands in for an invite: it "claims" any code on the day 'open', and none on another.
    const sql = { ...SQL, claim: "SELECT 'inlet-wave' AS wave_id, 'inlet-org' AS organization_id WHERE ? IS NOT NULL AND ? = 'open' AND ? = 'open'" };
    const claiming = new SqliteWriterThread({ ...setup(t.url), sql });
    const inlet = claiming.connectInlet();
    const stored = claiming.expect(11);
    const refused = claiming.expect(12);
    const failed = claiming.expect(13);
    inlet.postMessage(frameInletBatch([
      { ticket: 11, json: JSON.stringify({ id: 'i1', name: 'Inlet one' }), codeHash: 'h1', day: 'open' },
      { ticket: 12, json: JSON.stringify({ id: 'i2', name: 'Inlet two' }), codeHash: 'h2', day: 'shut' },
      { ticket: 13, json: JSON.stringify({ id: 'i3', name: null }), codeHash: 'h3', day: 'open' },
    ]));
    expect(await stored).toBeNull();
    // The lookup finds no invite row for h2: refused, with nothing to say why.
    expect(await refused).toEqual({ refused: null });
    expect(await failed).toEqual({ failed: expect.objectContaining({ code: 'SQLITE_CONSTRAINT_NOTNULL' }) });
    const rows = await t.handle.db.selectFrom('studies').select(['id', 'created_on', 'description']).where('id', 'like', 'i%').execute();
    expect(rows).toEqual([{ id: 'i1', created_on: 'inlet-wave', description: 'inlet-org' }]);
    await claiming.close();
    port.close();
    await thread.close();
    expect(thread.generation).toBe(0);
  });

  it('fails the tickets it expects when the thread stops, and a new inlet reaches a new thread', async () => {
    const thread = new SqliteWriterThread(setup(t.url));
    thread.connectInlet();
    const first = thread.generation;
    const never = thread.expect(21);
    await thread.close();
    await expect(never).rejects.toThrow(/writer thread stopped/);
    await expect(thread.expect(22)).rejects.toThrow(/not running/);
    const port = thread.connectInlet();
    expect(thread.generation).toBeGreaterThan(first);
    const again = thread.expect(23);
    port.postMessage(frameInletBatch([{ ticket: 23, json: JSON.stringify({ id: 'i4', name: 'Four' }), codeHash: 'h4', day: 'x' }]));
    // The plain claim statement finds no invite h4: refused, answered through the new thread.
    expect(await again).toEqual({ refused: null });
    await thread.close();
  });
});
