// Participation: how many organizations reached each response-rate band. Counts are of
// organizations, and only organizations with at least k respondents are included.
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, SCHEMA, WIDTH } from './common.js';

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

export function participationSpec(bins: ParticipationBin[], description: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: { text: 'Response rates across organizations', subtitle: 'Respondents as a share of staff headcount' },
    description,
    width: WIDTH,
    height: 220,
    config: CONFIG,
    data: { values: bins },
    mark: { type: 'bar', color: '#0072B2' },
    encoding: {
      x: { field: 'band', type: 'ordinal', title: 'Response rate (% of staff)', sort: { field: 'order' } },
      y: { field: 'organizations', type: 'quantitative', title: 'Organizations (count)', axis: { tickMinStep: 1 } },
    },
  };
}
