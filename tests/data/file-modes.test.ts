// The SQLite database, its write-ahead log and shared-memory files, and the generated secret
// are readable by their owner only: another local user cannot copy the responses, replay the
// log, or test guessed codes with the secret. Under the usual umask (022) SQLite alone would
// create all three 0644; files an earlier version left that way are tightened on open.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/connect.js';
import { loadConfig, secretPathFor } from '../../data/config.js';
import { migrateToLatest } from '../../data/migrate.js';
import { randomId } from '../../data/ids.js';
import { createSubmissionWriter } from '../../data/submissions/writer.js';
import { toResponseBody } from '../../survey/respond/to-body.js';
import { tempDir } from '../helpers/databases.js';
import { backupSqlite } from '../../cli/commands/backup.js';
import { seedSurvey } from '../survey/survey-fixture.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('file modes', () => {
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });

  it('creates the database, its WAL and its SHM 0600, and they stay so while submissions are written', async () => {
    const file = path.join(tempDir(), 'fresh.db');
    const h = await openDatabase(file);
    const writer = createSubmissionWriter(h.db);
    try {
      await migrateToLatest(h.db);
      const fx = await seedSurvey(h.db, { codes: 1 });
      const row = toResponseBody({ role: 'organizer', looking: 'no', stay_2y: 'yes' }, { id: randomId(), receivedOn: '2026-12-03', lang: 'en', source: 'api' });
      expect((await writer.submit({ row, to: { kind: 'known', waveId: fx.waveId, organizationId: fx.organizationId } })).status).toBe('stored');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    } finally {
      await writer.close();
      await h.close();
    }
  });

  it('tightens a database, WAL and SHM left readable by others', async () => {
    const file = path.join(tempDir(), 'old.db');
    // As SQLite alone makes them (the umask gives 0644), held open so the WAL and SHM stay.
    const old = new SQLite(file);
    old.pragma('journal_mode = WAL');
    old.exec('create table t (x); insert into t values (1);');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f)).toBe(0o644);
    const h = await openDatabase(file);
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    } finally {
      await h.close();
      old.close();
    }
  });

  it('creates the generated secret 0600 and tightens one left readable by others', () => {
    const file = path.join(tempDir(), 'secret.db');
    const config = loadConfig({ DATABASE_URL: file });
    const secretFile = secretPathFor(file);
    expect(modeOf(secretFile)).toBe(0o600);
    fs.chmodSync(secretFile, 0o644);
    expect(loadConfig({ DATABASE_URL: file }).secret).toBe(config.secret);
    expect(modeOf(secretFile)).toBe(0o600);
  });

  it('writes a backup copy and its secret 0600', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'live.db');
    loadConfig({ DATABASE_URL: file });
    const h = await openDatabase(file);
    await migrateToLatest(h.db);
    await h.close();
    const copy = path.join(dir, 'copy.db');
    await backupSqlite(file, copy);
    expect(modeOf(copy)).toBe(0o600);
    expect(modeOf(secretPathFor(copy))).toBe(0o600);
  });
});
