// Attacks on the counts (issue #18): results.json and results.csv keeping an n of 1..k−1 on
// withheld cells; survival curves whose risk sets and events (read off the steps) fall
// under k; organization answer tables whose totals differ from "N of your staff answered"
// or show that everyone gave one answer; chart specs carrying small counts. Each runs on a
// synthetic study in a real database of each dialect, through the pipeline, the export and
// the reports, and asserts that nothing under k comes back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExports } from '../../exchange/export/index.js';
import { ANSWER_CELLS, releaseAnswerTable } from '../../pipeline/answer-table.js';
import type { AnswerTable, Results, SurvivalCurve } from '../../pipeline/results.js';
import { discloseCurve, pooledSteps } from '../../pipeline/survival-disclosure.js';
import { writeReports } from '../../reports/index.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { runPipeline } from '../../pipeline/run.js';
import { createTestDatabase, DIALECTS, tempDir } from '../helpers/databases.js';
import { readCsv } from '../exchange/export/table-schema.js';
import type { PipelineRun } from '../reports/helpers/pipeline-run.js';

const under = (v: unknown, k: number) => typeof v === 'number' && v > 0 && v < k;

/** Every count-like number in results.json under k, with where it is (empty when none). */
function smallCounts(results: Results, k: number): string[] {
  const found: string[] = [];
  const COUNT_KEYS = new Set(['n', 'respondents', 'events', 'at_risk', 'count', 'total', 'race_missing', 'race_declined', 'answers_out_of_range', 'gender', 'age_band']);
  const walk = (v: unknown, where: string, parentKey: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${where}[${i}]`, parentKey));
      return;
    }
    if (v === null || typeof v !== 'object') {
      const countish = COUNT_KEYS.has(parentKey) || ['counts', 'cells', 'scale_missing'].includes(parentKey.split('.').pop()!);
      if (countish && under(v, k)) found.push(`${where} = ${String(v)}`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o.suppressed === true && ('n' in o || 'n_orgs' in o)) {
      if (o.n !== null && o.n !== undefined && 'estimate' in o) found.push(`${where}: withheld estimate keeps n = ${String(o.n)}`);
      if (o.n !== null && o.n !== undefined && 'mean' in o) found.push(`${where}: withheld group keeps n = ${String(o.n)}`);
      if (o.n_orgs !== null && o.n_orgs !== undefined && ('mean' in o || 'estimate' in o)) found.push(`${where}: withheld cell keeps n_orgs`);
    }
    for (const [key, x] of Object.entries(o)) {
      // Profile figures (separations reported by the organization) are not staff answers.
      if (key === 'separation_rates' && where.startsWith('organizations')) continue;
      walk(x, `${where}.${key}`, ['counts', 'cells', 'scale_missing'].includes(key) ? key : key);
    }
  };
  walk(results, 'results', '');
  return found;
}

/** Events and censorings a reader can read off each released step of a curve. */
function readOff(c: SurvivalCurve): { events: number[]; censored: number[] } {
  const events: number[] = [];
  const censored: number[] = [];
  let prev = 1;
  c.points.forEach((p, i) => {
    const d = Math.round(p.at_risk * (1 - p.survival / prev));
    events.push(d);
    prev = p.survival;
    const next = c.points[i + 1];
    if (next) censored.push(p.at_risk - d - next.at_risk);
  });
  return { events, censored };
}

function checkTable(t: AnswerTable, k: number, respondents: number): void {
  expect(t.total).toBe(respondents);
  const shown = ANSWER_CELLS.map((c) => (c === 'no_answer' && t.no_answer_in ? 0 : t.cells[c]));
  for (const v of shown) if (v !== null) expect(v === 0 || v >= k).toBe(true);
  const hiddenCount = shown.filter((v) => v === null).length;
  const hiddenSum = t.total - shown.reduce<number>((s, v) => s + (v ?? 0), 0);
  // The withheld cells together hold 0 or at least k people, and never just one cell.
  if (hiddenCount === 0) expect(hiddenSum).toBe(0);
  else {
    expect(hiddenCount).toBeGreaterThanOrEqual(2);
    expect(hiddenSum).toBeGreaterThanOrEqual(k);
  }
  // No table tells that everyone who answered gave one band: at most... a single shown non-zero band with every other band shown as 0.
  const bands = (['disagree', 'neutral', 'agree'] as const).map((b) => t.cells[b]);
  const allShown = bands.every((v) => v !== null);
  if (allShown) expect(bands.filter((v) => v! > 0).length === 1).toBe(false);
}

describe('answer tables (releaseAnswerTable)', () => {
  it('adds up to the respondents: the few who skipped are counted with neither, so the total does not give them back', () => {
    // 14 staff answered the survey, 12 answered the item: before, the table said 12 and the report said 14.
    const { table, counts } = releaseAnswerTable([0, 5, 0, 7, 0], 14, 5);
    checkTable(table, 5, 14);
    // The two who skipped are counted with "neither" (banding), so no band is lost to a partner.
    expect(table).toMatchObject({ cells: { no_answer: null }, no_answer_in: 'neutral' });
    expect(counts).toBeNull();
    const many = releaseAnswerTable([0, 5, 0, 7, 0], 18, 5).table;
    expect(many.cells).toEqual({ disagree: 5, neutral: 0, agree: 7, no_answer: 6 });
  });
  it('coarsens a table where everyone agreed, so it does not say how each person answered', () => {
    const { table, counts } = releaseAnswerTable([0, 0, 0, 6, 6], 12, 5);
    checkTable(table, 5, 12);
    expect(table.cells.agree).toBeNull();
    // Said in the same words as a table with a small cell: the reason must not give the unanimity away.
    expect(table.withheld).toEqual(releaseAnswerTable([0, 2, 0, 10, 0], 12, 5).table.withheld);
    expect(counts).toBeNull();
  });
  it('shows everything when every cell is 0 or at least k and the answers differ', () => {
    const { table, counts } = releaseAnswerTable([5, 0, 6, 0, 7], 18, 5);
    expect(table.cells).toEqual({ disagree: 5, neutral: 6, agree: 7, no_answer: 0 });
    expect(counts).toEqual([5, 0, 6, 0, 7]);
  });
  it('never leaves a shown cell or a withheld total under k, on every table of up to 14 people (exhaustive over 3 bands)', () => {
    for (let total = 5; total <= 14; total++) {
      for (let a = 0; a <= total; a++) for (let b = 0; a + b <= total; b++) for (let c = 0; a + b + c <= total; c++) {
        const { table } = releaseAnswerTable([a, 0, b, c, 0], total, 5);
        checkTable(table, 5, total);
      }
    }
  });
});

describe('survival curves (discloseCurve)', () => {
  it('pools times and truncates so no step says fewer than k left or were censored, and withholds small n and events', () => {
    const k = 5;
    // 2 leave at year 1, 1 at year 2, 6 at year 3; respondents censored at 0..8 years.
    const rows = [
      { time: 1, events: 2, censored: 0 }, { time: 2, events: 1, censored: 0 }, { time: 3, events: 6, censored: 0 },
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => ({ time: t, events: 0, censored: t < 4 ? 2 : 1 })),
    ];
    const c = discloseCurve('g', rows, k);
    expect(c.suppressed).toBe(false);
    for (const p of c.points) expect(p.at_risk).toBeGreaterThanOrEqual(k);
    const { events, censored } = readOff(c);
    for (const d of [...events, ...censored]) expect(d === 0 || d >= k, `read off ${d}`).toBe(true);
    if (c.events !== null) expect(c.events).toBeGreaterThanOrEqual(k);
    for (const s of pooledSteps(rows, k)!) expect([s.events === 0 || s.events >= k, s.censored === 0 || s.censored >= k]).toEqual([true, true]);
    const tiny = discloseCurve('h', [{ time: 1, events: 1, censored: 2 }], k);
    expect(tiny).toMatchObject({ n: null, events: null, suppressed: true, points: [], withheld: { rule: 'primary' } });
  });
});

// A small study (many groups under k, estimates withheld) and one of the demo's size (curves
// long enough to have several steps), each with organizations under k.
const STUDIES = [
  { name: 'small study', orgs: 20, staffMax: 10, seed: 31 },
  { name: 'demo-sized study', orgs: 60, staffMax: 40, seed: 2026 },
] as const;

for (const dialect of DIALECTS) for (const study of STUDIES) {
  describe(`no count of 1..k−1 anywhere (${study.name}, ${dialect})`, () => {
    let run: PipelineRun;
    const k = 5;
    beforeAll(async () => {
      const tdb = await createTestDatabase(dialect);
      const written = await writeSyntheticStudy(tdb.handle.db, { orgs: study.orgs, staffMin: 2, staffMax: study.staffMax, seed: study.seed, studyName: 'Counts attack', waveName: 'Wave 1' });
      const dir = path.join(tempDir('rootwork-counts-'), 'run-1');
      const { results } = await runPipeline({ waveId: written.waveId, outDir: dir }, { db: tdb.handle.db, log: () => {} });
      run = { tdb, waveId: written.waveId, dir, results };
    }, 120_000);
    afterAll(async () => run?.tdb.destroy());

    it('results.json: withheld cells have no value and no n, and no count anywhere is 1..k−1', () => {
      expect(run.results.study.k).toBe(k);
      expect(smallCounts(run.results, k)).toEqual([]);
      const all = [...run.results.measurement, ...run.results.confirmatory, ...run.results.exploratory];
      if (study.orgs === 20) expect(run.results.disclosure.suppressed.length).toBeGreaterThan(0);
      for (const e of all.filter((x) => x.suppressed)) expect(e.withheld?.rule, e.id).toMatch(/primary|complementary|differencing|k-anonymity/);
      for (const e of all) if (e.estimate === null && !e.suppressed) expect(e.withheld?.rule, e.id).toBe('not_estimable');
      // The study has organizations under k: they carry no count.
      const small = run.results.organizations.filter((o) => !o.reportable && o.respondents !== 0);
      expect(small.length).toBeGreaterThan(0);
      for (const o of small) expect(o.respondents).toBeNull();
      for (const p of run.results.participation.by_organization) expect(under(p.respondents, k)).toBe(false);
      // Differencing: the total minus the counts shown, and missing minus declined, give back nothing under k.
      const p = run.results.participation;
      const shown = p.by_organization.reduce((sum, o) => sum + (o.respondents ?? 0), 0);
      if (p.respondents !== null) expect(under(p.respondents - shown, k)).toBe(false);
      const m = run.results.missing;
      if (m.race_missing !== null && m.race_declined !== null) expect(under(m.race_missing - m.race_declined, k)).toBe(false);
      // Respondents over the published headcount would give the count back.
      for (const o of small) expect(o.response_rate).toBeNull();
    });

    it('survival curves: no risk set, and no number of events or censorings read off a step, is 1..k−1', () => {
      const curves = run.results.series.survival;
      if (study.orgs === 60) expect(curves.some((c) => c.points.length > 2)).toBe(true);
      for (const c of curves) {
        expect(under(c.n, k) || under(c.events, k), c.group).toBe(false);
        for (const p of c.points) expect(p.at_risk).toBeGreaterThanOrEqual(k);
        const { events, censored } = readOff(c);
        for (const d of [...events, ...censored]) expect(d === 0 || d >= k, `${c.group}: ${d}`).toBe(true);
      }
    });

    it('answer tables add up to "N of your staff answered", give no withheld cell back, and never show that everyone answered alike', () => {
      let tables = 0;
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        for (const [item, b] of Object.entries(o.bridge)) {
          // Withheld whole by the release pass (it differs from a view beside it by 1..k−1): no table, no mean.
          if (o.suppressed.some((s) => s.startsWith(`${item}: `)) && b.mean === null && b.counts === null && !b.table) continue;
          expect(b.table, `${o.code} ${item}`).toBeTruthy();
          checkTable(b.table!, k, o.respondents!);
          if (b.counts) expect(b.counts.reduce((s, c) => s + c, 0) + (b.table!.cells.no_answer ?? NaN)).toBe(o.respondents);
          tables++;
        }
      }
      expect(tables).toBeGreaterThan(10);
    });

    it('results.csv keeps no n on withheld rows and no n of 1..k−1; reports and chart specs show no count under k', async () => {
      const out = tempDir('rootwork-counts-export-');
      await writeExports(run.tdb.handle.db, { waveId: run.waveId, outDir: out, results: run.results });
      const rows = readCsv(path.join(out, 'results.csv'));
      if (study.orgs === 20) expect(rows.some((r) => r.suppressed === '1')).toBe(true);
      for (const r of rows) {
        if (r.suppressed === '1') expect([r.n, r.n_orgs], r.id).toEqual(['', '']);
        if (r.n !== '') expect(under(Number(r.n), k), r.id).toBe(false);
      }
      const orgs = readCsv(path.join(out, 'organizations.csv'));
      for (const o of orgs) if (o.respondents !== '') expect(under(Number(o.respondents), k)).toBe(false);

      const dir = tempDir('rootwork-counts-reports-');
      await writeReports(run.results, dir);
      for (const f of fs.readdirSync(path.join(dir, 'charts'))) {
        const spec = JSON.parse(fs.readFileSync(path.join(dir, 'charts', f), 'utf8')) as { data?: { values?: Record<string, unknown>[] } };
        for (const row of spec.data?.values ?? []) {
          for (const key of ['at_risk', 'n', 'respondents', 'events']) expect(under(row[key], k), `${f} ${key}`).toBe(false);
        }
      }
      // Each organization report's answer table adds up to the figure it opens with.
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        const html = fs.readFileSync(path.join(dir, 'orgs', `${o.code}.html`), 'utf8');
        const answered = Number(/([\d,]+) of your staff answered/.exec(html)![1].replace(/,/g, ''));
        expect(answered).toBe(o.respondents);
        const totals = [...html.matchAll(/<data class="total" value="(\d+)">/g)].map((m) => Number(m[1]));
        expect(totals.length).toBe(Object.values(o.bridge).filter((b) => b.table).length);
        for (const t of totals) expect(t).toBe(answered);
        for (const m of html.matchAll(/<data class="count" value="(\d+)">/g)) expect(under(Number(m[1]), k)).toBe(false);
      }
    }, 120_000);
  });
}
