// bench/results.md's sections: a run of one part replaces its own section and keeps the rest
// (the regression: `npm run bench -- --only submissions` replaced the whole file).
import { describe, expect, it } from 'vitest';
import { RESULTS_HEADER, renderSections, type BenchReport } from '../../../bench/lib/markdown.js';
import { namedSectionOf, withNamedSection } from '../../../bench/lib/sections.js';
import { benchPostgresUrl } from '../../../bench/lib/bench-pg.js';

const machine = { cores: 2, cpu: 'test cpu', memoryGb: 1, node: 'v20', platform: 'test', loadAverage: [1.5, 1, 0.5] as [number, number, number] };
const subBench = (name: 'pipeline' | 'reports', stdout: string): BenchReport['subBenches'][number] => ({
  name,
  title: name,
  result: { script: `bench/${name}.ts`, status: 'ok', exitCode: 0, stdout, stderrTail: '', seconds: 1, loadAtStart: [3.25, 2, 1] },
});
const report = (subBenches: BenchReport['subBenches']): BenchReport => ({ command: 'npm run bench', day: '2026-12-03', machine, durationS: 1, warmupS: 0, rounds: 1, submissions: [], subBenches });

function write(document: string, r: BenchReport): string {
  for (const s of renderSections(r)) document = withNamedSection(document, s.name, s.body);
  return document;
}

describe('bench/results.md sections', () => {
  it('an --only run replaces its own section and keeps every other, in place', () => {
    let doc = write(RESULTS_HEADER, report([subBench('pipeline', '| pipeline | first |'), subBench('reports', '| reports | first |')]));
    doc = withNamedSection(doc, 'calibration', '## Calibration\n\nkept');
    const calibration = namedSectionOf(doc, 'calibration');
    const reports = namedSectionOf(doc, 'reports');
    const after = write(doc, report([subBench('pipeline', '| pipeline | second |')]));
    expect(after.startsWith('# Rootwork benchmarks')).toBe(true);
    expect(namedSectionOf(after, 'pipeline')).toContain('| pipeline | second |');
    expect(after).not.toContain('| pipeline | first |');
    expect(namedSectionOf(after, 'reports')).toBe(reports);
    expect(namedSectionOf(after, 'calibration')).toBe(calibration);
    expect(after.indexOf('<!-- pipeline:start -->')).toBeLessThan(after.indexOf('<!-- reports:start -->'));
  });

  it('states in each section its command, date and the load as that part started', () => {
    const [section] = renderSections(report([subBench('pipeline', 'x')]));
    expect(section.body).toMatch(/^## pipeline\n\nMeasured on 2026-12-03 with `npm run bench`\. Machine: 2 cores .*Load average as this part started: 3\.25, 2, 1 /);
  });
});

describe('the PostgreSQL server the submission benchmark uses', () => {
  it('names a URL given that does not answer, and why, instead of silently skipping', async () => {
    const r = await benchPostgresUrl({ ROOTWORK_BENCH_PG: 'postgres://nobody:secret@127.0.0.1:1/none' });
    expect(r.url).toBeUndefined();
    expect(r.why).toMatch(/^ROOTWORK_BENCH_PG \(postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none\) did not answer: /);
    expect(r.why).not.toContain('secret');
  });

  it.skipIf(!process.env.ROOTWORK_TEST_PG)('takes ROOTWORK_TEST_PG when ROOTWORK_BENCH_PG is not set', async () => {
    const r = await benchPostgresUrl({ ROOTWORK_TEST_PG: process.env.ROOTWORK_TEST_PG });
    expect(r.url).toBe(process.env.ROOTWORK_TEST_PG);
    expect(r.why).toMatch(/^ROOTWORK_TEST_PG /);
  });
});
