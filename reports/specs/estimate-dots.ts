// A dot-and-interval chart: one row per group or estimate, its value as a dot and its 95%
// confidence interval as a bar. Used for outcomes by group, separation rates and roots.
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA, WIDTH } from './common.js';

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

export function dotIntervalSpec(rows: DotRow[], o: DotChartOptions): TopLevelSpec {
  const withCi = rows.map((r) => ({ ...r, ci_low: r.ci_low ?? r.value, ci_high: r.ci_high ?? r.value, series: r.series ?? '' }));
  const hasSeries = rows.some((r) => r.series);
  const color = hasSeries ? { color: { field: 'series', type: 'nominal' as const, title: null } } : {};
  // The row labels name themselves (the table beside gives the column's name), and vega's
  // text measurement without a canvas overestimates widths: no label limit.
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: null, axis: { labelLimit: 0 } };
  const scale = o.domain ? { domain: o.domain, zero: false } : { zero: false };
  return {
    $schema: SCHEMA,
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    description: o.description,
    width: WIDTH - 120,
    height: { step: 26 },
    config: CONFIG,
    data: { values: withCi },
    layer: [
      ...(o.reference !== undefined
        ? [{ data: { values: [{ ref: o.reference }] }, mark: { type: 'rule' as const, color: '#777', strokeDash: [3, 3] }, encoding: { x: { field: 'ref', type: 'quantitative' as const } } }]
        : []),
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          yOffset: hasSeries ? { field: 'series', type: 'nominal' } : undefined,
          x: { field: 'ci_low', type: 'quantitative', title: o.valueTitle, scale },
          x2: { field: 'ci_high' },
          ...color,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          yOffset: hasSeries ? { field: 'series', type: 'nominal' } : undefined,
          x: { field: 'value', type: 'quantitative', title: o.valueTitle, scale },
          ...color,
        },
      },
    ],
  };
}
