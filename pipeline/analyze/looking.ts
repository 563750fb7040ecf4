// Exploratory: whether organizers of color are looking for another job, by a logistic
// regression on their organization's orientation index and tenure, CR1 by organization
// (clubSandwich's CR2 and Satterthwaite df are for linear models; the method says so).
import type { ScoredWave } from '../aggregate.js';
import { logisticClusteredColumns } from '../stats/index.js';
import { attempt, countDistinct, draft, type Base, type Draft } from './estimate.js';
import { countWhere, gather, gatherOrgs, ones, ORGANIZER, select } from './select.js';

const BASE: Base = {
  id: 'E.looking_index_or',
  label: 'Odds of looking for another job per point of organization orientation index (organizers of color)',
  population: 'organizers of color who answered `looking`, in organizations with an orientation index from at least k respondents',
  method: 'Logistic regression of looking (yes = 1) on organization orientation index and tenure; CR1 cluster-robust standard errors by organization (Stata\'s small-sample factor G/(G−1)·(N−1)/(N−K)) with z tests, not the CR2 and Satterthwaite df of the linear models; estimate and CI as odds ratios. Exploratory: p Holm-adjusted with the other exploratory tests.',
  confirmatory: false,
  scale: 'odds_ratio',
};

export function lookingModel(sw: ScoredWave): Draft {
  const idx = select(sw, { role: ORGANIZER, poc: 1, looking: true, tenure: true, scored: [sw.orgIndex] });
  const yes = countWhere(sw.data.looking, idx, 1);
  const nOrgs = countDistinct(sw.data.org, idx);
  const minGroup = Math.min(yes, idx.length - yes);
  return attempt(BASE, idx.length, nOrgs, minGroup, () => {
    const fit = logisticClusteredColumns(
      gather(sw.data.looking, idx),
      [ones(idx.length), gather(sw.orgIndex, idx), gather(sw.data.tenure, idx)],
      gatherOrgs(sw, idx),
      ['intercept', 'index', 'tenure'],
    );
    const c = fit.clustered[1];
    return draft(BASE, { n: fit.n, n_orgs: fit.nClusters, estimate: Math.exp(c.estimate), ci_low: Math.exp(c.ciLow), ci_high: Math.exp(c.ciHigh), p: c.p }, minGroup, {
      log_odds: c.estimate,
      se_cr1: c.se,
      looking_yes: yes,
      looking_no: idx.length - yes,
    });
  });
}
