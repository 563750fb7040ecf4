// Submission throughput: the real POST /api/v1/responses (validation, code check, durable
// write) on SQLite and PostgreSQL, against the bare Hono route parsing the same body, at
// each connection count, all in one run. Runs are interleaved in rounds — bare, then each
// real route — and closed by one more bare run, so every real run sits between two bare runs
// (bench/lib/rounds.ts divides by them). Each server is its own child process; autocannon
// runs here (with --cpus, on CPUs of its own). After each real run the stored responses are
// counted against the 2xx answers.
import os from 'node:os';
import path from 'node:path';
import type { DialectName } from '../data/connect.js';
import { createBenchDatabase, BENCH_SECRET, type BenchDatabase } from './lib/bench-db.js';
import { runCannon, type CannonSummary } from './lib/cannon.js';
import { ROOT, startRootwork, startTsEntry } from '../tests/kit/child-server.js';
import { withThisProcessOn, type CpuSplit } from './lib/cpus.js';
import { ensureBuilt } from './lib/product.js';

export interface SubmissionRow {
  target: 'bare' | DialectName;
  /** The unmeasured warm-up run before this one, on the same server (none when --warmup 0). */
  warmup?: { ok: number; status5xx: number; stored?: number };
  /** 1-based round; a connection count's closing bare run has round = rounds + 1. */
  round: number;
  summary: CannonSummary;
  /** For real routes: responses the API stored during the measured run (at least summary.ok). */
  stored?: number;
  /** The machine's 1-minute load average when the row started. */
  loadAverage: number;
}

export interface SubmissionBenchOptions {
  connections: readonly number[];
  durationS: number;
  /** Seconds of unmeasured load on each server before its measured run. */
  warmupS: number;
  /** Rounds per connection count (each: bare, then every dialect's real route). */
  rounds: number;
  /** PostgreSQL server URL whose role may create databases; PostgreSQL is skipped without it. */
  pgUrl?: string;
  /** Separate CPUs for autocannon and the servers (default: both may run anywhere). */
  cpus?: CpuSplit;
  log: (line: string) => void;
}

// Sized for a route well above the targets: codes never run out before the duration does.
const CODES_PER_SECOND = 15_000;

/** Rows in the order they ran (the bracketing in bench/lib/rounds.ts relies on it). */
export async function benchSubmissions(options: SubmissionBenchOptions): Promise<SubmissionRow[]> {
  const { durationS, warmupS, rounds, log } = options;
  // The servers run bin/rootwork.js, the compiled product: never a build older than the sources.
  ensureBuilt(log);
  const rows: SubmissionRow[] = [];
  const dialects: DialectName[] = options.pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  const fakeCodes = Array.from({ length: CODES_PER_SECOND * durationS }, (_, i) => `BENCH${String(i).padStart(7, '0')}`);
  for (const connections of options.connections) {
    // Every fresh database of this connection count is seeded before its first bare run:
    // seeding takes about as long as a run, and between runs it would push a real run
    // minutes away from the bare runs it is divided by.
    const dbs = new Map<string, BenchDatabase>();
    try {
      for (let round = 1; round <= rounds; round++) {
        for (const dialect of dialects) {
          log(`seeding a fresh ${dialect} database for round ${round}/${rounds} at ${connections} connections`);
          dbs.set(`${round}/${dialect}`, await createBenchDatabase(dialect, CODES_PER_SECOND * (durationS + warmupS), options.pgUrl));
        }
      }
      const serverCpus = options.cpus?.server;
      await withThisProcessOn(options.cpus?.generator, async () => {
        for (let round = 1; round <= rounds + 1; round++) {
          log(`${round <= rounds ? `round ${round}/${rounds}` : 'closing'}: bare route, ${connections} connections, ${durationS} s`);
          rows.push(await benchBare(connections, durationS, warmupS, fakeCodes, round, serverCpus));
          if (round > rounds) break;
          for (const dialect of dialects) {
            log(`round ${round}/${rounds}: real route on ${dialect}, ${connections} connections, ${durationS} s`);
            rows.push(await benchReal(dbs.get(`${round}/${dialect}`)!, connections, durationS, warmupS, round, serverCpus));
          }
        }
      });
    } finally {
      // Removed only after the last run, so that the I/O of dropping them falls outside it.
      for (const db of dbs.values()) {
        await db.destroy().catch((err: Error) => log(`could not remove a bench database: ${err.message}`));
      }
    }
  }
  return rows;
}

// Both kinds of server get the same warm-up: the figures compare steady states, not how long
// V8 takes to compile a larger program (or a thread to load its code) in its first seconds.
async function warmUp(url: string, connections: number, warmupS: number, codes: readonly string[]): Promise<SubmissionRow['warmup']> {
  if (warmupS === 0) return undefined;
  const summary = await runCannon({ url, connections, durationS: warmupS, codes });
  // Requests autocannon left in flight finish before anything is counted.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { ok: summary.ok, status5xx: summary.status5xx };
}

async function benchBare(connections: number, durationS: number, warmupS: number, codes: readonly string[], round: number, cpus?: readonly number[]): Promise<SubmissionRow> {
  const bare = await startTsEntry(path.join(ROOT, 'bench', 'bare-server.ts'), { cpus });
  try {
    const warmup = await warmUp(bare.url, connections, warmupS, codes);
    const loadAverage = os.loadavg()[0];
    return { target: 'bare', round, loadAverage, warmup, summary: await runCannon({ url: bare.url, connections, durationS, codes }) };
  } finally {
    await bare.stop();
  }
}

async function benchReal(db: BenchDatabase, connections: number, durationS: number, warmupS: number, round: number, cpus?: readonly number[]): Promise<SubmissionRow> {
  const server = await startRootwork({ env: { DATABASE_URL: db.url, ROOTWORK_SECRET: BENCH_SECRET }, cpus });
  // The warm-up takes the codes after those of the measured run.
  const measuredCodes = db.codes.slice(0, CODES_PER_SECOND * durationS);
  let warmup: SubmissionRow['warmup'];
  let storedBefore = 0;
  let summary: CannonSummary;
  let loadAverage: number;
  try {
    warmup = await warmUp(server.url, connections, warmupS, db.codes.slice(measuredCodes.length));
    if (warmup) {
      storedBefore = await db.countApiResponses();
      warmup.stored = storedBefore;
    }
    loadAverage = os.loadavg()[0];
    summary = await runCannon({ url: server.url, connections, durationS, codes: measuredCodes });
  } finally {
    // SIGTERM: the service flushes its pending group commit before it exits.
    await server.stop('SIGTERM');
  }
  return { target: db.dialect, round, summary, loadAverage, warmup, stored: (await db.countApiResponses()) - storedBefore };
}
