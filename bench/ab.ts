// `npm run bench:ab -- --b DIR`: is one build of the submission route faster than another?
// On this machine the bare route's rate swings by half from minute to minute, so two builds
// measured minutes apart (two `npm run bench` runs) cannot be told apart by less than that.
// Here both run at once, each as its own server on its own fresh SQLite database, and take
// turns: each pair runs A and B back to back (alternating which goes first), then the bare
// route. The verdict is the median of B/A over the pairs and how many pairs B won.
//
// A build is a checkout with its node_modules, e.g. `git worktree add /tmp/ab-old HEAD~1`
// then `ln -s "$PWD/node_modules" /tmp/ab-old/`. Its `rootwork serve` migrates the database,
// which this checkout creates: a build that lacks one of this checkout's migrations refuses to start.
import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, usageError } from './lib/args.js';
import { BENCH_SECRET, createBenchDatabase, type BenchDatabase } from './lib/bench-db.js';
import { runCannon, type CannonSummary } from './lib/cannon.js';
import { ROOT, startRootwork, startTsEntry, type ChildServer } from './lib/child-server.js';
import { median } from './lib/rounds.js';

const USAGE = `Usage: npm run bench:ab -- --b DIR [--a DIR] [--pairs N] [--duration S] [--connections N]

--a DIR, --b DIR: the two checkouts to compare (--a defaults to this one).
--pairs N: pairs of runs (default 10); each pair is A and B back to back, then the bare route.
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

interface Side {
  label: 'A' | 'B';
  server: ChildServer;
  db: BenchDatabase;
  /** Codes handed out so far: each run starts past them, so no code is offered twice. */
  used: number;
  acknowledged: number;
}

// Enough codes for every run at a rate well above what either build reaches.
const codeCount = 15_000 * durationS * (pairs + 1);
const sides: Side[] = [];
let bare: ChildServer | undefined;
try {
  for (const [label, root] of [['A', values.a ?? ROOT], ['B', values.b]] as const) {
    process.stderr.write(`seeding ${codeCount} codes for ${label} (${root})\n`);
    const db = await createBenchDatabase('sqlite', codeCount);
    const server = await startRootwork({ root, env: { DATABASE_URL: db.url, ROOTWORK_SECRET: BENCH_SECRET } });
    sides.push({ label, server, db, used: 0, acknowledged: 0 });
  }
  bare = await startTsEntry('bench/bare-server.ts');
  const run = async (side: Side): Promise<CannonSummary> => {
    const summary = await runCannon({ url: side.server.url, connections, durationS, codes: side.db.codes.slice(side.used) });
    if (summary.exhausted) throw new Error(`${side.label} ran out of invite codes: use fewer --pairs or a shorter --duration.`);
    // Every request took a code, answered or not (plus those in flight when the run stopped).
    side.used += summary.ok + summary.non2xx + summary.errors + connections;
    side.acknowledged += summary.ok;
    return summary;
  };
  const [a, b] = sides;
  // Warm-up: each server once, unmeasured.
  await run(a);
  await run(b);
  await runCannon({ url: bare.url, connections, durationS, codes: a.db.codes });
  const ratios: number[] = [];
  const shares: Record<'A' | 'B', number[]> = { A: [], B: [] };
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? [a, b] : [b, a];
    const rates = new Map<Side, CannonSummary>();
    for (const side of order) rates.set(side, await run(side));
    const ceiling = (await runCannon({ url: bare.url, connections, durationS, codes: a.db.codes })).perSecond;
    const ra = rates.get(a)!;
    const rb = rates.get(b)!;
    ratios.push(rb.perSecond / ra.perSecond);
    shares.A.push(ra.perSecond / ceiling);
    shares.B.push(rb.perSecond / ceiling);
    const odd = [ra, rb].some((r) => r.non2xx > 0 || r.errors > 0) ? `  non-2xx A ${ra.non2xx} B ${rb.non2xx}, errors A ${ra.errors} B ${rb.errors}` : '';
    process.stdout.write(`pair ${i + 1}: A ${ra.perSecond.toFixed(0)}/s  B ${rb.perSecond.toFixed(0)}/s  bare ${ceiling.toFixed(0)}/s  B/A ${(rb.perSecond / ra.perSecond).toFixed(3)}${odd}\n`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(`median B/A ${median(ratios).toFixed(3)}; B won ${ratios.filter((r) => r > 1).length} of ${pairs} pairs; median share of the bare route: A ${pct(median(shares.A))}, B ${pct(median(shares.B))}\n`);
  for (const side of sides) {
    const stored = await side.db.countApiResponses();
    if (stored < side.acknowledged) throw new Error(`${side.label} acknowledged ${side.acknowledged} submissions but stored ${stored}.`);
  }
} catch (error) {
  process.stderr.write(`bench:ab: ${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  await Promise.all([...sides.map((s) => s.server.stop('SIGTERM')), bare?.stop('SIGTERM')]);
  for (const side of sides) await side.db.destroy();
}
