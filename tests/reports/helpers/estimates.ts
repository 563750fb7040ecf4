// Builds a results.json Estimate for unit tests, with every field the contract requires.
import type { Estimate } from '../../../pipeline/results.js';

export function est(over: Partial<Estimate> & { id: string }): Estimate {
  return {
    label: over.id,
    population: 'organizers of color',
    n: 120,
    n_orgs: 20,
    estimate: 0.5,
    ci_low: 0.2,
    ci_high: 0.8,
    p: 0.004,
    method: 'test',
    confirmatory: true,
    suppressed: false,
    scale: 'difference',
    ...over,
  };
}
