// Databases for the submission benchmark: a fresh SQLite file or a fresh PostgreSQL database,
// migrated and seeded with a small synthetic study plus enough invite codes for a run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../data/connect.js';
import { openDatabase } from '../../data/connect.js';
import { migrateToLatest } from '../../data/migrate.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';

export const BENCH_SECRET = crypto.randomBytes(24).toString('hex');

export interface BenchDatabase {
  dialect: DialectName;
  url: string;
  /** Invite codes, in the order they should be used. */
  codes: string[];
  /** Responses the API stored (source = 'api'). */
  countApiResponses(): Promise<number>;
  destroy(): Promise<void>;
}

export async function createBenchDatabase(dialect: DialectName, codeCount: number, pgAdminUrl?: string): Promise<BenchDatabase> {
  let url: string;
  let dir: string | undefined;
  let pgName: string | undefined;
  if (dialect === 'sqlite') {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-bench-'));
    url = path.join(dir, 'bench.db');
  } else {
    if (!pgAdminUrl) throw new Error('A PostgreSQL URL is needed for the PostgreSQL benchmark (ROOTWORK_BENCH_PG).');
    pgName = `rootwork_bench_${crypto.randomBytes(5).toString('hex')}`;
    await adminQuery(pgAdminUrl, `CREATE DATABASE ${pgName}`);
    const u = new URL(pgAdminUrl);
    u.pathname = `/${pgName}`;
    url = u.toString();
  }
  const handle = await openDatabase(url);
  let codes: string[];
  try {
    await migrateToLatest(handle.db);
    const study = await writeSyntheticStudy(handle.db, { orgs: 20, staffMin: 5, staffMax: 15, seed: 88, studyName: 'Benchmark study' });
    const org = await handle.db.selectFrom('organizations').select('id').orderBy('code').executeTakeFirstOrThrow();
    // The codes' organization takes every one of them: without a profile it has no headcount
    // bound (an organization takes no answers beyond its headcount, issue #19).
    await handle.db.deleteFrom('profile_exits').where('organization_id', '=', org.id).execute();
    await handle.db.deleteFrom('org_profiles').where('organization_id', '=', org.id).execute();
    ({ codes } = await issueInvites(handle.db, BENCH_SECRET, study.waveId, org.id, codeCount));
  } finally {
    await handle.close();
  }
  return {
    dialect,
    url,
    codes,
    async countApiResponses() {
      const h = await openDatabase(url);
      try {
        const row = await h.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('source', '=', 'api').executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await h.close();
      }
    },
    async destroy() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      if (pgName && pgAdminUrl) await adminQuery(pgAdminUrl, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
