// H2: 12-month separation rates of organizers of color from organization profiles, pooled
// per orientation type (Σ separations / Σ mean headcount), and the organizing/mobilizing
// rate ratio: Poisson GLM with a log mean-headcount offset (Wald) as the headline, the
// exact conditional CI alongside. n is the separations; person-years are in details.
// Profiles are counts from organizations, not staff answers.
import chisquare from '@stdlib/stats-base-dists-chisquare';
import type { ScoredWave, OrgAggregate } from '../aggregate.js';
import type { GroupSummary, OrientationType } from '../results.js';
import { poissonRegression, rateRatio, StatsInputError } from '../stats/index.js';
import { attempt, draft, notEstimable, type Base, type Draft } from './estimate.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];

export const H2_BASE: Base = {
  id: 'H2.sep_rate_ratio',
  label: '12-month separation rate of organizers of color: organizing- / mobilizing-focused organizations',
  population: 'organizers of color, from the profiles of organizing- or mobilizing-focused organizations',
  method: 'Poisson GLM of separations with a log mean-headcount offset (one row per organization), Wald 95% CI on the log scale; exact conditional (binomial) CI of the pooled rate ratio alongside. Rates pool Σ separations / Σ mean headcount. n is the separations (events), left empty when they number 1 to k − 1; details.person_years is the exposure (Σ mean headcount over the 12 months).',
  confirmatory: true,
  scale: 'ratio',
};

interface OrgRate {
  org: OrgAggregate;
  separations: number;
  exposure: number;
}

function usable(sw: ScoredWave, type: OrientationType): OrgRate[] {
  const out: OrgRate[] = [];
  for (const o of sw.orgs) {
    const g = o.facts?.groups.organizer_poc;
    if (o.type !== type || !g || !(g.meanHeadcount > 0)) continue;
    out.push({ org: o, separations: g.separations, exposure: g.meanHeadcount });
  }
  return out;
}

const sum = (xs: OrgRate[], f: (r: OrgRate) => number) => xs.reduce((s, r) => s + f(r), 0);

export function separationRatio(sw: ScoredWave): Draft {
  const org = usable(sw, 'organizing');
  const mob = usable(sw, 'mobilizing');
  const rows = [...org, ...mob];
  // n is the separations (events) the ratio rests on, as DESIGN.md defines it; the exposure
  // in person-years (mean headcount over the 12 months) goes in details.
  const separations = sum(rows, (r) => r.separations);
  // A count of 1 to k − 1 departures is a count of a few people: n stays empty then.
  const n = separations > 0 && separations < sw.k ? null : separations;
  const personYears = sum(rows, (r) => r.exposure);
  const minGroup = Math.round(Math.min(sum(org, (r) => r.exposure), sum(mob, (r) => r.exposure)));
  if (org.length === 0 || mob.length === 0) {
    return notEstimable(H2_BASE, n, rows.length, `no profile with organizers of color among ${org.length === 0 ? 'organizing' : 'mobilizing'}-focused organizations`, minGroup);
  }
  return attempt(H2_BASE, n, rows.length, minGroup, () => {
    const fit = poissonRegression(
      rows.map((r) => r.separations),
      rows.map((r) => r.exposure),
      rows.map((r) => [1, r.org.type === 'organizing' ? 1 : 0]),
      ['intercept', 'organizing'],
    );
    const c = fit.coefficients[1];
    const e1 = sum(org, (r) => r.separations);
    const e0 = sum(mob, (r) => r.separations);
    const details: NonNullable<Draft['estimate']['details']> = {
      person_years: personYears,
      separations_organizing: e1,
      mean_headcount_organizing: sum(org, (r) => r.exposure),
      separations_mobilizing: e0,
      mean_headcount_mobilizing: sum(mob, (r) => r.exposure),
      wald_log_se: c.se,
      wald_z: c.statistic,
    };
    try {
      const exact = rateRatio(e1, sum(org, (r) => r.exposure), e0, sum(mob, (r) => r.exposure));
      Object.assign(details, { exact_ci_low: exact.exact.ciLow, exact_ci_high: exact.exact.ciHigh, exact_p: exact.exact.p });
    } catch (err) {
      if (!(err instanceof StatsInputError)) throw err;
      details.exact_note = `Exact CI not estimable: ${err.message}`;
    }
    return draft(H2_BASE, { n, n_orgs: rows.length, estimate: c.rateRatio, ci_low: c.rateRatioCiLow, ci_high: c.rateRatioCiHigh, p: c.p }, minGroup, details);
  });
}

/** Pooled rate per orientation type with an exact Poisson CI (chi-square quantiles). */
export function separationSeries(sw: ScoredWave): GroupSummary[] {
  return TYPES.map((type) => {
    const rows = usable(sw, type);
    const x = sum(rows, (r) => r.separations);
    const t = sum(rows, (r) => r.exposure);
    if (rows.length === 0 || !(t > 0)) return { group: type, n: 0, n_orgs: rows.length, mean: null, ci_low: null, ci_high: null, suppressed: false };
    return {
      group: type,
      n: Math.round(t),
      n_orgs: rows.length,
      mean: x / t,
      ci_low: x === 0 ? 0 : chisquare.quantile(0.025, 2 * x) / 2 / t,
      ci_high: chisquare.quantile(0.975, 2 * (x + 1)) / 2 / t,
      suppressed: false,
    };
  });
}
