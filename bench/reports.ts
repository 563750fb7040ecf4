// Report rendering benchmark: a synthetic results.json for a large study (5,000
// organizations by default), or a real one (--results FILE), timed for the study report
// (< 2 s target) and organization reports (≥ 50 organizations per second, each in English
// and Spanish), against a ceiling measured in the same run: what one vega-rendered chart per
// organization would allow. Markdown on stdout, progress on stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderStudyCharts, writeReports } from '../reports/index.js';
import { orgContext } from '../reports/org-context.js';
import { REPORT_LANGS } from '../reports/org-text.js';
import { reportableOrgs } from '../reports/privacy.js';
import { renderOrgReport } from '../reports/render/org-report.js';
import { renderStudyReport } from '../reports/render/study-report.js';
import { renderSpec } from '../reports/render/vega-svg.js';
import { readResults } from '../reports/schema.js';
import { dotIntervalSpec } from '../reports/specs/estimate-dots.js';
import { syntheticResults } from '../tests/kit/synthetic-results.js';

const { values } = parseArgs({ options: { orgs: { type: 'string' }, seed: { type: 'string' }, repeat: { type: 'string' }, results: { type: 'string' } } });
const orgs = Number(values.orgs ?? 5000);
const seed = Number(values.seed ?? 1);
const repeat = Number(values.repeat ?? 3);
if (!Number.isInteger(orgs) || orgs < 1 || !Number.isInteger(repeat) || repeat < 1) {
  process.stderr.write('bench/reports: --orgs and --repeat must be positive whole numbers.\n');
  process.exit(2);
}
const log = (line: string) => process.stderr.write(line + '\n');

// CPU time beside wall time: on a machine shared with other work, wall time measures the
// neighbours as much as the code.
async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
}

interface Sample {
  ms: number;
  cpuMs: number;
}

async function median(n: number, fn: () => Promise<unknown> | unknown): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) samples.push(await timed(fn));
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

log(values.results ? `Results from ${values.results}...` : `Synthetic results for ${orgs} organizations (seed ${seed})...`);
const results = values.results ? readResults(values.results) : syntheticResults({ orgs, staffMin: 3, staffMax: 30, k: 5, seed });
const reportable = reportableOrgs(results);
const source = values.results
  ? `${values.results}: ${results.organizations.length.toLocaleString('en-US')} organizations (${reportable.length.toLocaleString('en-US')} with at least k = ${results.study.k} respondents)${results.trends ? ', with change since the last wave' : ''}`
  : `Synthetic results.json: ${orgs.toLocaleString('en-US')} organizations (${reportable.length.toLocaleString('en-US')} with at least k = 5 respondents), seed ${seed}`;

// Ceiling: one small vega chart per organization (what rendering each org chart with vega would cost).
const smallSpec = dotIntervalSpec(
  ['Satisfaction', 'Intent to leave', 'Culture'].map((label, i) => ({ label, value: 3 + i / 2, ci_low: 2.5 + i / 2, ci_high: 3.5 + i / 2 })),
  { title: 'x', description: 'x', valueTitle: 'Scale points (1–5)', labelTitle: 'Scale' },
);
await renderSpec(smallSpec, { name: 'warm', title: 'x', description: 'x' });
const vega = await median(15, () => renderSpec(smallSpec, { name: 'ceiling', title: 'x', description: 'x' }));
const vegaMs = vega.ms;
log(`One vega chart: ${vegaMs.toFixed(1)} ms (CPU ${vega.cpuMs.toFixed(1)} ms)`);

const study = await median(repeat, async () => renderStudyReport(results, await renderStudyCharts(results)));
const studyMs = study.ms;
const chartCount = (await renderStudyCharts(results)).length;
log(`Study report (${chartCount} charts + HTML): ${studyMs.toFixed(0)} ms (CPU ${study.cpuMs.toFixed(0)} ms)`);

const ctx = orgContext(results);
// What `rootwork report` renders for each organization: its report in every language.
const org = await median(repeat, () => {
  for (const o of reportable) for (const lang of REPORT_LANGS) renderOrgReport(o, ctx, lang);
});
const orgMs = org.ms;
const orgRate = reportable.length / (orgMs / 1000);
const fileRate = orgRate * REPORT_LANGS.length;
log(`${reportable.length} organizations' reports (${REPORT_LANGS.join(' + ')}) rendered in ${orgMs.toFixed(0)} ms (CPU ${org.cpuMs.toFixed(0)} ms)`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-bench-reports-'));
const whole = await timed(() => writeReports(results, dir));
const bytes = fs.readdirSync(path.join(dir, 'orgs')).reduce((a, f) => a + fs.statSync(path.join(dir, 'orgs', f)).size, 0);
const studyBytes = fs.statSync(path.join(dir, 'study-report.html')).size;
fs.rmSync(dir, { recursive: true, force: true });
log(`writeReports (everything, to disk): ${whole.ms.toFixed(0)} ms`);

const ok = (pass: boolean) => (pass ? 'met' : '**missed**');
const vegaRate = 1000 / vegaMs;
process.stdout.write(
  [
    `${source}; median of ${repeat} runs. Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end (wall times grow with load; CPU times much less).`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| study report: ${chartCount} vega-lite charts rendered to SVG + HTML | ${studyMs.toFixed(0)} ms wall, ${study.cpuMs.toFixed(0)} ms CPU (${(studyBytes / 1e6).toFixed(1)} MB) | < 2,000 ms | ${ok(studyMs < 2000)} |`,
    `| organization reports rendered, each organization in English and Spanish (2 template SVG charts a file) | ${orgRate.toFixed(0)} organizations per second, ${fileRate.toFixed(0)} files per second (${orgMs.toFixed(0)} ms wall, ${org.cpuMs.toFixed(0)} ms CPU for ${reportable.length} × ${REPORT_LANGS.length}) | ≥ 50 organizations per second | ${ok(orgRate >= 50)} |`,
    `| ceiling: one vega-rendered chart per organization report | ${vegaRate.toFixed(0)} per second (${vegaMs.toFixed(1)} ms wall, ${vega.cpuMs.toFixed(1)} ms CPU a chart) | | template charts are ${(fileRate / vegaRate).toFixed(0)}× faster a file |`,
    `| study report in single-vega-chart units | ${(studyMs / vegaMs).toFixed(0)} charts' worth | | at the issue's 9 ms a chart: ${((studyMs / vegaMs) * 9).toFixed(0)} ms |`,
    `| writeReports, everything to disk (atomic) | ${(whole.ms / 1000).toFixed(1)} s (${(bytes / 1e6).toFixed(0)} MB of organization reports in ${REPORT_LANGS.length} languages) | | |`,
    '',
  ].join('\n'),
);
