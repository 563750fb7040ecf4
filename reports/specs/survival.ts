// Kaplan–Meier retention curves: the share of staff still in post by years of tenure, one
// step line per group, drawn only where at least k people were still at risk. Up to eight
// curves (four orientation types × two race groups): colour says the type and the line
// style the race group, so no two curves share both, and no colour is reused for two.
import type { TopLevelSpec } from 'vega-lite';
import type { SurvivalCurve } from '../../pipeline/results.js';
import { groupLabel } from '../format.js';
import { AUTOSIZE, CONFIG, SCHEMA, WIDTH, chartTitle } from './common.js';

export interface SurvivalRow {
  group: string;
  /** The orientation type (colour), or the whole group's name when it has no race part. */
  type: string;
  /** The race group (line style); '' when the group has none. */
  race: string;
  time: number;
  survival: number;
  at_risk: number;
}

export function survivalData(curves: SurvivalCurve[]): SurvivalRow[] {
  return curves.flatMap((c) => {
    const l = groupLabel(c.group);
    return c.points.map((p) => ({ group: l.label, type: l.type, race: l.race ?? '', time: p.time, survival: p.survival, at_risk: p.at_risk }));
  });
}

export function survivalSpec(rows: SurvivalRow[], description: string): TopLevelSpec {
  const races = [...new Set(rows.map((r) => r.race))];
  const dashes = [[1, 0], [6, 4], [2, 3], [8, 3, 2, 3]].slice(0, Math.max(1, races.length));
  return {
    $schema: SCHEMA,
    title: chartTitle('Retention by years in the job (Kaplan–Meier)', 'Share of staff still in post; steps drop at each departure. Colour: orientation type; line style: race group.'),
    description,
    width: WIDTH,
    autosize: AUTOSIZE,
    height: 260,
    // Two legends (colour, line style) one above the other, so they fit a phone's width.
    config: { ...CONFIG, legend: { ...CONFIG.legend, layout: { bottom: { anchor: 'start', direction: 'vertical' } } } } as unknown as typeof CONFIG,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5, point: { filled: true, size: 24 } },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: 'Tenure (years)', scale: { zero: true } },
      y: { field: 'survival', type: 'quantitative', title: 'Still in post (share, 0–1)', scale: { domain: [0, 1] } },
      color: { field: 'type', type: 'nominal', title: 'Orientation type' },
      strokeDash: { field: 'race', type: 'nominal', title: 'Race group', scale: { domain: races, range: dashes }, legend: races.length > 1 ? { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolStrokeColor: '#333', symbolFillColor: 'transparent', symbolSize: 400 } : null },
      detail: { field: 'group', type: 'nominal' },
    },
  } as TopLevelSpec;
}
