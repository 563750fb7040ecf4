// A dot-and-interval chart: one row per group or estimate, its value as a dot and its 95%
// confidence interval as a bar. Used for outcomes by group, separation rates and roots.
// Row names are written above their row (wrapped to the chart's width) rather than as axis
// labels beside it, so a long name costs height, not width, and the chart fits a phone.
import type { TopLevelSpec } from 'vega-lite';
import { AUTOSIZE, CONFIG, MIN_FONT, SCHEMA, WIDTH, chartTitle, wrapText } from './common.js';

export interface DotRow {
  label: string;
  value: number;
  ci_low: number | null;
  ci_high: number | null;
  /** Colour group (e.g. race group); omitted for a single series. */
  series?: string;
}

export interface DotChartOptions {
  title: string;
  subtitle?: string;
  description: string;
  /** Axis title with units, e.g. "Mean satisfaction (1–7 scale points)". */
  valueTitle: string;
  /** Heading of the label column in words (used by tables; the axis leaves it implicit). */
  labelTitle: string;
  /** A reference line (0 for differences and correlations, 1 for ratios). */
  reference?: number;
  domain?: [number, number];
}

// Characters per line of a row name, at the widths render/vega-svg.ts assumes.
const WRAP = Math.floor(WIDTH / (MIN_FONT * 0.6));

/** A row name in lines that fit the chart's width. */
export function wrapLabel(text: string, width = WRAP): string[] {
  return wrapText(text, width);
}

export function dotIntervalSpec(rows: DotRow[], o: DotChartOptions): TopLevelSpec {
  const hasSeries = rows.some((r) => r.series);
  const lines = Math.max(1, ...rows.map((r) => wrapLabel(r.label).length));
  const withCi = rows.map((r) => ({ ...r, ci_low: r.ci_low ?? r.value, ci_high: r.ci_high ?? r.value, series: r.series ?? '', lines: wrapLabel(r.label) }));
  const series = [...new Set(rows.map((r) => r.series ?? ''))];
  // Text lines on top of each row, then the interval(s) beneath them.
  const textHeight = lines * (MIN_FONT + 3);
  const step = textHeight + 10 + (hasSeries ? 14 * series.length : 16);
  const labelBand = textHeight / step;
  const color = hasSeries ? { color: { field: 'series', type: 'nominal' as const, title: null, sort: series } } : { color: { value: '#0072B2' } };
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: null, axis: null, scale: { type: 'band' as const, paddingInner: 0, paddingOuter: 0 } };
  // Each series gets its own line below the row's text: the interval's position in the band.
  const at = (i: number) => labelBand + ((1 - labelBand) * (i + 0.5)) / Math.max(1, series.length);
  const scale = o.domain ? { domain: o.domain, zero: false } : { zero: false };
  const yAt = (band: number) => ({ ...y, bandPosition: band });
  const perSeries = (mark: object, x: object) =>
    series.map((s, i) => ({
      transform: [{ filter: { field: 'series', equal: s } }],
      mark,
      encoding: { y: yAt(at(i)), ...x, ...color },
    }));
  return {
    $schema: SCHEMA,
    title: chartTitle(o.title, o.subtitle),
    description: o.description,
    width: WIDTH,
    autosize: AUTOSIZE,
    height: step * new Set(rows.map((r) => r.label)).size,
    config: CONFIG,
    data: { values: withCi },
    layer: [
      ...(o.reference !== undefined
        ? [{ data: { values: [{ ref: o.reference }] }, mark: { type: 'rule' as const, color: '#777', strokeDash: [3, 3] }, encoding: { x: { field: 'ref', type: 'quantitative' as const, scale } } }]
        : []),
      {
        mark: { type: 'text', align: 'left', baseline: 'top', lineHeight: MIN_FONT + 3, fontSize: MIN_FONT, dy: 3, color: '#1b1b1b' },
        encoding: { y: yAt(0), x: { value: 0 }, text: { field: 'lines' } },
      },
      ...perSeries({ type: 'rule', strokeWidth: 2.5 }, { x: { field: 'ci_low', type: 'quantitative', title: o.valueTitle, scale }, x2: { field: 'ci_high' } }),
      ...perSeries({ type: 'point', filled: true, size: 80, opacity: 1 }, { x: { field: 'value', type: 'quantitative', title: o.valueTitle, scale } }),
    ],
  } as TopLevelSpec;
}
