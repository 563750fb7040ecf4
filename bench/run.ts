// `npm run bench`: every benchmark in one run — submissions against the bare-route ceiling on
// SQLite and PostgreSQL in interleaved rounds, then the pipeline's and the reports' own
// benchmarks — written to bench/results.md (through a temporary file, so a failed run leaves
// the last good report).
import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, usageError } from './lib/args.js';
import { allowedCpus, hasTaskset, parseCpuSplit, type CpuSplit } from './lib/cpus.js';
import { describeMachine } from './lib/machine.js';
import { renderReport, type BenchReport } from './lib/markdown.js';
import { ROOT } from '../tests/kit/child-server.js';
import { runSubBench } from './lib/sub-bench.js';
import { benchSubmissions } from './submissions.js';
import { sectionOf } from './lib/calibration-report.js';

const USAGE = `Usage: npm run bench -- [--duration S] [--warmup S] [--connections 50,200] [--rounds N] [--out FILE] [--only submissions|pipeline|reports] [--cpus GEN:SERVER] [--quick]

--duration S: seconds per submission run (default 10).
--warmup S: seconds of unmeasured load on each server, bare and real alike, before its
  measured run (default 3, 1 with --quick; 0 for none).
--connections: the connection counts to drive the submission route with (default 50,200).
--rounds N: interleaved submission rounds per connection count (default 3, 1 with --quick):
  each round runs the bare route then each real route, and one more bare run closes the
  last round; each real run is divided by the bare runs just before and after it, and the
  targets are checked on the median across rounds.
--out FILE: where the report goes (default bench/results.md).
--cpus GEN:SERVER: run autocannon on the CPUs GEN and every server (bare and real) on the
  CPUs SERVER, e.g. 0:1-3, so the load generator never takes the server's cores. Linux with
  taskset only; the two sets must not overlap. Default: both run anywhere (the report says which).
--quick: 3-second submission runs in 1 round and the pipeline on its 10k study only (a smoke run, not figures to quote).

Environment: ROOTWORK_BENCH_PG (or ROOTWORK_TEST_PG) = a PostgreSQL URL whose role may create
databases; without it the PostgreSQL rows are skipped and the report says so.
`;

const fail = (message: string): never => usageError('bench', message);
const values = parseBenchArgs('bench', USAGE, {
  duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' }, out: { type: 'string' },
  only: { type: 'string' }, quick: { type: 'boolean' }, cpus: { type: 'string' },
});
const durationS = Number(values.duration ?? (values.quick ? 3 : 10));
if (!Number.isInteger(durationS) || durationS < 1 || durationS > 600) fail(`--duration must be whole seconds from 1 to 600 (got "${values.duration}").`);
const warmupS = values.warmup === undefined ? (values.quick ? 1 : 3) : /^\d+$/.test(values.warmup) ? Number(values.warmup) : NaN;
if (!(warmupS >= 0 && warmupS <= 60)) fail(`--warmup must be whole seconds from 0 to 60 (got "${values.warmup}").`);
const connections = (values.connections ?? '50,200').split(',').map((s) => Number(s.trim()));
if (connections.some((c) => !Number.isInteger(c) || c < 1 || c > 5000)) fail(`--connections must be a comma-separated list of whole numbers (got "${values.connections}").`);
// Digits only: Number() would also take "", "0x3" and "3e0".
const rounds = values.rounds === undefined ? (values.quick ? 1 : 3) : /^\d+$/.test(values.rounds) ? Number(values.rounds) : NaN;
if (!(rounds >= 1 && rounds <= 20)) fail(`--rounds must be a whole number from 1 to 20 (got "${values.rounds}").`);
const only = values.only;
if (only !== undefined && !['submissions', 'pipeline', 'reports'].includes(only)) fail(`--only must be submissions, pipeline or reports (got "${only}").`);
let cpus: CpuSplit | undefined;
if (values.cpus !== undefined) {
  if (!hasTaskset()) fail('--cpus needs taskset (util-linux), which is not on the PATH.');
  try {
    cpus = parseCpuSplit(values.cpus, allowedCpus());
  } catch (error) {
    fail(`--cpus: ${(error as Error).message}`);
  }
}
const out = path.resolve(values.out ?? path.join(ROOT, 'bench', 'results.md'));
const pgUrl = process.env.ROOTWORK_BENCH_PG || process.env.ROOTWORK_TEST_PG || undefined;
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const machine = describeMachine();
log(`${machine.cores} cores (${machine.cpu}), load average ${machine.loadAverage.join(', ')}`);
const report: BenchReport = {
  command: ['npm run bench', ...process.argv.slice(2)].join(' '),
  day: new Date().toISOString().slice(0, 10),
  machine,
  durationS,
  warmupS,
  rounds,
  submissions: [],
  ...(cpus ? { cpus } : {}),
  ...(pgUrl ? {} : { pgSkipped: 'set ROOTWORK_BENCH_PG (or ROOTWORK_TEST_PG) to a PostgreSQL URL whose role may create databases.' }),
  subBenches: [],
};
if (!only || only === 'submissions') {
  report.submissions = await benchSubmissions({ connections, durationS, warmupS, rounds, pgUrl, cpus, log });
}
if (!only || only === 'pipeline') {
  log('pipeline stages against DuckDB (bench/pipeline.ts)');
  report.subBenches.push({ title: 'Pipeline stages against DuckDB (bench/pipeline.ts)', result: await runSubBench('bench/pipeline.ts', values.quick ? ['--sizes', '10k'] : [], log) });
}
if (!only || only === 'reports') {
  log('report rendering (bench/reports.ts)');
  report.subBenches.push({ title: 'Report rendering (bench/reports.ts)', result: await runSubBench('bench/reports.ts', [], log) });
}
const tmp = `${out}.tmp`;
// The calibration figures (npm run bench:calibration) live in their own section of the same
// file: a rewrite of the rest keeps it.
const calibration = fs.existsSync(out) ? sectionOf(fs.readFileSync(out, 'utf8')) : '';
fs.writeFileSync(tmp, calibration ? `${renderReport(report).trimEnd()}\n\n${calibration}\n` : renderReport(report));
fs.renameSync(tmp, out);
log(`wrote ${path.relative(process.cwd(), out)}`);
