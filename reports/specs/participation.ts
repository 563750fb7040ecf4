// Participation: how many organizations reached each response-rate band. Counts are of
// organizations, and only organizations with at least k respondents are included.
import type { TopLevelSpec } from 'vega-lite';
import { AUTOSIZE, CONFIG, SCHEMA, WIDTH, chartTitle } from './common.js';

export interface ParticipationBin {
  band: string;
  organizations: number;
  order: number;
}

/** Response rates (0–1) binned in tenths. */
export function participationBins(rates: number[]): ParticipationBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ band: `${i * 10}–${i * 10 + 10}%`, organizations: 0, order: i }));
  for (const r of rates) bins[Math.min(9, Math.max(0, Math.floor(r * 10)))].organizations += 1;
  return bins;
}

/**
 * The count axis: whole-number ticks at a round step, ending at a tick at or above the
 * tallest bar. Left to itself vega rounds the domain to the data (a bar of 13 reaches the
 * top of the frame) but labels only even ticks (the last says 12), so the bar seems cut off.
 */
export function countAxis(max: number): { top: number; ticks: number[] } {
  const steps = [1, 2, 5];
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const fit = steps.map((s) => s * scale).find((s) => Math.ceil(Math.max(max, 1) / s) <= 8);
    if (fit) {
      step = fit;
      break;
    }
  }
  const top = Math.max(1, Math.ceil(max / step)) * step;
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

export function participationSpec(bins: ParticipationBin[], description: string): TopLevelSpec {
  const axis = countAxis(Math.max(0, ...bins.map((b) => b.organizations)));
  return {
    $schema: SCHEMA,
    title: chartTitle('Response rates across organizations', 'Respondents as a share of staff headcount'),
    description,
    width: WIDTH,
    autosize: AUTOSIZE,
    height: 220,
    config: CONFIG,
    data: { values: bins },
    mark: { type: 'bar', color: '#0072B2' },
    encoding: {
      x: { field: 'band', type: 'ordinal', title: 'Response rate (% of staff)', sort: { field: 'order' }, axis: { labelAngle: -90 } },
      y: { field: 'organizations', type: 'quantitative', title: 'Organizations (count)', scale: { domain: [0, axis.top], nice: false }, axis: { values: axis.ticks, format: 'd' } },
    },
  };
}
