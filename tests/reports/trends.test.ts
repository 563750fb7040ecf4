// The trend views from a results.json with trends (tests/reports/helpers/trends-fixture.ts):
// the study report's "Change since the last wave" shows every series per wave with its
// verdict in words, the organizations in both waves where they read differently, the
// reasons for what is not compared or left out; a withheld point shows no number in the
// report, its chart or the chart's spec; nothing at all when there are no trends. The
// organization report shows its own change, or why there is none.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { writeReports } from '../../reports/index.js';
import { orgContext } from '../../reports/org-context.js';
import { renderOrgReport } from '../../reports/render/org-report.js';
import { OrgTrend } from '../../reports/render/org-trend.js';
import { TREND_FONT, trendSpec } from '../../reports/specs/trend.js';
import { trendCharts } from '../../reports/trend-charts.js';
import type { Trends } from '../../pipeline/results.js';
import { decode } from './helpers/read-html.js';
import { FIXTURE_TRENDS, trendsFixture, WITHHELD_VALUE } from './helpers/trends-fixture.js';

/** The markup of one element found by an attribute, up to its closing tag (no nesting of the same tag inside). */
function block(html: string, tag: string, attr: string): string {
  const start = html.indexOf(attr);
  expect(start, attr).toBeGreaterThan(0);
  const open = html.lastIndexOf(`<${tag}`, start);
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(open, end + tag.length + 3);
}
function text(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}
function trendSection(html: string): string {
  const start = html.indexOf('<section id="trends">');
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start) + 10);
}

describe('study report: change since the last wave', () => {
  let dir: string;
  let html: string;
  let section: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-trends-'));
    await writeReports(trendsFixture(), dir);
    html = fs.readFileSync(path.join(dir, 'study-report.html'), 'utf8');
    section = trendSection(html);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows every series with each wave’s value and interval', () => {
    expect(section).toContain('<h2>Change since the last wave</h2>');
    for (const s of FIXTURE_TRENDS.series) {
      const b = block(section, 'div', `data-trend="${s.id}"`);
      expect(text(b)).toContain(s.label);
      for (const w of ['Fall 2024', 'Fall 2025', 'Fall 2026']) expect(text(b), `${s.id} ${w}`).toContain(w);
      for (const p of s.points.filter((x) => !x.withheld)) {
        expect(text(b), `${s.id} ${p.wave_id}`).toContain(`${p.estimate!.toFixed(2)}`);
        expect(text(b), `${s.id} ${p.wave_id} CI`).toContain(`${p.ci_low!.toFixed(2).replace('-', '−')} to ${p.ci_high!.toFixed(2)}`);
        expect(text(b), `${s.id} ${p.wave_id} staff`).toContain(`${p.n} staff in ${p.n_orgs} organizations`);
      }
    }
  });

  it('says each change in plain words, with its interval', () => {
    const verdictOf = (id: string, which = 'all') => {
      const b = block(block(section, 'div', `data-trend="${id}"`), 'p', `data-change="${which}"`);
      return { text: text(b), verdict: /data-verdict="([^"]+)"/.exec(b)?.[1] };
    };
    expect(verdictOf('H1.sat_diff')).toMatchObject({ verdict: 'higher' });
    expect(verdictOf('H1.sat_diff').text).toContain('higher than in Fall 2025: a change of +0.54 (95% CI +0.19 to +0.89)');
    expect(verdictOf('H3.itl_diff').verdict).toBe('lower');
    expect(verdictOf('H3.itl_diff').text).toContain('−0.36 (95% CI −0.63 to −0.09)');
    expect(verdictOf('scale.satisfaction_score').verdict).toBe('higher');
    expect(verdictOf('scale.intent_to_leave_score').verdict).toBe('about the same');
    expect(verdictOf('scale.intent_to_leave_score').text).toContain('the interval includes no change');
    // A ratio's change is a ratio, read against 1.
    expect(verdictOf('H2.sep_rate_ratio').verdict).toBe('about the same');
    expect(verdictOf('H2.sep_rate_ratio').text).toContain('0.95 times the earlier ratio (95% CI 0.71 to 1.26)');
    // The glance list repeats each verdict.
    expect(text(block(section, 'ul', 'class="glance"'))).toContain('Satisfaction, organizing minus mobilizing-focused — higher.');
  });

  it('tells where the organizations in both waves read differently from all', () => {
    const h1 = verdictBlock(section, 'H1.sat_diff');
    expect(h1).toContain('The reading differs for the 9 organizations that took part in both waves');
    expect(h1).toContain('about the same as in Fall 2025');
    // Where there is no separate figure, why.
    expect(verdictBlock(section, 'H2.sep_rate_ratio')).toContain('No separate figure for the organizations in both waves: The model needs every respondent of both waves');
    // Where both agree, it says so briefly.
    expect(verdictBlock(section, 'H3.itl_diff')).toContain('The same reading for the 9 organizations that took part in both waves: a change of −0.31 (95% CI −0.60 to −0.02).');
  });

  it('shows a withheld point and a withheld change without any number, and says why', () => {
    const h4 = block(section, 'div', 'data-trend="H4.orientation_diff"');
    const row = block(h4, 'tr', 'data-withheld="true"');
    expect(text(row)).toContain('Fall 2025 not shown: A group had fewer than 5 respondents in this wave');
    expect(text(row)).not.toMatch(/\d\.\d/);
    expect(text(h4)).toContain('The change is not shown: The previous wave’s value was withheld');
    expect(h4).not.toMatch(/data-verdict/);
    // Nowhere in the page, nor in the charts' specs.
    for (const form of ['\u22124.44', String(WITHHELD_VALUE)]) expect(html).not.toContain(form);
    for (const f of fs.readdirSync(path.join(dir, 'charts'))) expect(fs.readFileSync(path.join(dir, 'charts', f), 'utf8')).not.toContain(String(WITHHELD_VALUE));
  });

  it('gives the reasons for a measure not compared and for waves left out', () => {
    const h5 = block(section, 'div', 'data-trend="H5.sat_interaction"');
    expect(text(h5)).toContain('Not compared across waves: The satisfaction items were reworded in instrument version 2');
    expect(h5).not.toMatch(/data-verdict/);
    const left = text(block(section, 'ul', 'data-left-out="true"'));
    expect(left).toContain('Spring 2025: It was run with k = 8 and this wave with k = 5');
    expect(left).toContain('Spring 2024: It has no published release');
  });

  it('names the waves compared and the organizations in both', () => {
    expect(text(section)).toContain('Fall 2026 is compared with the study’s earlier published waves Fall 2024, Fall 2025; 9 organizations had at least 5 respondents in both Fall 2025 and Fall 2026.');
  });

  it('draws the trend charts inline, with their specs saved', () => {
    for (const name of ['trend-confirmatory', 'trend-scales']) {
      const fig = block(section, 'figure', `data-chart="${name}"`);
      expect(fig).toMatch(/<svg[^>]*role="img"/);
      expect(fig).toContain('<table');
      expect(fs.existsSync(path.join(dir, 'charts', `${name}.vl.json`))).toBe(true);
    }
  });
});

