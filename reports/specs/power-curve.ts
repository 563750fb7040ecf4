// The power curve of `rootwork power` with several --effect values: for each confirmatory
// headline test, the share of simulated studies that reject at 5% against the planted effect,
// with its 95% Monte Carlo interval as a band, and the 80% line funders usually plan for.
import type { TopLevelSpec } from 'vega-lite';
import { AUTOSIZE, CONFIG, SCHEMA, WIDTH, chartTitle } from './common.js';

export interface PowerPoint {
  /** Planted effects as a multiple of the funder study's. */
  effect: number;
  hypothesis: string;
  power: number;
  ci_low: number;
  ci_high: number;
}

export function powerCurveSpec(points: PowerPoint[], o: { title: string; description: string }): TopLevelSpec {
  const x = { field: 'effect', type: 'quantitative' as const, title: "Planted effect (× the funder study's)", scale: { zero: true } };
  const y = { type: 'quantitative' as const, title: 'Power (share of studies rejecting at 5%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const color = { field: 'hypothesis', type: 'nominal' as const, title: null };
  return {
    $schema: SCHEMA,
    title: chartTitle(o.title, 'Bands are 95% Monte Carlo intervals; dashed line: 80% power'),
    description: o.description,
    width: WIDTH,
    autosize: AUTOSIZE,
    height: 260,
    config: CONFIG,
    data: { values: points },
    layer: [
      { data: { values: [{ target: 0.8 }] }, mark: { type: 'rule', color: '#777', strokeDash: [3, 3] }, encoding: { y: { field: 'target', ...y } } },
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { field: 'ci_low', ...y }, y2: { field: 'ci_high' }, color } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'power', ...y }, color } },
    ],
  };
}
