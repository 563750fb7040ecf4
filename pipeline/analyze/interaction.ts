// H5: organizers' satisfaction ~ organization orientation index × poc + tenure, CR2 by
// organization with Satterthwaite df (CR1 with t on G − 1 df alongside); a variant adds log
// organization size as DESIGN.md defines it — log of the sum of the profile's mean headcounts
// over its six staff groups — or log respondents when the profile has no usable headcount for
// every group, and says how many organizations took each.
import { STAFF_GROUPS } from '../../data/database.js';
import type { OrgAggregate, ScoredWave } from '../aggregate.js';
import { olsClusteredColumns, type OlsClusteredResult } from '../stats/index.js';
import { CR2_HEADLINE, clusterDetails, headline } from './clustered.js';
import { attempt, countDistinct, draft, notEstimable, type Base, type Draft } from './estimate.js';
import { countWhere, gather, gatherOrgs, ones, ORGANIZER, selectInOrgs, type Selection } from './select.js';

export const H5_BASE: Base = {
  id: 'H5.sat_interaction',
  label: 'Satisfaction of organizers: interaction of organization orientation index × person of color',
  population: 'organizers with a race answer, in organizations with an orientation index from at least k respondents',
  method: `OLS of satisfaction (1–7) on organization orientation index, poc, index × poc and tenure (years); ${CR2_HEADLINE}. Variant adds log organization size.`,
  confirmatory: true,
  scale: 'coefficient',
};

const VARIANT_BASE: Base = {
  ...H5_BASE,
  id: 'H5.sat_interaction_size',
  label: 'H5 with log organization size added',
  method: H5_BASE.method.replace(
    'Variant adds log organization size.',
    'This variant adds log organization size: log of the sum over the six staff groups of the profile\'s mean headcount ((start + end) / 2), or log respondents where the profile lacks a usable headcount for a group (details say how many of each).',
  ),
};

/**
 * Σ over the six staff groups of (start + end) / 2 from the profile; null unless every group's
 * turnover is usable (a group left out of facts.groups would make the sum too small).
 */
export function meanHeadcountTotal(o: OrgAggregate): number | null {
  const groups = o.facts?.groups;
  if (!groups) return null;
  let total = 0;
  for (const g of STAFF_GROUPS) {
    const t = groups[g];
    if (!t) return null;
    total += t.meanHeadcount;
  }
  return total > 0 ? total : null;
}

export interface H5Design {
  idx: Selection;
  y: Float64Array;
  /** Design columns: intercept, index, poc, index × poc, tenure, then the extra columns. */
  X: Float64Array[];
  clusters: Int32Array;
  names: string[];
}

/** Extra columns for variants, one value per respondent of the wave; NaN leaves the respondent out. */
export interface H5Extra {
  names: string[];
  columns: Float64Array[];
}

/** The H5 design; `extra` appends columns (log size, other roots) for variants. */
export function h5Design(sw: ScoredWave, extra: H5Extra = { names: [], columns: [] }): H5Design {
  const sat = sw.scores.sat;
  const idx = selectInOrgs(sw, (o) => o.type !== null, { role: ORGANIZER, poc: 'known', tenure: true, scored: [sat, sw.orgIndex, ...extra.columns] });
  const index = gather(sw.orgIndex, idx);
  const poc = gather(sw.data.poc, idx);
  // A plain loop: a typed array's map with a callback costs several times more per element.
  const interaction = new Float64Array(idx.length);
  for (let t = 0; t < idx.length; t++) interaction[t] = index[t] * poc[t];
  const more = extra.columns.map((col) => gather(col, idx));
  return {
    idx,
    y: gather(sat, idx),
    X: [ones(idx.length), index, poc, interaction, gather(sw.data.tenure, idx), ...more],
    clusters: gatherOrgs(sw, idx),
    names: ['intercept', 'index', 'poc', 'index_x_poc', 'tenure', ...extra.names],
  };
}

export function fitH5(d: H5Design): OlsClusteredResult {
  return olsClusteredColumns(d.y, d.X, d.clusters, d.names);
}

export function interaction(sw: ScoredWave): Draft {
  const d = h5Design(sw);
  const nOrgs = countDistinct(sw.data.org, d.idx);
  const pocN = countWhere(sw.data.poc, d.idx, 1);
  const minGroup = Math.min(pocN, d.idx.length - pocN);
  if (pocN === 0 || pocN === d.idx.length) {
    return notEstimable(H5_BASE, d.idx.length, nOrgs, `organizers of ${pocN === 0 ? 'color' : 'no color (white organizers)'} are missing, so the interaction has no contrast`, minGroup);
  }
  return attempt(H5_BASE, d.idx.length, nOrgs, minGroup, () => {
    const fit = fitH5(d);
    const { values, cr2, cr1 } = headline(fit, 3);
    return draft(H5_BASE, values, minGroup, {
      ...clusterDetails(cr2, cr1),
      slope_index_white: fit.classical[1].estimate,
      slope_index_poc: fit.classical[1].estimate + cr2.estimate,
      r_squared: fit.rSquared,
      with_log_size: sizeVariant(sw, minGroup).estimate,
    });
  });
}

function sizeVariant(sw: ScoredWave, minGroup: number): Draft {
  // Size is a per-organization value: computed once per organization, not per respondent.
  const headcounts = sw.orgs.map(meanHeadcountTotal);
  const logSize = Float64Array.from(sw.orgs, (o, g) => Math.log(headcounts[g] ?? o.rec.respondents));
  const perRespondent = new Float64Array(sw.data.n);
  sw.orgs.forEach((o, g) => perRespondent.fill(logSize[g], o.rec.start, o.rec.start + o.rec.respondents));
  const d = h5Design(sw, { names: ['log_size'], columns: [perRespondent] });
  // Each organization's respondents are contiguous: add an organization when it changes.
  const used = new Set<number>();
  for (let t = 0; t < d.clusters.length; t++) if (t === 0 || d.clusters[t] !== d.clusters[t - 1]) used.add(d.clusters[t]);
  const fromProfile = [...used].filter((g) => headcounts[g] !== null).length;
  const fromRespondents = used.size - fromProfile;
  const nOrgs = used.size;
  return attempt(VARIANT_BASE, d.idx.length, nOrgs, minGroup, () => {
    const fit = fitH5(d);
    const { values, cr2, cr1 } = headline(fit, 3);
    const size = fit.cr2[5];
    return draft(VARIANT_BASE, values, minGroup, {
      ...clusterDetails(cr2, cr1),
      log_size_coefficient: fit.classical[5].estimate,
      log_size_se_cr2: size?.se ?? null,
      log_size_p: size?.p ?? null,
      size_from_profile_headcount: fromProfile,
      size_from_respondents: fromRespondents,
    });
  });
}
