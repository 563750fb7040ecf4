// Submission throughput: the real POST /api/v1/responses (validation, code check, durable
// write) on SQLite and PostgreSQL, against the bare Hono route parsing the same body, at
// each connection count, all in one run. Runs are interleaved in rounds — bare, then each
// real route — and closed by one more bare run, so every real run sits between two bare runs
// (bench/lib/rounds.ts divides by them). Each server is its own child process; autocannon
// runs here. After each real run the stored responses are counted against the 2xx answers.
import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '../data/connect.js';
import { createBenchDatabase, BENCH_SECRET, type BenchDatabase } from './lib/bench-db.js';
import { runCannon, type CannonSummary } from './lib/cannon.js';
import { ROOT, startRootwork, startTsEntry } from './lib/child-server.js';

export interface SubmissionRow {
  target: 'bare' | DialectName;
  /** 1-based round; a connection count's closing bare run has round = rounds + 1. */
  round: number;
  summary: CannonSummary;
  /** For real routes: responses stored by the API (at least summary.ok). */
  stored?: number;
  /** The machine's 1-minute load average when the row started. */
  loadAverage: number;
}

export interface SubmissionBenchOptions {
  connections: readonly number[];
  durationS: number;
  /** Rounds per connection count (each: bare, then every dialect's real route). */
  rounds: number;
  /** PostgreSQL server URL whose role may create databases; PostgreSQL is skipped without it. */
  pgUrl?: string;
  log: (line: string) => void;
}

// Sized for a route well above the targets: codes never run out before the duration does.
const CODES_PER_SECOND = 15_000;

/** Rows in the order they ran (the bracketing in bench/lib/rounds.ts relies on it). */
export async function benchSubmissions(options: SubmissionBenchOptions): Promise<SubmissionRow[]> {
  const { durationS, rounds, log } = options;
  const rows: SubmissionRow[] = [];
  const dialects: DialectName[] = options.pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  const fakeCodes = Array.from({ length: CODES_PER_SECOND * durationS }, (_, i) => `BENCH${String(i).padStart(7, '0')}`);
  for (const connections of options.connections) {
    // Every fresh database of this connection count is seeded before its first bare run:
    // seeding takes about as long as a run (~9 s for 150,000 codes), and between runs it
    // would push a real run minutes away from the bare runs it is divided by.
    const dbs = new Map<string, BenchDatabase>();
    try {
      for (let round = 1; round <= rounds; round++) {
        for (const dialect of dialects) {
          log(`seeding a fresh ${dialect} database for round ${round}/${rounds} at ${connections} connections`);
          dbs.set(`${round}/${dialect}`, await createBenchDatabase(dialect, CODES_PER_SECOND * durationS, options.pgUrl));
        }
      }
      for (let round = 1; round <= rounds + 1; round++) {
        log(`${round <= rounds ? `round ${round}/${rounds}` : 'closing'}: bare route, ${connections} connections, ${durationS} s`);
        rows.push(await benchBare(connections, durationS, fakeCodes, round));
        if (round > rounds) break;
        for (const dialect of dialects) {
          log(`round ${round}/${rounds}: real route on ${dialect}, ${connections} connections, ${durationS} s`);
          rows.push(await benchReal(dbs.get(`${round}/${dialect}`)!, connections, durationS, round));
        }
      }
    } finally {
      // Removed only after the last run, so that the I/O of dropping them falls outside it.
      for (const db of dbs.values()) {
        await db.destroy().catch((err: Error) => log(`could not remove a bench database: ${err.message}`));
      }
    }
  }
  return rows;
}

async function benchBare(connections: number, durationS: number, codes: readonly string[], round: number): Promise<SubmissionRow> {
  const bare = await startTsEntry(path.join(ROOT, 'bench', 'bare-server.ts'));
  try {
    const loadAverage = os.loadavg()[0];
    return { target: 'bare', round, loadAverage, summary: await runCannon({ url: bare.url, connections, durationS, codes }) };
  } finally {
    await bare.stop();
  }
}

async function benchReal(db: BenchDatabase, connections: number, durationS: number, round: number): Promise<SubmissionRow> {
  const server = await startRootwork({ env: { DATABASE_URL: db.url, ROOTWORK_SECRET: BENCH_SECRET } });
  const loadAverage = os.loadavg()[0];
  let summary: CannonSummary;
  try {
    summary = await runCannon({ url: server.url, connections, durationS, codes: db.codes });
  } finally {
    // SIGTERM: the service flushes its pending group commit before it exits.
    await server.stop('SIGTERM');
  }
  return { target: db.dialect, round, summary, loadAverage, stored: await db.countApiResponses() };
}
