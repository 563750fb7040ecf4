// Crash and shutdown safety of the real service (a child process, loopback only).
// SIGKILL in the middle of a load: after a restart every acknowledged submission is there,
// complete, each with its invite marked used, nothing else half-written, and SQLite's
// integrity_check is ok. SIGTERM in the middle of a load: the requests already received are
// finished and answered, so the database holds exactly the acknowledged submissions.
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_ANSWERS, submissionBody } from '../kit/payload.js';
import { keyedHash } from '../../data/ids.js';
import { DIALECTS, TEST_SECRET } from '../helpers/databases.js';
import { count5xx, runLoad } from './helpers/load.js';
import { prepareService, storedCounts, unusedOf, type ServiceUnderTest } from './helpers/service.js';

const CLIENTS = 50;
const MAX_MS = 10_000;
// The signal goes out once this many submissions have been acknowledged: mid-stream.
const SIGNAL_AFTER = 300;

describe.each(DIALECTS)('crash and shutdown on %s', (dialect) => {
  const services: ServiceUnderTest[] = [];
  afterAll(async () => {
    for (const s of services) await s.db.destroy();
  });

  it('SIGKILL mid-load loses no acknowledged submission and half-writes none', async () => {
    const service = await prepareService(dialect, 3_000);
    services.push(service);
    const server = await service.start();
    const load = await runLoad({
      url: server.url, clients: CLIENTS, durationMs: MAX_MS, codes: service.study.codes,
      onAcknowledged: { count: SIGNAL_AFTER, run: () => server.process.kill('SIGKILL') },
    });
    const exit = await server.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(count5xx(load.statuses)).toBe(0);
    expect(load.acknowledged.length).toBeGreaterThanOrEqual(SIGNAL_AFTER);
    // Some requests were cut off by the kill: that is what makes this a crash mid-load.
    expect(load.unanswered.length).toBeGreaterThan(0);

    if (dialect === 'sqlite') {
      // Recovery is what the next open does: check the file as the restarted service finds it.
      const raw = new SQLite(service.db.url);
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        raw.close();
      }
    }
    const restarted = await service.start();
    try {
      const health = await fetch(`${restarted.url}/healthz`);
      expect(health.status).toBe(200);
      const handle = await service.open();
      try {
        // Every acknowledged submission is present: its code is marked used...
        expect(await unusedOf(handle, load.acknowledged.map((c) => keyedHash(TEST_SECRET, c)))).toEqual([]);
        const stored = await storedCounts(handle, service.study);
        // ...and responses and used codes were written together or not at all. Submissions
        // cut off by the kill may or may not have committed, never more than were sent.
        expect(stored.used).toBe(stored.api);
        expect(stored.api).toBeGreaterThanOrEqual(load.acknowledged.length);
        expect(stored.api).toBeLessThanOrEqual(load.acknowledged.length + load.unanswered.length);
        // No row is partial: every stored API response holds every answer that was sent.
        const rows = await handle.db.selectFrom('responses').selectAll().where('source', '=', 'api').execute();
        for (const row of rows) {
          for (const [name, value] of Object.entries(SAMPLE_ANSWERS)) {
            expect((row as Record<string, unknown>)[name], `${name} of response ${rows.indexOf(row)}`).toBe(value);
          }
        }
      } finally {
        await handle.close();
      }
      // The restarted service takes submissions again.
      const fresh = service.study.codes[service.study.codes.length - 1];
      const res = await fetch(`${restarted.url}/api/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submissionBody(fresh) });
      expect(res.status).toBe(201);
    } finally {
      await restarted.stop('SIGTERM');
    }
  }, 120_000);

  let afterSigterm: { acknowledged: number } | undefined;

  it('SIGTERM mid-load finishes and answers in-flight requests, then exits cleanly', async () => {
    const service = await prepareService(dialect, 3_000);
    services.push(service);
    const server = await service.start();
    const load = await runLoad({
      url: server.url, clients: CLIENTS, durationMs: MAX_MS, codes: service.study.codes,
      onAcknowledged: { count: SIGNAL_AFTER, run: () => server.process.kill('SIGTERM') },
    });
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(count5xx(load.statuses)).toBe(0);
    expect(server.logs.some((l) => /SIGTERM/.test(l))).toBe(true);
    afterSigterm = { acknowledged: load.acknowledged.length };
    const handle = await service.open();
    try {
      const stored = await storedCounts(handle, service.study);
      // Nothing the service received was committed and left unanswered.
      expect(stored.api).toBe(load.acknowledged.length);
      expect(stored.used).toBe(stored.api);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('after SIGTERM, stops taking new requests on open keep-alive connections', () => {
    expect(afterSigterm, 'the SIGTERM test ran').toBeDefined();
    // Each client has at most one request in flight; allow a few rounds for the signal to be
    // handled. A service that keeps serving its open connections would go on until the
    // clients give up, and a process manager's stop timeout would then SIGKILL it.
    expect(afterSigterm!.acknowledged).toBeLessThanOrEqual(SIGNAL_AFTER + 4 * CLIENTS);
  });
});
