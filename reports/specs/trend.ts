// The trend chart: one small panel per measure, one row per wave (oldest first), the
// wave's value as a dot and its 95% confidence interval as a bar. Each panel has its own
// horizontal scale, since measures differ in units (scale points, differences, ratios).
// The chart is drawn at the width of a phone screen, so its text is never scaled below
// the size set here (a wider SVG would shrink to fit and its text with it).
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, PALETTE, SCHEMA } from './common.js';

export interface TrendPointRow {
  /** The measure, in words: one panel each. */
  measure: string;
  wave: string;
  value: number;
  ci_low: number;
  ci_high: number;
  /** "No change" for this measure (0 for differences, 1 for ratios); null for plain means. */
  reference: number | null;
}

export interface TrendChartOptions {
  title: string;
  description: string;
  /** Wave names, oldest first: the rows of every panel and the colours' order. */
  waves: string[];
}

/** Width of the plotting area of one panel (the wave names take about 90 px more). */
export const TREND_PLOT_WIDTH = 190;
/** The smallest text the chart draws, in px; the browser test holds the page to 11. */
export const TREND_FONT = 12;

export function trendSpec(rows: TrendPointRow[], o: TrendChartOptions): TopLevelSpec {
  // The current wave gets the first (darkest blue) colour; earlier waves the ones after it.
  const range = o.waves.map((_, i) => PALETTE[(o.waves.length - 1 - i) % PALETTE.length]);
  const y = { field: 'wave', type: 'nominal' as const, title: null, sort: o.waves, axis: { labelLimit: 0, labelFontSize: TREND_FONT } };
  const x = { type: 'quantitative' as const, title: null, scale: { zero: false }, axis: { labelFontSize: TREND_FONT, tickCount: 4, labelFlush: true } };
  const color = { field: 'wave', type: 'nominal' as const, scale: { domain: o.waves, range }, legend: null };
  return {
    $schema: SCHEMA,
    title: { text: o.title, fontSize: 14, limit: 300 },
    description: o.description,
    config: { ...CONFIG, axis: { ...CONFIG.axis, labelFontSize: TREND_FONT, titleFontSize: TREND_FONT } },
    data: { values: rows },
    facet: {
      row: {
        field: 'measure',
        type: 'nominal',
        title: null,
        sort: null,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 13, labelFontWeight: 600, labelLimit: 300, labelPadding: 4 },
      },
    },
    spec: {
      width: TREND_PLOT_WIDTH,
      height: { step: 24 },
      layer: [
        {
          transform: [{ filter: 'datum.reference !== null' }],
          mark: { type: 'rule', color: '#777', strokeDash: [3, 3] },
          encoding: { x: { field: 'reference', ...x } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: { y, x: { field: 'ci_low', ...x }, x2: { field: 'ci_high' }, color },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: { y, x: { field: 'value', ...x }, color, shape: { field: 'wave', type: 'nominal', scale: { domain: o.waves }, legend: null } },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}
