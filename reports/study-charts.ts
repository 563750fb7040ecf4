// The study report's charts, built from results.json: for each, its vega-lite spec, a
// text description for screen readers, and the same data as a table. Groups under k are
// dropped here (privacy.ts), so no chart or table can show them.
import type { TopLevelSpec } from 'vega-lite';
import type { Estimate, GroupSummary, Results } from '../pipeline/results.js';
import { fmt, fmtCi, fmtInt, fmtP, fmtPct, groupLabel, plainText, scaleLabel } from './format.js';
import { groupVisible, showable, visibleCurve } from './privacy.js';
import { dotIntervalSpec, type DotRow } from './specs/estimate-dots.js';
import { orientationMapData, orientationMapSpec } from './specs/orientation-map.js';
import { participationBins, participationSpec } from './specs/participation.js';
import { survivalData, survivalSpec } from './specs/survival.js';

export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface ChartDef {
  /** File-safe name: charts/NAME.vl.json. */
  name: string;
  title: string;
  /** Everything the chart shows, in words: the SVG's description for screen readers. */
  description: string;
  /** What to look at, in a sentence or two: the visible caption (the data table beside it has the numbers). */
  caption: string;
  spec: TopLevelSpec;
  table: DataTable;
}

export function studyCharts(results: Results): ChartDef[] {
  const k = results.study.k;
  const charts: ChartDef[] = [];
  const om = orientationMap(results);
  if (om) charts.push(om);
  for (const o of results.series.outcome_by_type_race) {
    const c = outcomeChart(o.outcome, o.groups, k);
    if (c) charts.push(c);
  }
  const sep = separationChart(results.series.separation_rates, k);
  if (sep) charts.push(sep);
  const km = survivalChart(results);
  if (km) charts.push(km);
  const roots = rootsChart(results.series.roots, k);
  if (roots) charts.push(roots);
  const part = participationChart(results);
  if (part) charts.push(part);
  return charts;
}

function orientationMap(results: Results): ChartDef | null {
  const k = results.study.k;
  const allowed = new Set(results.organizations.filter((o) => o.reportable && showable(o.respondents, k)).map((o) => o.code));
  const data = orientationMapData(results.series.orientation_map.filter((p) => allowed.has(p.code)));
  if (data.length === 0) return null;
  const byLead = countBy(data.map((d) => d.leadership));
  const above = data.filter((d) => d.organizing > d.mobilizing).length;
  const description =
    `Scatter plot of ${data.length} organizations with at least ${k} respondents: organizing score (vertical) against mobilizing score (horizontal), ` +
    `marked by leadership (${Object.entries(byLead).map(([l, n]) => `${n} ${l}`).join(', ')}). ` +
    `${above} of ${data.length} sit above the diagonal, where organizing outscores mobilizing.`;
  return {
    name: 'orientation-map',
    title: 'Organizing and mobilizing, organization by organization',
    description,
    caption: `Each dot is an organization with at least ${k} respondents. ${above} of ${data.length} sit above the dashed line, where organizing outscores mobilizing; colour and shape show who leads them.`,
    spec: orientationMapSpec(data, description),
    table: {
      caption: `Orientation scores of each organization with at least ${k} respondents (pseudonymous codes)`,
      columns: ['Organization', 'Organizing score', 'Mobilizing score', 'Type', 'Leadership'],
      rows: data.map((d) => [d.code, fmt(d.organizing), fmt(d.mobilizing), d.type, d.leadership]),
    },
  };
}

function outcomeUnits(outcome: string): { label: string; axis: string; domain: [number, number] } {
  const label = scaleLabel(outcome);
  if (/sat/i.test(outcome)) return { label, axis: 'Mean satisfaction (1–7 scale points)', domain: [1, 7] };
  if (/itl|intent|leave/i.test(outcome)) return { label, axis: 'Mean intent to leave (1–5 scale points)', domain: [1, 5] };
  return { label, axis: `Mean ${label.toLowerCase()} (scale points)`, domain: [1, 5] };
}

function groupRows(groups: GroupSummary[], k: number): GroupSummary[] {
  return groups.filter((g) => groupVisible(g, k));
}

/** What the bars of a group-mean chart are: intervals that allow for staff sharing an organization. */
export const GROUP_MEAN_SUBTITLE = 'Dots are means; bars are 95% confidence intervals allowing for clustering by organization (CR2, Satterthwaite df)';

