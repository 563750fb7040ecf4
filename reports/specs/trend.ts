// The trend chart: one small panel per measure, one row per wave (oldest first), the
// wave's value as a dot and its 95% confidence interval as a bar. Each panel has its own
// horizontal scale, since measures differ in units (scale points, differences, ratios).
// The chart is drawn no wider than a phone screen leaves for it, so its text is never
// scaled below the size set here (a wider SVG would shrink to fit, and its text with it).
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

/** The smallest text the chart draws, in px; the browser test holds the page to 11. */
export const TREND_FONT = 12;
const HEADER_FONT = 13;
const TITLE_FONT = 14;
/**
 * The widest the whole SVG may be: a 390 px screen less the report's margins and the
 * figure's padding leaves about 320 px, and an SVG that fits is drawn at its own size.
 */
export const TREND_MAX_WIDTH = 300;
// vega sizes the layout with an estimate of text width (no canvas in Node): 0.8 em a
// character, wider than real text, so widths worked out with it are safe.
const EM = 0.8;

/** Text as lines of at most `width` characters, joined by '|' (split again by the chart). */
export function wrapLabel(label: string, width: number): string {
  const lines: string[] = [];
  for (const word of label.replace(/\|/g, '/').split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('|');
}

export function trendSpec(rows: TrendPointRow[], o: TrendChartOptions): TopLevelSpec {
  // Wave names on the left (with ticks and padding), the panel and its header on the right.
  const axisWidth = Math.ceil(Math.max(...o.waves.map((w) => w.length), 4) * TREND_FONT * EM) + 14;
  const plotWidth = Math.max(110, TREND_MAX_WIDTH - axisWidth - 12);
  const headerChars = Math.max(12, Math.floor(plotWidth / (HEADER_FONT * EM)));
  const measures = [...new Set(rows.map((r) => r.measure))].map((m) => wrapLabel(m, headerChars));
  // The current wave gets the first (darkest blue) colour; earlier waves the ones after it.
  const range = o.waves.map((_, i) => PALETTE[(o.waves.length - 1 - i) % PALETTE.length]);
  const y = { field: 'wave', type: 'nominal' as const, title: null, sort: o.waves, axis: { labelLimit: 0, labelFontSize: TREND_FONT } };
  const x = { type: 'quantitative' as const, title: null, scale: { zero: false }, axis: { labelFontSize: TREND_FONT, tickCount: 4, labelFlush: true } };
  const color = { field: 'wave', type: 'nominal' as const, scale: { domain: o.waves, range }, legend: null };
  return {
    $schema: SCHEMA,
    title: { text: wrapLabel(o.title, Math.floor(TREND_MAX_WIDTH / (TITLE_FONT * EM))).split('|'), fontSize: TITLE_FONT, limit: 0 },
    description: o.description,
    config: { ...CONFIG, axis: { ...CONFIG.axis, labelFontSize: TREND_FONT, titleFontSize: TREND_FONT } },
    data: { values: rows.map((r) => ({ ...r, measure: wrapLabel(r.measure, headerChars) })) },
    facet: {
      row: {
        field: 'measure',
        type: 'nominal',
        title: null,
        sort: measures,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: HEADER_FONT, labelFontWeight: 600, labelLimit: 0, labelPadding: 4, labelExpr: "split(datum.label, '|')" },
      },
    },
    spec: {
      width: plotWidth,
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
