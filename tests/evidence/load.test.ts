// Deadline day: 100 concurrent clients submit complete surveys for 20 s to the real service
// (a child process, loopback only). No answer may be a 5xx, and the database must hold
// exactly one response per 2xx answer — on SQLite and on PostgreSQL. Afterwards neither the
// database nor the server's log holds the clients' address, user agent or codes.
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.js';
import { count5xx, PROBE_USER_AGENT, runLoad } from './helpers/load.js';
import { findInLogs, findInSqliteFiles, findInTables } from './helpers/scan.js';
import { prepareService, storedCounts, type ServiceUnderTest } from './helpers/service.js';

const CLIENTS = 100;
const DURATION_MS = 20_000;
// Enough fresh codes for a fast service; past them codes repeat and must be refused with 409.
const INVITES = 30_000;

describe.each(DIALECTS)('load on %s', (dialect) => {
  let service: ServiceUnderTest;
  afterAll(async () => {
    await service?.db.destroy();
  });

  it(`${CLIENTS} clients for ${DURATION_MS / 1000} s: no 5xx, stored responses = 2xx answers, nothing identifying kept`, async () => {
    service = await prepareService(dialect, INVITES);
    const server = await service.start();
    let load;
    try {
      load = await runLoad({ url: server.url, clients: CLIENTS, durationMs: DURATION_MS, codes: service.study.codes });
    } finally {
      const exit = await server.stop('SIGTERM');
      expect(exit.code).toBe(0);
    }
    const statuses = Object.fromEntries(load.statuses);
    expect(count5xx(load.statuses), `5xx answers: ${JSON.stringify(statuses)}; e.g. ${load.sampleErrors.join(' | ')}`).toBe(0);
    expect(load.unanswered).toEqual([]);
    expect(load.acknowledged.length).toBeGreaterThan(0);
    // Anything but 201 must be a repeated code being refused.
    for (const status of load.statuses.keys()) expect([201, 409]).toContain(status);

    const handle = await service.open();
    try {
      const stored = await storedCounts(handle, service.study);
      expect(stored.api).toBe(load.acknowledged.length);
      expect(stored.used).toBe(load.acknowledged.length);

      const sample = service.study.codes.slice(0, 50);
      const needles = ['127.0.0.1', '::ffff:', PROBE_USER_AGENT, 'probe-ua-5d1c', ...sample];
      expect(await findInTables(handle, needles)).toEqual([]);
      if (dialect === 'sqlite') expect(findInSqliteFiles(service.db.url, needles)).toEqual([]);
      // The start-up line names the database (whose PostgreSQL URL has an address): skip it.
      const logs = server.logs.filter((line) => !line.includes('Rootwork is serving'));
      expect(findInLogs(logs, needles)).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
