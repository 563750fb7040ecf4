// Kaplan–Meier retention curves: the share of staff still in post by years of tenure, one
// step line per group, drawn only where at least k people were still at risk.
import type { TopLevelSpec } from 'vega-lite';
import type { SurvivalCurve } from '../../pipeline/results.js';
import { groupLabel } from '../format.js';
import { CONFIG, SCHEMA, WIDTH } from './common.js';

export interface SurvivalRow {
  group: string;
  time: number;
  survival: number;
  at_risk: number;
}

export function survivalData(curves: SurvivalCurve[]): SurvivalRow[] {
  return curves.flatMap((c) => c.points.map((p) => ({ group: groupLabel(c.group).label, time: p.time, survival: p.survival, at_risk: p.at_risk })));
}

export function survivalSpec(rows: SurvivalRow[], description: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: { text: 'Retention by years in the job (Kaplan–Meier)', subtitle: 'Share of staff still in post; steps drop at each departure' },
    description,
    width: WIDTH,
    height: 300,
    config: CONFIG,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, point: { filled: true, size: 20 } },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: 'Tenure (years)', scale: { zero: true } },
      y: { field: 'survival', type: 'quantitative', title: 'Still in post (share, 0–1)', scale: { domain: [0, 1] } },
      color: { field: 'group', type: 'nominal', title: null, legend: { columns: 2, labelLimit: 0 } },
      strokeDash: { field: 'group', type: 'nominal', title: null, legend: { columns: 2, labelLimit: 0 } },
    },
  };
}
