// `npm run bench`: every benchmark in one run — submissions against the bare-route ceiling on
// SQLite and PostgreSQL in interleaved rounds, then the pipeline's and the reports' own
// benchmarks — each written into its own section of bench/results.md (through a temporary
// file, so a failed run leaves the last good report); with --only, one part replaces its
// section and every other section stays.
import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, usageError } from './lib/args.js';
import { allowedCpus, hasTaskset, parseCpuSplit, type CpuSplit } from './lib/cpus.js';
import { describeMachine } from './lib/machine.js';
import { RESULTS_HEADER, renderSections, type BenchReport } from './lib/markdown.js';
import { withNamedSection } from './lib/sections.js';
import { benchPostgresUrl } from './lib/bench-pg.js';
import { ROOT } from '../tests/kit/child-server.js';
import { runSubBench } from './lib/sub-bench.js';
import { benchSubmissions } from './submissions.js';

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

PostgreSQL: ROOTWORK_BENCH_PG, else ROOTWORK_TEST_PG, else DATABASE_URL when it is a
postgres:// URL, else the local server .ci/run sets up (postgres://rootwork:rootwork@127.0.0.1:5432/rootwork)
when it answers; its role must be allowed to create databases. When none answers, the
PostgreSQL rows are skipped, and the report and stderr say why.
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
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const pg = !only || only === 'submissions' ? await benchPostgresUrl(process.env) : { url: undefined, why: '' };
const pgUrl = pg.url;
if (!only || only === 'submissions') log(pgUrl ? `PostgreSQL: ${pg.why}` : `PostgreSQL rows SKIPPED: ${pg.why}`);

const machine = describeMachine();
log(`${machine.cores} cores (${machine.cpu}), load average ${machine.loadAverage.join(', ')}`);
const report: BenchReport = {
  // As typed: npm passes flags on to the script only after `--`.
  command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  day: new Date().toISOString().slice(0, 10),
  machine,
  durationS,
  warmupS,
  rounds,
  submissions: [],
  ...(cpus ? { cpus } : {}),
  ...(pgUrl ? {} : { pgSkipped: pg.why }),
  subBenches: [],
};
if (!only || only === 'submissions') {
  report.submissions = await benchSubmissions({ connections, durationS, warmupS, rounds, pgUrl, cpus, log });
}
if (!only || only === 'pipeline') {
  log('pipeline stages against DuckDB (bench/pipeline.ts)');
  report.subBenches.push({ name: 'pipeline', title: 'Pipeline stages against DuckDB (bench/pipeline.ts)', result: await runSubBench('bench/pipeline.ts', values.quick ? ['--sizes', '10k'] : [], log) });
}
if (!only || only === 'reports') {
  log('report rendering (bench/reports.ts)');
  report.subBenches.push({ name: 'reports', title: 'Report rendering (bench/reports.ts)', result: await runSubBench('bench/reports.ts', [], log) });
}
const tmp = `${out}.tmp`;
// Only the sections of the parts that ran are replaced: every other section (the other parts
// of an --only run, the calibration, notes) stays as it was.
let document = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : RESULTS_HEADER;
for (const section of renderSections(report)) document = withNamedSection(document, section.name, section.body);
fs.writeFileSync(tmp, document);
fs.renameSync(tmp, out);
log(`wrote ${path.relative(process.cwd(), out)}`);
