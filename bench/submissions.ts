// Submission throughput: the real POST /api/v1/responses (validation, code check, durable
// write) on SQLite and PostgreSQL, against the bare Hono route parsing the same body, at
// each connection count, all in one run. Each server is its own child process; autocannon
// runs here. After each real run the stored responses are counted against the 2xx answers.
import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '../data/connect.js';
import { createBenchDatabase, BENCH_SECRET, type BenchDatabase } from './lib/bench-db.js';
import { runCannon, type CannonSummary } from './lib/cannon.js';
import { ROOT, startRootwork, startTsEntry } from './lib/child-server.js';

export interface SubmissionRow {
  target: 'bare' | DialectName;
  summary: CannonSummary;
  /** For real routes: responses stored by the API (at least summary.ok). */
  stored?: number;
  /** The machine's 1-minute load average when the row started. */
  loadAverage: number;
}

export interface SubmissionBenchOptions {
  connections: readonly number[];
  durationS: number;
  /** PostgreSQL server URL whose role may create databases; PostgreSQL is skipped without it. */
  pgUrl?: string;
  log: (line: string) => void;
}

// Sized for a route well above the targets: codes never run out before the duration does.
const CODES_PER_SECOND = 15_000;

export async function benchSubmissions(options: SubmissionBenchOptions): Promise<SubmissionRow[]> {
  const rows: SubmissionRow[] = [];
  const dialects: DialectName[] = options.pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  const fakeCodes = Array.from({ length: CODES_PER_SECOND * options.durationS }, (_, i) => `BENCH${String(i).padStart(7, '0')}`);
  for (const connections of options.connections) {
    options.log(`bare route, ${connections} connections, ${options.durationS} s`);
    const bare = await startTsEntry(path.join(ROOT, 'bench', 'bare-server.ts'));
    try {
      const loadAverage = os.loadavg()[0];
      rows.push({ target: 'bare', loadAverage, summary: await runCannon({ url: bare.url, connections, durationS: options.durationS, codes: fakeCodes }) });
    } finally {
      await bare.stop();
    }
    for (const dialect of dialects) {
      options.log(`real route on ${dialect}, ${connections} connections, ${options.durationS} s (seeding codes)`);
      const db = await createBenchDatabase(dialect, CODES_PER_SECOND * options.durationS, options.pgUrl);
      try {
        rows.push(await benchReal(db, connections, options.durationS));
      } finally {
        await db.destroy();
      }
    }
  }
  return rows;
}

async function benchReal(db: BenchDatabase, connections: number, durationS: number): Promise<SubmissionRow> {
  const server = await startRootwork({ env: { DATABASE_URL: db.url, ROOTWORK_SECRET: BENCH_SECRET } });
  const loadAverage = os.loadavg()[0];
  let summary: CannonSummary;
  try {
    summary = await runCannon({ url: server.url, connections, durationS, codes: db.codes });
  } finally {
    // SIGTERM: the service flushes its pending group commit before it exits.
    await server.stop('SIGTERM');
  }
  return { target: db.dialect, summary, loadAverage, stored: await db.countApiResponses() };
}
