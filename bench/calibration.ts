// `npm run bench:calibration`: does each confirmatory test hold its 5% level when
// organizations differ and are unbalanced, and what power do the generator's planted effects
// give? Simulates null studies and planted-effect studies from the synthetic generator,
// analysed by the pipeline's own code (pipeline/power/simulate.ts), and writes the figures
// into their section of bench/results.md (through a temporary file); progress on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EFFECTS, NO_EFFECTS } from '../data/synthetic/params.js';
import { simulate, type PlannedStudy } from '../pipeline/power/simulate.js';
import { parseBenchArgs, usageError } from './lib/args.js';
import { renderCalibration, withSection } from './lib/calibration-report.js';

const SCRIPT = 'bench:calibration';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run bench:calibration -- [--sims N] [--orgs N] [--staff MIN..MAX] [--seed S] [--out FILE] [--stdout]

Simulates N null studies (every planted effect 0) and N studies with the generator's planted
effects, each run through the pipeline's confirmatory analyses, and reports per test the share
rejected at 5% with its 95% Monte Carlo interval (target for the H1, H3, H5 headlines: 4–6%).
--sims N          studies per condition (default 400)
--orgs N          organizations per study (default 60)
--staff MIN..MAX  respondents per organization (default 5..40)
--seed S          seed of the null run; the planted run uses S + 1 (default 20)
--out FILE        the report whose calibration section is replaced (default bench/results.md)
--stdout          print the section instead of writing it
`;

const values = parseBenchArgs(SCRIPT, USAGE, {
  sims: { type: 'string' }, orgs: { type: 'string' }, staff: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, stdout: { type: 'boolean' },
});
const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) usageError(SCRIPT, `--${name} must be a whole number of at least ${min} (got "${raw}").`);
  return Number(raw);
};
const sims = int('sims', values.sims, 400, 1);
const orgs = int('orgs', values.orgs, 60, 2);
const seed = int('seed', values.seed, 20, 0);
const staff = (values.staff ?? '5..40').match(/^(\d+)\.\.(\d+)$/);
if (!staff || Number(staff[1]) < 1 || Number(staff[1]) > Number(staff[2])) usageError(SCRIPT, `--staff must be MIN..MAX with 1 ≤ MIN ≤ MAX, e.g. 5..40 (got "${values.staff}").`);
const plan = (effects: PlannedStudy['effects']): PlannedStudy => ({ orgs, staffMin: Number(staff![1]), staffMax: Number(staff![2]), effects, k: 5, profileRate: 0.95 });

const progress = (label: string) => (done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${SCRIPT}: ${label} ${done}/${total} studies`);
  else if (done === total || done % 50 === 0) process.stderr.write(`${SCRIPT}: ${label} ${done}/${total} studies\n`);
};
const started = performance.now();
const nullRun = simulate(plan(NO_EFFECTS), { sims, seed, onProgress: progress('null') });
if (process.stderr.isTTY) process.stderr.write('\n');
const plantedRun = simulate(plan(DEFAULT_EFFECTS), { sims, seed: seed + 1, onProgress: progress('planted') });
if (process.stderr.isTTY) process.stderr.write('\n');
const args = process.argv.slice(2).filter((a) => a !== '--stdout');
const section = renderCalibration({
  command: `npm run bench:calibration${args.length ? ` -- ${args.join(' ')}` : ''}`,
  day: new Date().toISOString().slice(0, 10),
  seconds: (performance.now() - started) / 1000,
  nullRun,
  plantedRun,
});
if (values.stdout) {
  process.stdout.write(section);
} else {
  const out = path.resolve(values.out ?? path.join(ROOT, 'bench', 'results.md'));
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Rootwork benchmarks\n';
  fs.writeFileSync(`${out}.tmp`, withSection(before, section));
  fs.renameSync(`${out}.tmp`, out);
  process.stderr.write(`${SCRIPT}: wrote the calibration section of ${path.relative(process.cwd(), out)}\n`);
}
