// A seeded database plus the real service as a child process: what the load, crash and
// shutdown tests run against, on either dialect.
import type { DialectName } from '../../../data/connect.js';
import { openDatabase, type DatabaseHandle } from '../../../data/connect.js';
import { startRootwork, type ChildServer } from '../../kit/child-server.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedStudy, type SeededStudy } from './seed.js';

export interface ServiceUnderTest {
  db: TestDatabase;
  study: SeededStudy;
  start(): Promise<ChildServer>;
  /** A fresh connection to the same database, for checking what was stored. */
  open(): Promise<DatabaseHandle>;
}

export async function prepareService(dialect: DialectName, invites: number): Promise<ServiceUnderTest> {
  const db = await createTestDatabase(dialect);
  const study = await seedStudy(db.handle, { orgs: 8, invites });
  return {
    db,
    study,
    start: () => startRootwork({ env: { DATABASE_URL: db.url, ROOTWORK_SECRET: TEST_SECRET } }),
    open: () => openDatabase(db.url),
  };
}

/** Responses stored by the API, and invites marked used, in the seeded wave. */
export async function storedCounts(handle: DatabaseHandle, study: SeededStudy): Promise<{ api: number; used: number }> {
  const api = await handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('wave_id', '=', study.waveId).where('source', '=', 'api').executeTakeFirstOrThrow();
  const used = await handle.db.selectFrom('invites').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('wave_id', '=', study.waveId).where('used', '=', 1).executeTakeFirstOrThrow();
  return { api: Number(api.n), used: Number(used.n) };
}

/** Which of `codeHashes` are not marked used. */
export async function unusedOf(handle: DatabaseHandle, codeHashes: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < codeHashes.length; i += 500) {
    const chunk = codeHashes.slice(i, i + 500);
    const rows = await handle.db.selectFrom('invites').select('code_hash').where('code_hash', 'in', chunk).where('used', '=', 1).execute();
    const used = new Set(rows.map((r) => r.code_hash));
    for (const h of chunk) if (!used.has(h)) missing.push(h);
  }
  return missing;
}
