// Every study chart's vega-lite spec compiles, renders to an SVG with marks, and carries a
// title, axis titles, a description (as <title>/<desc> in the SVG) and its data as a table.
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { renderSpec } from '../../reports/render/vega-svg.js';
import { GROUP_MEAN_SUBTITLE, studyCharts } from '../../reports/study-charts.js';
import { syntheticResults } from '../kit/synthetic-results.js';
import { participationBins } from '../../reports/specs/participation.js';
import { PALETTE } from '../../reports/specs/common.js';

const results = syntheticResults({ orgs: 25, staffMin: 3, staffMax: 25, k: 5, seed: 21 });
const charts = studyCharts(results);

describe('study chart specs', () => {
  it('covers the charts the issue asks for', () => {
    expect(charts.map((c) => c.name)).toEqual(
      expect.arrayContaining(['orientation-map', 'outcome-satisfaction-score', 'outcome-intent-to-leave-score', 'separation-rates', 'retention', 'other-roots', 'participation']),
    );
  });

  for (const chart of charts) {
    it(`${chart.name} compiles, has titles with units, and renders marks`, async () => {
      const compiled = compile(chart.spec).spec as { marks?: unknown[]; title?: unknown; description?: string };
      expect(compiled.marks?.length).toBeGreaterThan(0);
      const json = JSON.stringify(chart.spec);
      expect(chart.title.length).toBeGreaterThan(5);
      // Every quantitative axis title says its unit in parentheses.
      const axisTitles = [...json.matchAll(/"type":"quantitative","title":"([^"]+)"/g)].map((m) => m[1]);
      expect(axisTitles.length).toBeGreaterThan(0);
      for (const t of axisTitles) expect(t).toMatch(/\(.+\)/);
      expect(chart.description.length).toBeGreaterThan(20);
      expect(chart.table.rows.length).toBeGreaterThan(0);
      for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
      const svg = await renderSpec(chart.spec, { name: chart.name, title: chart.title, description: chart.description });
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain(`<title id="chart-${chart.name}-title">`);
      expect(svg).toMatch(/class="mark-(symbol|rule|line|rect)/);
    });
  }

  it('says the group-mean bars allow for clustering, and names a group shown without an interval', () => {
    const copy = structuredClone(results);
    const groups = copy.series.outcome_by_type_race.find((o) => o.outcome === 'satisfaction_score')!.groups;
    const shown = groups.find((g) => !g.suppressed && g.mean !== null && (g.n ?? 0) >= 5)!;
    shown.ci_low = null;
    shown.ci_high = null;
    const chart = studyCharts(copy).find((c) => c.name === 'outcome-satisfaction-score')!;
    // Titles are wrapped to the chart's width: the subtitle is an array of lines.
    const subtitle = (chart.spec.title as { subtitle: string[] }).subtitle.join(' ');
    expect(subtitle).toBe(GROUP_MEAN_SUBTITLE);
    expect(GROUP_MEAN_SUBTITLE).toMatch(/allowing for clustering by organization \(CR2/);
    expect(chart.description).toMatch(/allow for clustering by organization/);
    expect(chart.description).toContain('(no interval: one organization or no spread)');
    expect(chart.table.caption).toMatch(/clustering by organization \(CR2\)/);
  });

  it('draws every retention curve in its own colour and line style pair, colours from the Okabe–Ito palette', async () => {
    const copy = structuredClone(results);
    // Eight curves, as the issue saw them: four orientation types by two race groups.
    const base = copy.series.survival.find((c) => !c.suppressed && (c.n ?? 0) >= 5)!;
    copy.series.survival = ['organizing', 'mobilizing', 'integrated', 'low'].flatMap((t, i) =>
      ['poc', 'white'].map((r, j) => ({ ...base, group: `${t} · ${r}`, suppressed: false, n: 40, points: [{ time: 0, survival: 1 - i / 20 - j / 40, ci_low: 0.5, ci_high: 1, at_risk: 40 }, { time: 2, survival: 0.8 - i / 20 - j / 40, ci_low: 0.5, ci_high: 1, at_risk: 20 }] })),
    );
    const chart = studyCharts(copy).find((c) => c.name === 'retention')!;
    const svg = await renderSpec(chart.spec, { name: chart.name, title: chart.title, description: chart.description });
    const lines = [...svg.matchAll(/aria-roledescription="line mark" d="[^"]+" stroke="([^"]+)" stroke-width="[^"]+" stroke-dasharray="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(lines).toHaveLength(8);
    expect(new Set(lines).size).toBe(8);
    // Colour says the orientation type (four), line style the race group (two).
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(4);
    expect(new Set(lines.map((l) => l.split(' ')[1])).size).toBe(2);
    for (const colour of new Set(lines.map((l) => l.split(' ')[0]))) expect(PALETTE).toContain(colour);
  });

  it('refuses a spec that would load data from a URL', async () => {
    await expect(
      renderSpec({ data: { url: 'https://example.org/x.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }, { name: 'x', title: 'x', description: 'x' }),
    ).rejects.toThrow(/inline/);
  });

  it('bins response rates in tenths, 100% in the top bin', () => {
    const bins = participationBins([0, 0.05, 0.5, 0.99, 1]);
    expect(bins.map((b) => b.organizations)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
});
