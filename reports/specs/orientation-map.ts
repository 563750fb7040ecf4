// The orientation map: each reportable organization a dot, organizing score against
// mobilizing score, coloured by who leads it. The diagonal is where the two are equal.
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../pipeline/results.js';
import { TYPE_LABELS, leadershipLabel } from '../format.js';
import { AUTOSIZE, CONFIG, SCHEMA, WIDTH, chartTitle } from './common.js';

export interface OrientationPoint {
  code: string;
  organizing: number;
  mobilizing: number;
  leadership: string;
  type: string;
}

export function orientationMapData(points: Results['series']['orientation_map']): OrientationPoint[] {
  return points.map((p) => ({
    code: p.code,
    organizing: p.organizing_score,
    mobilizing: p.mobilizing_score,
    leadership: leadershipLabel(p.poc_led),
    type: TYPE_LABELS[p.orientation_type],
  }));
}

export function orientationMapSpec(data: OrientationPoint[], description: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: chartTitle('Organizing and mobilizing, organization by organization', 'Staff mean scores, 1 (strongly disagree) to 5 (strongly agree). Above the dashed line, organizing outscores mobilizing.'),
    description,
    width: WIDTH,
    height: WIDTH * 0.8,
    autosize: AUTOSIZE,
    config: CONFIG,
    layer: [
      {
        data: { values: [{ a: 1, b: 1 }, { a: 5, b: 5 }] },
        mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
        encoding: {
          x: { field: 'a', type: 'quantitative', scale: { domain: [1, 5] } },
          y: { field: 'b', type: 'quantitative', scale: { domain: [1, 5] } },
        },
      },
      {
        data: { values: data },
        mark: { type: 'point', filled: true, size: 60, opacity: 0.75 },
        encoding: {
          x: { field: 'mobilizing', type: 'quantitative', title: 'Mobilizing score (1–5 points)', scale: { domain: [1, 5] } },
          y: { field: 'organizing', type: 'quantitative', title: 'Organizing score (1–5 points)', scale: { domain: [1, 5] } },
          color: { field: 'leadership', type: 'nominal', title: 'Leadership' },
          shape: { field: 'leadership', type: 'nominal', title: 'Leadership' },
        },
      },
    ],
  };
}
