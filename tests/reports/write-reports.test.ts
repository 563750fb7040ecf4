// writeReports on real pipeline output (a seeded synthetic study on each dialect): every
// file is written, charts are inline and reusable, organization reports exist exactly for
// organizations with at least k respondents, and the findings sentences carry the numbers
// of results.json.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { writeReports, type WrittenReports } from '../../reports/index.js';
import { fmt, fmtInt, fmtP } from '../../reports/format.js';
import { nullValue } from '../../reports/findings.js';
import { parseResults, readResults } from '../../reports/schema.js';
import { ReportError } from '../../reports/errors.js';
import { DIALECTS } from '../helpers/databases.js';
import { seededPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';
import { allFiles, findingSentences } from './helpers/read-html.js';

/** The numbers a finding's sentence must contain, formatted as the report formats them. */
function expectedNumbers(e: { estimate: number | null; ci_low: number | null; ci_high: number | null; p: number | null; p_holm?: number | null; n: number | null; n_orgs: number | null; confirmatory: boolean; population: string }): string[] {
  const p = !e.confirmatory && e.p_holm != null ? e.p_holm : e.p;
  const pText = p === null ? [] : fmtP(p) === '< 0.001' ? ['0.001'] : [fmtP(p)];
  const ns = e.n === null ? [] : e.n_orgs === null ? [fmtInt(e.n)] : [fmtInt(e.n), fmtInt(e.n_orgs)];
  const ci = e.ci_low === null || e.ci_high === null ? [] : [fmt(e.ci_low), fmt(e.ci_high)];
  return [fmt(e.estimate).replace('\u2212', '-'), ...ci.map((x) => x.replace('\u2212', '-')), ...pText, ...ns];
}

/** Numbers as they appear in a sentence, leaving out "95% CI" and the estimate's own words (label, population). */
function numbersIn(sentence: string, words: string[]): string[] {
  let text = sentence.replace(/95% CI/g, '');
  for (const w of words) text = text.split(w).join(' ');
  text = text.replace(/\u2212/g, '-');
  return [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/^\+/, ''));
}

for (const dialect of DIALECTS) {
  describe(`writeReports on a seeded study (${dialect})`, () => {
    let run: PipelineRun;
    let written: WrittenReports;

    beforeAll(async () => {
      run = await seededPipelineRun(dialect, 11, 18);
      written = await writeReports(readResults(path.join(run.dir, 'results.json')), run.dir);
    });
    afterAll(async () => {
      await run?.tdb.destroy();
      if (run) fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
    });

    it('writes one organization report per organization with at least k respondents, and no other', async () => {
      const counts = await run.tdb.handle.db
        .selectFrom('responses')
        .innerJoin('organizations', 'organizations.id', 'responses.organization_id')
        .select(['organizations.code', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('responses.wave_id', '=', run.waveId)
        .groupBy('organizations.code')
        .execute();
      const k = run.results.study.k;
      const codes = counts.filter((c) => Number(c.n) >= k).map((c) => c.code).sort();
      expect(counts.some((c) => Number(c.n) < k)).toBe(true);
      // Each in English (CODE.html) and in Spanish (CODE.es.html).
      expect(fs.readdirSync(path.join(run.dir, 'orgs')).sort()).toEqual(codes.flatMap((c) => [`${c}.es.html`, `${c}.html`]).sort());
      expect(written.orgReports.map((o) => o.code).sort()).toEqual(codes);
      for (const o of written.orgReports) expect(o.files).toEqual({ en: path.join(run.dir, 'orgs', `${o.code}.html`), es: path.join(run.dir, 'orgs', `${o.code}.es.html`) });
    });

    it('writes each chart as a vega-lite spec that compiles, and inlines its SVG in the study report', () => {
      const html = fs.readFileSync(written.studyReport, 'utf8');
      expect(written.charts.length).toBeGreaterThanOrEqual(6);
      for (const file of written.charts) {
        const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
        expect(compile(spec).spec.marks?.length).toBeGreaterThan(0);
        const name = path.basename(file, '.vl.json');
        // The SVG sits with its caption in a div.chart (kept together on a printed page).
        expect(html).toMatch(new RegExp(`data-chart="${name}"><div class="chart"><svg [^>]*role="img"`));
      }
    });

    it('is self-contained: no script, no external stylesheet, image or link to another host', () => {
      for (const [file, content] of allFiles(run.dir)) {
        if (!file.endsWith('.html')) continue;
        expect(content.replace('<link rel="icon" href="data:,"/>', ''), file).not.toMatch(/<script|<link |<img |<iframe|@import|url\(/i);
        const hosts = [...content.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
        expect(hosts, file).toEqual([]);
      }
    });

    it('states H1–H5 first, then exploratory results, each sentence carrying the numbers in results.json', () => {
      const html = fs.readFileSync(written.studyReport, 'utf8');
      const sentences = findingSentences(html);
      const ids = [...sentences.keys()];
      const conf = run.results.confirmatory.map((e) => e.id);
      expect(ids.slice(0, conf.length).sort()).toEqual([...conf].sort());
      expect(ids.slice(0, 5)).toEqual(['H1.sat_diff', 'H2.sep_rate_ratio', 'H3.itl_diff', 'H4.orientation_diff', 'H5.sat_interaction']);
      let checked = 0;
      for (const e of [...run.results.confirmatory, ...run.results.exploratory]) {
        const sentence = sentences.get(e.id);
        expect(sentence, e.id).toBeDefined();
        if (e.suppressed || e.estimate === null) continue;
        expect(numbersIn(sentence!, [e.label, e.population]).sort(), `${e.id}: ${sentence}`).toEqual(expectedNumbers(e).sort());
        const ref = nullValue(e);
        if (ref !== null && e.ci_low !== null && e.ci_high !== null) {
          const spans = e.ci_low <= ref && e.ci_high >= ref;
          expect(/no clear difference/i.test(sentence!), `${e.id}: ${sentence}`).toBe(spans);
        }
        checked += 1;
      }
      expect(checked).toBeGreaterThanOrEqual(5);
    });

    it('never names an organization under k in any report', () => {
      const small = run.results.organizations.filter((o) => !o.reportable).map((o) => o.code);
      expect(small.length).toBeGreaterThan(0);
      for (const [file, content] of allFiles(run.dir)) {
        if (file === 'results.json') continue;
        for (const code of small) expect(content.includes(code), `${code} in ${file}`).toBe(false);
      }
    });

    it('removes the report of an organization that has since fallen under k', async () => {
      const results = readResults(path.join(run.dir, 'results.json'));
      const victim = results.organizations.find((o) => o.reportable)!;
      victim.reportable = false;
      await writeReports(results, run.dir);
      expect(fs.existsSync(path.join(run.dir, 'orgs', `${victim.code}.html`))).toBe(false);
      expect(fs.existsSync(path.join(run.dir, 'orgs', `${victim.code}.es.html`))).toBe(false);
      expect(fs.readdirSync(run.dir).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  });
}

describe('results.json at the boundary', () => {
  it('refuses a file that does not follow the contract, naming the field', () => {
    const good = JSON.parse(fs.readFileSync('tests/fixtures/results/synthetic-12-orgs.json', 'utf8'));
    expect(() => parseResults(good)).not.toThrow();
    const bad = { ...good, study: { ...good.study, k: 'five' } };
    expect(() => parseResults(bad)).toThrow(ReportError);
    expect(() => parseResults(bad)).toThrow(/study\.k/);
  });
});
