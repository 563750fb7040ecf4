// The attack of issue #19 on the SQLite files, performed: while the service runs, copy the
// write-ahead log (and the database file) after every submission, once the writer is idle
// (it truncates the log a few milliseconds after its last commit), parse the log
// frame by frame, rebuild the database after each commit, and see which invite flips to
// "used" and which response appears in the same commit. On the log Rootwork leaves, nothing
// links; on a log nobody truncates (the control), the same parser links every invite, so the
// parser is known to work. Then the order: rows read back from the file (one organization's,
// keyed by wave, organization and id) come in random-id order, not in the order they arrived; and
// read as raw bytes, page by page (SQLite fills a page from its end, so a page's bytes hold
// its newest rows first), they come in id order once the writer has VACUUMed.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../data/connect.js';
import { migrateToLatest } from '../../../data/migrate.js';
import { createSubmissionWriter, type SubmissionWriter, type WriterOptions, type WritePath } from '../../../data/submissions/writer.js';
import { createApp } from '../../../survey/app.js';
import { tempDir, TEST_SECRET } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../../survey/survey-fixture.js';

const ANSWERS = { role: 'organizer', tenure_years: 2, fte: 'full', race_decline: 1, gender: 'prefer_not', age_band: 'prefer_not', looking: 'no', stay_2y: 'yes' };

interface Frame { pgno: number; data: Buffer }

/** The frames of a WAL copy, grouped into commits, read as an attacker would: no checksum or salt is trusted. */
function walCommits(wal: Buffer): Frame[][] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const commits: Frame[][] = [];
  let current: Frame[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    current.push({ pgno: wal.readUInt32BE(at), data: wal.subarray(at + 24, at + 24 + pageSize) });
    if (wal.readUInt32BE(at + 4) !== 0) {
      commits.push(current);
      current = [];
    }
  }
  return commits;
}

interface State { used: Set<string>; responses: Set<string> }

/** Opens a database image (written to a scratch file) and reads what the attacker wants. */
function readState(image: Buffer, scratch: string): State {
  // Bytes 18–19 say "WAL": set them to rollback mode so the image opens on its own.
  // An image from before the schema was written has nothing to read yet.
  if (image.length < 100) return { used: new Set(), responses: new Set() };
  const copy = Buffer.from(image);
  copy[18] = 1;
  copy[19] = 1;
  fs.writeFileSync(scratch, copy);
  const conn = new SQLite(scratch, { readonly: true });
  try {
    const tables = new Set((conn.prepare("select name from sqlite_schema where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('invites') || !tables.has('responses')) return { used: new Set(), responses: new Set() };
    const used = new Set((conn.prepare('select code_hash from invites where used = 1').all() as { code_hash: string }[]).map((r) => r.code_hash));
    const responses = new Set((conn.prepare('select id from responses').all() as { id: string }[]).map((r) => r.id));
    return { used, responses };
  } finally {
    conn.close();
  }
}

/**
 * Replays a WAL copy over the database file copied with it, commit by commit, and returns
 * each invite (code hash) that a commit marked used together with exactly one new response.
 */
function linkedPairs(dbFile: Buffer, wal: Buffer, scratch: string): Map<string, string> {
  const commits = walCommits(wal);
  const pairs = new Map<string, string>();
  if (commits.length === 0) return pairs;
  const pageSize = wal.readUInt32BE(8);
  let image = Buffer.from(dbFile);
  let before = readState(image, scratch);
  for (const commit of commits) {
    for (const { pgno, data } of commit) {
      const end = pgno * pageSize;
      if (image.length < end) image = Buffer.concat([image, Buffer.alloc(end - image.length)]);
      data.copy(image, (pgno - 1) * pageSize);
    }
    const after = readState(image, scratch);
    const flipped = [...after.used].filter((h) => !before.used.has(h));
    const added = [...after.responses].filter((id) => !before.responses.has(id));
    if (flipped.length === 1 && added.length === 1) pairs.set(flipped[0], added[0]);
    before = after;
  }
  return pairs;
}

/**
 * The ids of `known` responses met reading the file's bytes, page by page (4 KB, the page
 * size), each page's ids in the order their bytes come.
 */
function idsByPage(file: string, known: ReadonlySet<string>): string[][] {
  const bytes = fs.readFileSync(file).toString('latin1');
  const pages: string[][] = [];
  for (let at = 0; at < bytes.length; at += 4096) {
    const ids = [...bytes.slice(at, at + 4096).matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]).filter((id) => known.has(id));
    if (ids.length > 1) pages.push([...new Set(ids)]);
  }
  return pages;
}

/** Of the pairs of ids sharing a page, how many lie in reverse arrival order: all of them means the order is recovered. */
function reverseArrivalPairs(pages: string[][], arrived: readonly string[]): { pairs: number; reversed: number } {
  let pairs = 0;
  let reversed = 0;
  for (const ids of pages) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        pairs += 1;
        if (arrived.indexOf(ids[i]) > arrived.indexOf(ids[j])) reversed += 1;
      }
    }
  }
  return { pairs, reversed };
}

