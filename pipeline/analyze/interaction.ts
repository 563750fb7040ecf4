// H5: organizers' satisfaction ~ organization orientation index × poc + tenure, CR1 by
// organization with t on G − 1 df; a variant adds log organization size (profile headcount,
// or respondents when there is no usable profile, and it says how many of each).
import type { ScoredWave } from '../aggregate.js';
import { olsClustered, type OlsClusteredResult } from '../stats/index.js';
import { attempt, countDistinct, draft, notEstimable, type Base, type Draft } from './estimate.js';
import { isOrganizer, select } from './select.js';

export const H5_BASE: Base = {
  id: 'H5.sat_interaction',
  label: 'Satisfaction of organizers: interaction of organization orientation index × person of color',
  population: 'organizers with a race answer, in organizations with an orientation index from at least k respondents',
  method: 'OLS of satisfaction (1–7) on organization orientation index, poc, index × poc and tenure (years); CR1 standard errors clustered by organization, t with G−1 df. Variant adds log organization size.',
  confirmatory: true,
  scale: 'coefficient',
};

const VARIANT_BASE: Base = { ...H5_BASE, id: 'H5.sat_interaction_size', label: 'H5 with log organization size added', method: H5_BASE.method.replace('Variant adds', 'This variant adds') };

export interface H5Design {
  idx: number[];
  y: number[];
  X: number[][];
  clusters: number[];
  names: string[];
}

/** The H5 design; `extra` appends columns (log size, other roots) for variants. */
export function h5Design(sw: ScoredWave, extra: { names: string[]; values: (i: number) => number[] | null } = { names: [], values: () => [] }): H5Design {
  const sat = sw.scores.sat;
  const idx: number[] = [];
  const X: number[][] = [];
  for (const i of select(sw, (j) => isOrganizer(sw, j) && sw.data.poc[j] >= 0 && sw.data.tenure[j] >= 0 && !Number.isNaN(sat[j]) && !Number.isNaN(sw.orgIndex[j]))) {
    const more = extra.values(i);
    if (more === null) continue;
    const index = sw.orgIndex[i];
    const poc = sw.data.poc[i];
    idx.push(i);
    X.push([1, index, poc, index * poc, sw.data.tenure[i], ...more]);
  }
  return { idx, y: idx.map((i) => sat[i]), X, clusters: idx.map((i) => sw.data.org[i]), names: ['intercept', 'index', 'poc', 'index_x_poc', 'tenure', ...extra.names] };
}

export function fitH5(d: H5Design): OlsClusteredResult {
  return olsClustered(d.y, d.X, d.clusters, d.names);
}

export function interaction(sw: ScoredWave): Draft {
  const d = h5Design(sw);
  const nOrgs = countDistinct(sw.data.org, d.idx);
  const pocN = d.idx.filter((i) => sw.data.poc[i] === 1).length;
  const minGroup = Math.min(pocN, d.idx.length - pocN);
  if (pocN === 0 || pocN === d.idx.length) {
    return notEstimable(H5_BASE, d.idx.length, nOrgs, `organizers of ${pocN === 0 ? 'color' : 'no color (white organizers)'} are missing, so the interaction has no contrast`, minGroup);
  }
  return attempt(H5_BASE, d.idx.length, nOrgs, minGroup, () => {
    const fit = fitH5(d);
    const c = fit.clustered[3];
    return draft(H5_BASE, { n: fit.n, n_orgs: fit.nClusters, estimate: c.estimate, ci_low: c.ciLow, ci_high: c.ciHigh, p: c.p }, minGroup, {
      se_cr1: c.se,
      t: c.statistic,
      df: c.df,
      slope_index_white: fit.clustered[1].estimate,
      slope_index_poc: fit.clustered[1].estimate + c.estimate,
      r_squared: fit.rSquared,
      with_log_size: sizeVariant(sw, minGroup).estimate,
    });
  });
}

function sizeVariant(sw: ScoredWave, minGroup: number): Draft {
  let fromProfile = 0;
  let fromRespondents = 0;
  const counted = new Set<number>();
  const d = h5Design(sw, {
    names: ['log_size'],
    values: (i) => {
      const o = sw.orgs[sw.data.org[i]];
      const head = o.facts?.headcount;
      const useProfile = head != null && head > 0 && head >= o.rec.respondents;
      if (!counted.has(sw.data.org[i])) {
        counted.add(sw.data.org[i]);
        if (useProfile) fromProfile++;
        else fromRespondents++;
      }
      return [Math.log(useProfile ? head : o.rec.respondents)];
    },
  });
  const nOrgs = counted.size;
  return attempt(VARIANT_BASE, d.idx.length, nOrgs, minGroup, () => {
    const fit = fitH5(d);
    const c = fit.clustered[3];
    return draft(VARIANT_BASE, { n: fit.n, n_orgs: fit.nClusters, estimate: c.estimate, ci_low: c.ciLow, ci_high: c.ciHigh, p: c.p }, minGroup, {
      log_size_coefficient: fit.clustered[5].estimate,
      size_from_profile_headcount: fromProfile,
      size_from_respondents: fromRespondents,
    });
  });
}