function outcomeChart(outcome: string, groups: GroupSummary[], k: number): ChartDef | null {
  const shown = groupRows(groups, k);
  if (shown.length === 0) return null;
  const u = outcomeUnits(outcome);
  const rows: DotRow[] = shown.map((g) => {
    const l = groupLabel(g.group);
    return { label: l.type, series: l.race ?? undefined, value: g.mean as number, ci_low: g.ci_low, ci_high: g.ci_high };
  });
  const hidden = groups.length - shown.length;
  // The pipeline's group-mean intervals are cluster-robust (CR2 by organization, Satterthwaite
  // df); a group within a single organization has none, and the text says so rather than
  // letting a bare dot pass for a precise value.
  const interval = (g: GroupSummary) => (g.ci_low === null || g.ci_high === null ? 'no interval: one organization or no spread' : fmtCi(g.ci_low, g.ci_high));
  const description =
    `${u.label} of organizers by orientation type and race, with 95% confidence intervals that allow for clustering by organization: ` +
    shown.map((g) => `${groupLabel(g.group).label} ${fmt(g.mean)} (${interval(g)})`).join('; ') +
    (hidden > 0 ? `. ${hidden} group${hidden === 1 ? '' : 's'} with fewer than ${k} respondents not shown.` : '.');
  const title = `${u.label} by orientation type and race, organizers`;
  const name = `outcome-${slug(outcome)}`;
  return {
    name,
    title,
    description,
    caption: `${u.label} of organizers, by orientation type and race, with 95% confidence intervals. Where two bars overlap a lot, the groups cannot be told apart.` +
      (hidden > 0 ? ` ${hidden} group${hidden === 1 ? '' : 's'} with fewer than ${k} respondents not shown.` : '') +
      (shown.some((g) => g.ci_low === null || g.ci_high === null) ? ' A dot without a bar has no interval (one organization, or no spread).' : ''),
    spec: dotIntervalSpec(rows, { title, subtitle: GROUP_MEAN_SUBTITLE, description, valueTitle: u.axis, labelTitle: 'Group', domain: u.domain }),
    table: summaryTable(`${u.label}: means with 95% confidence intervals allowing for clustering by organization (CR2)`, shown, 'Mean'),
  };
}

function separationChart(groups: GroupSummary[], k: number): ChartDef | null {
  const shown = groupRows(groups, k);
  if (shown.length === 0) return null;
  const rows: DotRow[] = shown.map((g) => ({ label: groupLabel(g.group).label, value: (g.mean as number) * 100, ci_low: pct(g.ci_low), ci_high: pct(g.ci_high) }));
  const description =
    'Twelve-month separation rates (separations per 100 staff of mean headcount) with 95% confidence intervals: ' +
    shown.map((g) => `${groupLabel(g.group).label} ${fmtPct(g.mean, 1)} (${fmtPct(g.ci_low, 1)} to ${fmtPct(g.ci_high, 1)})`).join('; ') + '.';
  // The pipeline pools organizers of color by orientation type (H2's groups); say so when that is what came.
  const byType = shown.every((g) => groupLabel(g.group).type !== g.group && groupLabel(g.group).race === null);
  const title = byType ? 'Separation rates of organizers of color by orientation type, last 12 months' : 'Separation rates over the last 12 months';
  return {
    name: 'separation-rates',
    title,
    description,
    caption: 'The share of staff who left in the last 12 months, with 95% confidence intervals. Where two bars overlap a lot, the groups cannot be told apart.',
    spec: dotIntervalSpec(rows, { title, subtitle: 'Departures divided by the mean of start and end headcount; bars are 95% confidence intervals', description, valueTitle: 'Separation rate (% a year)', labelTitle: 'Group' }),
    table: {
      caption: 'Separation rates with 95% confidence intervals',
      columns: ['Group', 'Rate', '95% CI', 'Organizations'],
      rows: shown.map((g) => [groupLabel(g.group).label, fmtPct(g.mean, 1), `${fmtPct(g.ci_low, 1)} to ${fmtPct(g.ci_high, 1)}`, fmtInt(g.n_orgs)]),
    },
  };
}

