// `npm run bench:ab -- --b DIR`: is one build of the submission route faster than another?
// On a shared machine the bare route's rate can swing widely from minute to minute, so two
// builds measured minutes apart (two `npm run bench` runs) cannot be told apart by less than
// that. Here they take turns: each pair starts both builds afresh, warms them up, runs A and
// B back to back, then the bare route. The verdict is the median of B/A over the pairs and
// how many pairs B won.
//
// Why afresh, with the places swapped: with each build kept in one server on one database
// for the whole run, a build compared with itself came out clearly faster as B. So which of
// the two databases each build writes to alternates every pair, and which starts and runs
// first every two.
//
// A build is a checkout with its node_modules, e.g. `git worktree add /tmp/ab-old HEAD~1`
// then `ln -s "$PWD/node_modules" /tmp/ab-old/`. Its `rootwork serve` migrates the database,
// which this checkout creates: a build that lacks one of this checkout's migrations refuses to start.
import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, usageError } from './lib/args.js';
import { BENCH_SECRET, createBenchDatabase, type BenchDatabase } from './lib/bench-db.js';
import { runCannon, type CannonSummary } from './lib/cannon.js';
import { ROOT, startRootwork, startTsEntry, type ChildServer } from '../tests/kit/child-server.js';
import { median } from './lib/rounds.js';

const USAGE = `Usage: npm run bench:ab -- --b DIR [--a DIR] [--pairs N] [--duration S] [--connections N]

--a DIR, --b DIR: the two checkouts to compare (--a defaults to this one).
--pairs N: pairs of runs (default 10); each pair starts both builds afresh, warms them up,
  runs A and B back to back, then the bare route.
--duration S: seconds per run (default 4).
--connections N: concurrent connections (default 50).
Prints each pair and, at the end, the median of B/A and how many pairs B won.
`;

const fail = (message: string): never => usageError('bench:ab', message);
const values = parseBenchArgs('bench:ab', USAGE, { a: { type: 'string' }, b: { type: 'string' }, pairs: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' } });
if (values.b === undefined) fail('--b DIR is required: the checkout to compare with. See --help.');
const whole = (name: string, raw: string | undefined, fallback: number, max: number): number => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) fail(`--${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  return Number(raw);
};
for (const dir of [values.a, values.b]) {
  if (dir === undefined) continue;
  if (!fs.existsSync(path.join(dir, 'bin', 'rootwork.js'))) fail(`${dir} is not a checkout of Rootwork (no bin/rootwork.js there).`);
  if (!fs.existsSync(path.join(dir, 'node_modules'))) fail(`${dir} has no node_modules: run npm ci there, or link this checkout's.`);
}
const pairs = whole('pairs', values.pairs, 10, 100);
const durationS = whole('duration', values.duration, 4, 120);
const connections = whole('connections', values.connections, 50, 5000);
/** Seconds of unmeasured load for each server after it starts. */
const WARMUP_S = 2;

/** A database the builds take turns on: each run starts past the codes already handed out. */
interface Store {
  db: BenchDatabase;
  used: number;
  acknowledged: number;
}

// Enough codes for every run, warm-ups included, at a rate well above what either build reaches.
const codeCount = 15_000 * (durationS + WARMUP_S) * (pairs + 1);
const roots = { A: values.a ?? ROOT, B: values.b } as const;
const stores: Store[] = [];
let bare: ChildServer | undefined;
const running = new Set<ChildServer>();
try {
  for (const name of ['first', 'second']) {
    process.stderr.write(`seeding ${codeCount} codes in the ${name} database\n`);
    stores.push({ db: await createBenchDatabase('sqlite', codeCount), used: 0, acknowledged: 0 });
  }
  bare = await startTsEntry('bench/bare-server.ts');
  const run = async (label: 'A' | 'B', server: ChildServer, store: Store, seconds: number): Promise<CannonSummary> => {
    const summary = await runCannon({ url: server.url, connections, durationS: seconds, codes: store.db.codes.slice(store.used) });
    if (summary.exhausted) throw new Error(`${label} ran out of invite codes: use fewer --pairs or a shorter --duration.`);
    // Every request took a code, answered or not (plus those in flight when the run stopped).
    store.used += summary.ok + summary.non2xx + summary.errors + connections;
    store.acknowledged += summary.ok;
    return summary;
  };
  await runCannon({ url: bare.url, connections, durationS: WARMUP_S, codes: stores[0].db.codes });
  const ratios: number[] = [];
  const shares: Record<'A' | 'B', number[]> = { A: [], B: [] };
  for (let i = 0; i < pairs; i++) {
    // Each pair starts both builds afresh; which database each takes alternates every pair,
    // and which one starts and runs first every two, so neither build keeps a place.
    const storeOf = { A: stores[i % 2], B: stores[1 - (i % 2)] };
    const order: ('A' | 'B')[] = Math.floor(i / 2) % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    const servers = new Map<'A' | 'B', ChildServer>();
    for (const label of order) {
      const server = await startRootwork({ root: roots[label], env: { DATABASE_URL: storeOf[label].db.url, ROOTWORK_SECRET: BENCH_SECRET } });
      running.add(server);
      servers.set(label, server);
    }
    // Warm-up, unmeasured: V8 compiles the route and the threads start.
    for (const label of order) await run(label, servers.get(label)!, storeOf[label], WARMUP_S);
    const rates = new Map<'A' | 'B', CannonSummary>();
    for (const label of order) rates.set(label, await run(label, servers.get(label)!, storeOf[label], durationS));
    const ceiling = (await runCannon({ url: bare.url, connections, durationS, codes: stores[0].db.codes })).perSecond;
    for (const server of servers.values()) {
      await server.stop('SIGTERM');
      running.delete(server);
    }
    const ra = rates.get('A')!;
    const rb = rates.get('B')!;
    ratios.push(rb.perSecond / ra.perSecond);
    shares.A.push(ra.perSecond / ceiling);
    shares.B.push(rb.perSecond / ceiling);
    const odd = [ra, rb].some((r) => r.non2xx > 0 || r.errors > 0) ? `  non-2xx A ${ra.non2xx} B ${rb.non2xx}, errors A ${ra.errors} B ${rb.errors}` : '';
    process.stdout.write(`pair ${i + 1}: A ${ra.perSecond.toFixed(0)}/s  B ${rb.perSecond.toFixed(0)}/s  bare ${ceiling.toFixed(0)}/s  B/A ${(rb.perSecond / ra.perSecond).toFixed(3)}${odd}\n`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(`median B/A ${median(ratios).toFixed(3)}; B won ${ratios.filter((r) => r > 1).length} of ${pairs} pairs; median share of the bare route: A ${pct(median(shares.A))}, B ${pct(median(shares.B))}\n`);
  for (const [i, store] of stores.entries()) {
    const stored = await store.db.countApiResponses();
    if (stored < store.acknowledged) throw new Error(`database ${i + 1}: ${store.acknowledged} submissions acknowledged but ${stored} stored.`);
  }
} catch (error) {
  process.stderr.write(`bench:ab: ${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  await Promise.all([...[...running].map((s) => s.stop('SIGTERM')), bare?.stop('SIGTERM')]);
  for (const store of stores) await store.db.destroy();
}