function verdictBlock(section: string, id: string): string {
  return text(block(block(section, 'div', `data-trend="${id}"`), 'p', 'data-change="continuing"'));
}

describe('no trends, nothing', () => {
  for (const [what, trends] of [['null', null], ['absent (results from before trends)', 'absent']] as const) {
    it(`renders no section and no chart when trends are ${what}`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-notrends-'));
      try {
        const results = trendsFixture(trends);
        expect(trendCharts(results)).toEqual([]);
        await writeReports(results, dir);
        const html = fs.readFileSync(path.join(dir, 'study-report.html'), 'utf8');
        expect(html).not.toContain('id="trends"');
        expect(html).not.toContain('Change since the last wave');
        expect(fs.readdirSync(path.join(dir, 'charts')).filter((f) => f.startsWith('trend'))).toEqual([]);
        for (const f of fs.readdirSync(path.join(dir, 'orgs'))) expect(fs.readFileSync(path.join(dir, 'orgs', f), 'utf8')).not.toContain('id="trend"');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('the reports’ own guard', () => {
  it('shows no number for a point resting on fewer than k respondents, even when the pipeline did not flag it', async () => {
    const slipped = structuredClone(FIXTURE_TRENDS);
    const h3 = slipped.series.find((s) => s.id === 'H3.itl_diff')!;
    h3.points[0] = { ...h3.points[0], estimate: 0.777, ci_low: 0.5, ci_high: 1.05, n: 4, n_orgs: 2 };
    const results = trendsFixture(slipped);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-trends-guard-'));
    try {
      await writeReports(results, dir);
      const html = fs.readFileSync(path.join(dir, 'study-report.html'), 'utf8');
      const row = block(block(trendSection(html), 'div', 'data-trend="H3.itl_diff"'), 'tr', 'data-wave="wave-2024"');
      expect(text(row)).toContain('not shown: it would rest on fewer than 5 respondents');
      expect(html).not.toContain('0.78');
      expect(JSON.stringify(trendCharts(results).map((c) => c.spec))).not.toContain('0.777');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when no earlier wave could be compared', async () => {
    const alone: Trends = { ...FIXTURE_TRENDS, waves: FIXTURE_TRENDS.waves.slice(2), series: [] };
    const results = trendsFixture(alone);
    expect(trendCharts(results)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-trends-alone-'));
    try {
      await writeReports(results, dir);
      const section = text(trendSection(fs.readFileSync(path.join(dir, 'study-report.html'), 'utf8')));
      expect(section).toContain('No earlier wave of the study could be compared with Fall 2026; the reasons are below.');
      expect(section).toContain('Spring 2024: It has no published release.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the trend chart spec', () => {
  it('compiles, has one dot per shown point, leaves withheld points out, and keeps text at 11 px or more', () => {
    const results = trendsFixture();
    const charts = trendCharts(results);
    expect(charts.map((c) => c.name)).toEqual(['trend-confirmatory', 'trend-scales']);
    const conf = charts[0];
    const values = (conf.spec as { data: { values: { measure: string; wave: string; value: number; reference: number | null }[] } }).data.values;
    // 5 series × 3 waves, less the withheld point.
    expect(values).toHaveLength(14);
    expect(values.some((v) => v.value === WITHHELD_VALUE)).toBe(false);
    const measure = (v: { measure: string }) => v.measure.replace(/\|/g, ' ');
    expect(values.find((v) => measure(v).startsWith('Separation rate ratio'))?.reference).toBe(1);
    expect(values.find((v) => measure(v).startsWith('Satisfaction'))?.reference).toBe(0);
    // Long names wrap onto header lines instead of widening the chart.
    expect(values.every((v) => v.measure.split('|').every((line) => line.length <= 30))).toBe(true);
    expect(() => compile(conf.spec)).not.toThrow();
    const json = JSON.stringify(conf.spec);
    for (const m of json.matchAll(/"(?:label|title)?[fF]ontSize":(\d+)/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(11);
    expect(TREND_FONT).toBeGreaterThanOrEqual(11);
    expect(conf.table.rows).toHaveLength(14);
    expect(conf.description).toContain('Orientation index, POC-led minus white-led: Fall 2024 0.30, Fall 2026 0.36 (Fall 2025 not shown)');
    expect(charts[1].table.rows.map((r) => r[1])).toEqual(['Fall 2024', 'Fall 2025', 'Fall 2026', 'Fall 2024', 'Fall 2025', 'Fall 2026']);
  });

  it('colours waves from the colour-blind-safe palette, the current wave first', () => {
    const spec = trendSpec([], { title: 't', description: 'd', waves: ['A', 'B', 'C'] });
    const range = JSON.stringify(spec).match(/"range":\[([^\]]*)\]/)?.[1];
    expect(range).toBe('"#009E73","#D55E00","#0072B2"');
  });
});

describe('organization report: change since its previous wave', () => {
  const results = trendsFixture();
  const ctx = orgContext(results);
  const org = (code: string) => results.organizations.find((o) => o.code === code)!;

  it('shows each measure then and now, with the change, its interval and a verdict', () => {
    const html = renderOrgReport(org('ORG0001'), ctx);
    const table = block(html, 'table', 'data-org-trend="true"');
    const row = (id: string) => block(table, 'tr', `data-measure="${id}"`);
    expect(text(row('satisfaction_score'))).toContain('Job satisfaction 4.62 5.18 higher , +0.56 (95% CI +0.12 to +1.00)');
    expect(text(row('intent_to_leave_score'))).toContain('about the same , −0.06 (95% CI −0.40 to +0.28)');
    expect(text(row('culture_score'))).toContain('lower');
    expect(text(row('valued_score'))).toContain('not shown: Fewer than 5 of your staff answered these questions in Fall 2025');
    expect(row('valued_score')).not.toMatch(/data-verdict/);
    expect(text(table)).toContain('Fall 2025');
  });

  it('says why there is no change figure, and shows nothing when there is no earlier wave', () => {
    const note = renderOrgReport(org('ORG0002'), ctx);
    expect(text(block(note, 'p', 'data-trend-note="true"'))).toContain('There is no change figure for your organization: your organization did not take part in Fall 2025.');
    // The pipeline's own wording, without saying twice that there is no figure.
    const under = renderOrgReport(org('ORG0004'), ctx);
    expect(text(block(under, 'p', 'data-trend-note="true"'))).toContain('There is no change figure for your organization: fewer than 5 respondents in "Fall 2025".');
    expect(note).not.toContain('data-org-trend');
    const none = renderOrgReport(org('ORG0003'), ctx);
    expect(none).not.toContain('id="trend"');
  });

  it('speaks Spanish when the report does: the section has no English left in it', () => {
    const es = (code: string) => String(OrgTrend({ org: org(code), k: 5, lang: 'es' }));
    const html = es('ORG0001');
    const words = text(html);
    expect(words).toContain('Cambio desde su ola anterior');
    expect(text(block(html, 'tr', 'data-measure="satisfaction_score"'))).toContain('Satisfacción con el trabajo (1–7) 4.62 5.18 más alto , +0.56 (+0.12 a +1.00)');
    expect(words).toContain('más o menos igual');
    expect(words).toContain('más bajo');
    expect(text(block(html, 'tr', 'data-measure="valued_score"'))).toContain('no se muestra, para proteger el anonimato de su equipo');
    for (const english of ['higher', 'lower', 'about the same', 'not shown', 'Measure', 'Change', 'Your', 'Fewer than', 'Job satisfaction']) expect(words, english).not.toContain(english);
    for (const code of ['ORG0002', 'ORG0004']) {
      const note = text(es(code));
      expect(note).toContain('No hay cifra de cambio para su organización');
      expect(note).not.toMatch(/did not take part|Fewer than|no change figure/);
    }
    expect(OrgTrend({ org: org('ORG0003'), k: 5, lang: 'es' })).toBeNull();
  });
});