function survivalChart(results: Results): ChartDef | null {
  const k = results.study.k;
  const curves = results.series.survival.map((c) => visibleCurve(c, k)).filter((c) => c !== null);
  if (curves.length === 0) return null;
  const rows = survivalData(curves);
  const description =
    'Kaplan–Meier estimates of the share of staff still in post by years of tenure: ' +
    curves.map((c) => {
      const last = c.points[c.points.length - 1];
      return `${groupLabel(c.group).label}, ${fmtInt(c.n)} people, ${fmtPct(last.survival)} still in post at ${fmt(last.time, 1)} years`;
    }).join('; ') + `. Curves stop where fewer than ${k} people were still at risk.`;
  return {
    name: 'retention',
    title: 'Retention by years in the job (Kaplan–Meier)',
    description,
    caption: `The share of staff still in post after each year in the job, by orientation type and race group. Curves stop where fewer than ${k} people remained.`,
    spec: survivalSpec(rows, description),
    table: {
      caption: 'Kaplan–Meier retention: share still in post, with 95% band and number at risk',
      columns: ['Group', 'Years', 'Still in post', '95% band', 'At risk'],
      rows: curves.flatMap((c) => c.points.map((p) => [groupLabel(c.group).label, fmt(p.time, 1), fmtPct(p.survival, 1), `${fmtPct(p.ci_low, 1)} to ${fmtPct(p.ci_high, 1)}`, fmtInt(p.at_risk)])),
    },
  };
}

function rootsChart(roots: Estimate[], k: number): ChartDef | null {
  const shown = roots.filter((e) => !e.suppressed && e.estimate !== null && showable(e.n, k));
  if (shown.length === 0) return null;
  const scale = shown[0].scale ?? 'coefficient';
  const rows: DotRow[] = shown.map((e) => ({ label: plainText(e.label, k), value: e.estimate as number, ci_low: e.ci_low, ci_high: e.ci_high }));
  const axis = scale === 'correlation' ? 'Correlation (Pearson r, −1 to 1)' : `Association (${scale.replace(/_/g, ' ')})`;
  const description =
    'Other roots against satisfaction and intent to leave, each with its 95% confidence interval: ' +
    shown.map((e) => `${plainText(e.label, k)} ${fmt(e.estimate)} (${fmtCi(e.ci_low, e.ci_high)})`).join('; ') + '. Exploratory.';
  const title = 'Other roots: culture, leadership, decision making and valuing organizing';
  return {
    name: 'other-roots',
    title,
    description,
    caption: 'Exploratory. How closely each other root goes with satisfaction and with intent to leave; a bar that does not cross the dashed zero line is a clear association.',
    spec: dotIntervalSpec(rows, { title, subtitle: 'Exploratory; bars are 95% confidence intervals', description, valueTitle: axis, labelTitle: 'Root', reference: 0 }),
    table: {
      caption: 'Other roots against satisfaction and intent to leave (exploratory)',
      columns: ['Root', 'Estimate', '95% CI', 'Respondents', 'Holm-adjusted p'],
      rows: shown.map((e) => [plainText(e.label, k), fmt(e.estimate), fmtCi(e.ci_low, e.ci_high), fmtInt(e.n), fmtP(e.p_holm ?? null)]),
    },
  };
}

function participationChart(results: Results): ChartDef | null {
  const k = results.study.k;
  const rates = results.participation.by_organization
    .filter((o) => !o.suppressed && showable(o.respondents, k) && o.response_rate !== null)
    .map((o) => o.response_rate as number);
  if (rates.length === 0) return null;
  const bins = participationBins(rates);
  const description =
    `Bar chart of ${rates.length} organizations with at least ${k} respondents by response rate: ` +
    bins.filter((b) => b.organizations > 0).map((b) => `${b.band}: ${b.organizations}`).join(', ') + '.';
  return {
    name: 'participation',
    title: 'Response rates across organizations',
    description,
    caption: `${rates.length} organizations by the share of their staff who answered.`,
    spec: participationSpec(bins, description),
    table: {
      caption: 'Organizations by response rate',
      columns: ['Response rate', 'Organizations'],
      rows: bins.map((b) => [b.band, String(b.organizations)]),
    },
  };
}

function summaryTable(caption: string, groups: GroupSummary[], valueName: string): DataTable {
  return {
    caption,
    columns: ['Group', valueName, '95% CI', 'Respondents', 'Organizations'],
    rows: groups.map((g) => [groupLabel(g.group).label, fmt(g.mean), fmtCi(g.ci_low, g.ci_high), fmtInt(g.n), fmtInt(g.n_orgs)]),
  };
}

function pct(x: number | null): number | null {
  return x === null ? null : x * 100;
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}
