// `rootwork backup FILE` as an operator runs it: a real child process copying a SQLite file
// while this process keeps committing submissions to it. The copy must be one consistent
// snapshot (every response's invite marked used, and no used invite without its response),
// pass PRAGMA integrity_check, and open and migrate as a working database.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openDatabase } from '../../data/connect.js';
import { migrateToLatest } from '../../data/migrate.js';
import { TEST_SECRET, tempDir } from '../helpers/databases.js';
import { runLoad } from './helpers/load.js';
import { seedSqliteStudy, type SeededStudy } from './helpers/seed.js';
import { prepareService, storedCounts } from './helpers/service.js';
import { rootwork } from '../helpers/cli.js';



/** One submission the way the survey writes it: the response and its invite, in one transaction. */
function submitter(file: string, study: SeededStudy) {
  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma('busy_timeout = 5000');
  const insert = conn.prepare(`insert into responses (id, wave_id, organization_id, received_on, instrument_version, lang, source, role, sat_1)
    values (?, ?, ?, '2026-11-28', 'test', 'en', 'api', 'organizer', 5)`);
  const mark = conn.prepare('update invites set used = 1 where code_hash = ? and used = 0');
  let next = 0;
  const submit = conn.transaction(() => {
    const code = study.inviteHashes[next];
    const changed = mark.run(code).changes;
    if (changed !== 1) throw new Error(`invite ${next} was already used`);
    insert.run(`r-${next}`, study.waveId, study.organizationId);
    next += 1;
  });
  return {
    submit: () => submit(),
    get count() { return next; },
    close: () => conn.close(),
  };
}

describe('rootwork backup (SQLite online backup)', () => {
  let dir: string;
  let dbFile: string;
  let study: SeededStudy;

  beforeAll(async () => {
    dir = tempDir('rootwork-backup-');
    dbFile = path.join(dir, 'live.db');
    study = await seedSqliteStudy(dbFile, { orgs: 30, invites: 5000 });
    // What loadConfig keeps beside an embedded database on first run.
    fs.writeFileSync(path.join(dir, 'live.secret'), TEST_SECRET + '\n', { mode: 0o600 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies a consistent snapshot while submissions keep being committed', async () => {
    const writer = submitter(dbFile, study);
    const backupFile = path.join(dir, 'copy.db');
    let writing = true;
    // Keep committing (yielding to the event loop between transactions) for as long as the
    // backup process runs, so its snapshot is taken in the middle of a stream of writes.
    const writes = (async () => {
      // Bounded by the invites seeded: on a slow machine the backup may outlast them.
      while (writing && writer.count < study.inviteHashes.length - 5) {
        writer.submit();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const before = writer.count;
    const result = await rootwork(['backup', backupFile], { DATABASE_URL: dbFile });
    writing = false;
    await writes;
    for (let i = 0; i < 5; i++) writer.submit();
    const after = writer.count;
    writer.close();

    expect(result.stderr).toMatch(/Backed up/);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(backupFile);
    expect(fs.existsSync(`${backupFile}-wal`)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    const copy = new SQLite(backupFile, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const submitted = (copy.prepare("select count(*) as n from responses where source = 'api'").get() as { n: number }).n;
      const used = (copy.prepare('select count(*) as n from invites where used = 1').get() as { n: number }).n;
      // A snapshot from the middle of the stream: later than the start, earlier than the end.
      expect(submitted).toBeGreaterThanOrEqual(before);
      expect(submitted).toBeLessThan(after);
      // Consistency: each transaction wrote both or neither.
      expect(used).toBe(submitted);
      const seeded = (copy.prepare("select count(*) as n from responses where source = 'synthetic'").get() as { n: number }).n;
      expect(seeded).toBe(study.seededResponses);
    } finally {
      copy.close();
    }
    // The database's secret travels with the copy: invite codes verify after a restore.
    expect(fs.readFileSync(path.join(dir, 'copy.secret'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'live.secret'), 'utf8'));
  });

  it('restores to a database the service can open and the pipeline can analyze', async () => {
    const restoreDir = tempDir('rootwork-restore-');
    const restored = path.join(restoreDir, 'restored.db');
    fs.copyFileSync(path.join(dir, 'copy.db'), restored);
    fs.copyFileSync(path.join(dir, 'copy.secret'), path.join(restoreDir, 'restored.secret'));
    const handle = await openDatabase(restored);
    try {
      expect(await migrateToLatest(handle.db)).toEqual([]);
      const wave = await handle.db.selectFrom('waves').selectAll().where('id', '=', study.waveId).executeTakeFirstOrThrow();
      expect(wave.status).toBe('open');
      expect(await handle.db.selectFrom('organizations').select('id').execute()).toHaveLength(30);
    } finally {
      await handle.close();
    }
    // The real pipeline, as an operator would run it on the restored copy.
    const out = path.join(restoreDir, 'run');
    const r = await rootwork(['pipeline', '--wave', study.waveId, '--out', out], { DATABASE_URL: restored });
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as { estimates?: { id: string }[] };
    expect(JSON.stringify(results)).toContain(study.waveId);
    expect(JSON.stringify(results)).toContain('H1.sat_diff');
    fs.rmSync(restoreDir, { recursive: true, force: true });
  });

  it('refuses with one clear line: an existing FILE, a missing database, PostgreSQL, no FILE', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['backup', path.join(dir, 'copy.db')], { DATABASE_URL: dbFile }, /already exists/],
      [['backup', path.join(dir, 'x.db')], { DATABASE_URL: path.join(dir, 'missing.db') }, /no database at/],
      [['backup', path.join(dir, 'y.db')], { DATABASE_URL: 'postgres://someone@127.0.0.1/none' }, /pg_dump/],
      [['backup'], { DATABASE_URL: dbFile }, /exactly one FILE/],
      [['backup', dbFile], { DATABASE_URL: dbFile }, /the database itself/],
      [['backup', path.join(dir, 'no', 'such', 'z.db')], { DATABASE_URL: dbFile }, /does not exist/],
    ];
    // In-process through the CLI's own entry (a child process each would only add start-up time).
    for (const [args, env, message] of cases) {
      const err: string[] = [];
      const code = await main(args, { env: { ...process.env, ...env }, out: () => {}, err: (line) => err.push(line), interactive: false });
      expect(code).not.toBe(0);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('copies consistently while the real service takes a load of submissions', async () => {
    const service = await prepareService('sqlite', 3_000);
    const server = await service.start();
    const copyFile = path.join(dir, 'under-load.db');
    try {
      let backup: Awaited<ReturnType<typeof rootwork>> | undefined;
      const load = await runLoad({
        url: server.url, clients: 20, durationMs: 6_000, codes: service.study.codes,
        // Start the backup once submissions are flowing; the load keeps going while it runs.
        onAcknowledged: { count: 100, run: () => void rootwork(['backup', copyFile], { DATABASE_URL: service.db.url }).then((r) => { backup = r; }) },
      });
      while (!backup) await new Promise((r) => setTimeout(r, 100));
      expect(backup.code, backup.stderr).toBe(0);
      const copy = await openDatabase(copyFile);
      try {
        const inCopy = await storedCounts(copy, service.study);
        expect(inCopy.api).toBeGreaterThanOrEqual(100);
        expect(inCopy.api).toBeLessThanOrEqual(load.acknowledged.length + load.unanswered.length);
        // Responses and their invites, from the same instant.
        expect(inCopy.used).toBe(inCopy.api);
      } finally {
        await copy.close();
      }
    } finally {
      await server.stop('SIGTERM');
      await service.db.destroy();
    }
  }, 120_000);
});