describe('the SQLite files while the service runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('rootwork-wal-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * A fresh database served by the real app; submits one invite at a time (each its own
   * commit, with an idempotency token, whose hash the claim writes into the invite row),
   * copying the files after each.
   */
  async function attack(name: string, path_: WritePath, options: WriterOptions = {}): Promise<{ pairs: Map<string, string>; fx: SurveyFixture; handle: DatabaseHandle; writer: SubmissionWriter; arrived: string[] }> {
    const file = path.join(dir, `${name}.db`);
    const handle = await openDatabase(file);
    await migrateToLatest(handle.db);
    const fx = await seedSurvey(handle.db, { codes: 7 });
    const writer = createSubmissionWriter(handle.db, { path: path_, ...options });
    const app = createApp({ db: handle.db, writer, config: { secret: TEST_SECRET }, log: () => {} });
    const pairs = new Map<string, string>();
    const arrived: string[] = [];
    const seen = new Set<string>();
    for (const [i, code] of fx.codes.entries()) {
      const res = await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, lang: 'en', answers: ANSWERS, idempotency_token: randomUUID() }) });
      expect(res.status).toBe(201);
      const ids = (handle.sqlite!.prepare('select id from responses').all() as { id: string }[]).map((r) => r.id);
      arrived.push(...ids.filter((id) => !seen.has(id)));
      ids.forEach((id) => seen.add(id));
      // The attacker's copies, taken while the service runs, once the writer has gone idle (the
      // few milliseconds before that are the window SECURITY.md states).
      if (path_ === 'sqlite-thread') await vi.waitFor(() => expect(walCommits(fs.readFileSync(`${file}-wal`))).toEqual([]), { timeout: 5000, interval: 2 });
      const db = fs.readFileSync(file);
      const wal = fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0);
      for (const [hash, id] of linkedPairs(db, wal, path.join(dir, `${name}-scratch-${i}.db`))) pairs.set(hash, id);
    }
    return { pairs, fx, handle, writer, arrived };
  }

  it('control: on a log nobody truncates, the parser links every invite to its response', async () => {
    const { pairs, handle, writer } = await attack('control', 'kysely');
    try {
      expect(pairs.size).toBe(7);
    } finally {
      await writer.close();
      await handle.close();
    }
  });

  it('Rootwork\'s writer leaves a log from which no invite can be linked to its response', async () => {
    const { pairs, handle, writer } = await attack('service', 'sqlite-thread');
    try {
      expect(pairs.size).toBe(0);
    } finally {
      await writer.close();
      await handle.close();
    }
  });

  it('keeps responses in random-id order in the file, not in the order they arrived', async () => {
    const { handle, writer, arrived, fx } = await attack('order', 'sqlite-thread');
    try {
      expect(arrived).toHaveLength(7);
      const sorted = [...arrived].sort();
      // As a reader of the file meets them (one organization's rows): the table's own order, and
      // its wave's range of the key (wave, organization, id), the one B-tree that holds them.
      const tableOrder = (handle.sqlite!.prepare('select id from responses').all() as { id: string }[]).map((r) => r.id);
      const waveOrder = (handle.sqlite!.prepare('select id from responses where wave_id = ?').all(fx.waveId) as { id: string }[]).map((r) => r.id);
      expect(tableOrder).toEqual(sorted);
      expect(waveOrder).toEqual(sorted);
      expect((handle.sqlite!.prepare('select name from pragma_index_list(?)').all('responses') as { name: string }[]).map((r) => r.name)).toEqual(['sqlite_autoindex_responses_1']);
      // No hidden row number to order by either.
      expect(() => handle.sqlite!.prepare('select rowid from responses').all()).toThrow(/no such column/);
    } finally {
      await writer.close();
      await handle.close();
    }
  });

  it('leaves no arrival order in the bytes of the file once the writer VACUUMs (when closed, and when idle)', async () => {
    // The control: with no VACUUM, each page's bytes give its rows in reverse arrival order.
    const raw = await attack('bytes-raw', 'sqlite-thread', { vacuum: { maxBytes: 0 } });
    await raw.writer.close();
    const rawOrder = reverseArrivalPairs(idsByPage(raw.handle.location, new Set(raw.arrived)), raw.arrived);
    await raw.handle.close();
    expect(rawOrder.pairs).toBeGreaterThan(0);
    expect(rawOrder.reversed).toBe(rawOrder.pairs);

    const sortedPages = (file: string, arrived: string[]) => idsByPage(file, new Set(arrived)).map((ids) => [ids, [...ids].sort().reverse()]);
    const closed = await attack('bytes-closed', 'sqlite-thread');
    await closed.writer.close();
    const pages = sortedPages(closed.handle.location, closed.arrived);
    await closed.handle.close();
    expect(pages.length).toBeGreaterThan(0);
    for (const [ids, byId] of pages) expect(ids).toEqual(byId);

    const idle = await attack('bytes-idle', 'sqlite-thread', { vacuum: { idleMs: 10, minIntervalMs: 0 } });
    try {
      // While the writer is still open: it VACUUMs once idle.
      await vi.waitFor(() => {
        for (const [ids, byId] of sortedPages(idle.handle.location, idle.arrived)) expect(ids).toEqual(byId);
      }, { timeout: 10_000, interval: 50 });
      expect(walCommits(fs.readFileSync(`${idle.handle.location}-wal`))).toEqual([]);
    } finally {
      await idle.writer.close();
      await idle.handle.close();
    }
  });
});
