// The study report's trend charts, built from results.json `trends`: confirmatory
// estimates in one chart, study-wide scale means in another (their units differ), each
// with its description and the same numbers as a table. A withheld point, or one resting
// on fewer than k respondents, is in neither.
import type { ChartDef } from './study-charts.js';
import { fmt, fmtCi, fmtInt } from './format.js';
import { showable } from './privacy.js';
import { trendSpec, type TrendPointRow } from './specs/trend.js';
import type { Results, TrendPoint, Trends, TrendSeries } from '../pipeline/results.js';

/** True when the measure is a ratio (its "no change" is 1, and a change is a ratio of ratios). */
export function isRatioSeries(s: Pick<TrendSeries, 'id'>, results: Results): boolean {
  const e = [...results.confirmatory, ...results.exploratory].find((x) => x.id === s.id);
  return e?.scale === 'ratio' || /ratio/i.test(e?.label ?? '');
}

/** A point's value when it may be printed: not withheld, not resting on fewer than k respondents. */
export function visiblePoint(p: TrendPoint, k: number): number | null {
  if (p.withheld || p.estimate === null || !Number.isFinite(p.estimate)) return null;
  if (p.n !== null && !showable(p.n, k)) return null;
  return p.estimate;
}

export function waveName(trends: Trends, waveId: string): string {
  return trends.waves.find((w) => w.wave_id === waveId)?.name ?? waveId;
}

export function trendCharts(results: Results): ChartDef[] {
  const trends = results.trends;
  if (!trends || trends.waves.length < 2) return [];
  const k = results.study.k;
  const groups: { kind: TrendSeries['kind']; name: string; title: string }[] = [
    { kind: 'confirmatory', name: 'trend-confirmatory', title: 'The confirmatory findings by wave' },
    { kind: 'scale', name: 'trend-scales', title: 'Study-wide scale means by wave' },
  ];
  const waves = trends.waves.map((w) => w.name);
  const charts: ChartDef[] = [];
  for (const g of groups) {
    const rows: TrendPointRow[] = [];
    for (const s of trends.series.filter((x) => x.kind === g.kind)) {
      const ratio = isRatioSeries(s, results);
      for (const p of s.points) {
        const value = visiblePoint(p, k);
        if (value === null) continue;
        rows.push({
          measure: s.label,
          wave: waveName(trends, p.wave_id),
          value,
          ci_low: p.ci_low ?? value,
          ci_high: p.ci_high ?? value,
          reference: g.kind === 'confirmatory' ? (ratio ? 1 : 0) : null,
        });
      }
    }
    if (rows.length === 0) continue;
    const measures = [...new Set(rows.map((r) => r.measure))];
    const description =
      `${measures.length} measure${measures.length === 1 ? '' : 's'} across the waves ${waves.join(', ')}: each wave's value as a dot with its 95% confidence interval as a bar` +
      (g.kind === 'confirmatory' ? '; the dashed line marks no difference.' : '.') +
      ' ' +
      measures
        .map((m) => {
          const shown = rows.filter((r) => r.measure === m);
          // A screen reader hears which wave has no dot, not only the ones that have one.
          const missing = waves.filter((w) => !shown.some((r) => r.wave === w));
          return `${m}: ${shown.map((r) => `${r.wave} ${fmt(r.value)}`).join(', ')}${missing.length ? ` (${missing.join(', ')} not shown)` : ''}`;
        })
        .join('; ') +
      '.';
    charts.push({
      name: g.name,
      title: g.title,
      description,
      caption: g.kind === 'confirmatory'
        ? 'Each wave’s estimate as a dot with its 95% interval; where the bars cross the dashed line, that wave shows no clear difference.'
        : 'Each wave’s study-wide mean as a dot with its 95% interval; bars that overlap widely mean the waves are hard to tell apart.',
      spec: trendSpec(rows, { title: g.title, description, waves }),
      table: {
        caption: `${g.title} (95% confidence intervals)`,
        // Four columns fit a phone screen; each measure's own table below gives the staff counts.
        columns: ['Measure', 'Wave', 'Value', '95% CI'],
        rows: rows.map((r) => [r.measure, r.wave, fmt(r.value), fmtCi(r.ci_low, r.ci_high)]),
      },
    });
  }
  return charts;
}

/** "1,221 staff in 57 organizations" (a wave's respondents behind a value). */
export function staffText(n: number | null, nOrgs: number | null): string {
  if (n === null) return '';
  return nOrgs === null ? `${fmtInt(n)} staff` : `${fmtInt(n)} staff in ${fmtInt(nOrgs)} organizations`;
}
