// H1 and H3: an outcome of organizers of color in organizing- versus mobilizing-focused
// organizations. Headline: OLS on an organizing-focused indicator with CR2 (Bell–McCaffrey)
// standard errors clustered by organization and Satterthwaite df, which hold their level
// with few or unbalanced organizations; CR1 with t on G − 1 df, Welch, Hedges' g and group
// means alongside.
import type { ScaleId } from '../../instrument/codebook.js';
import type { ScoredWave } from '../aggregate.js';
import { hedgesG, olsClusteredColumns, StatsInputError, welchTTest } from '../stats/index.js';
import { CR2_HEADLINE, clusterDetails, headline } from './clustered.js';
import { attempt, countDistinct, draft, groupSummary, notEstimable, type Base, type Draft } from './estimate.js';
import { gather, gatherOrgs, keepWhere, ones, ORGANIZER, selectInOrgs } from './select.js';

export function organizerContrast(sw: ScoredWave, outcome: ScaleId, base: Base): Draft {
  const y = sw.scores[outcome];
  const idx = selectInOrgs(sw, (o) => o.type === 'organizing' || o.type === 'mobilizing', { role: ORGANIZER, poc: 1, scored: [y] });
  const inOrg = keepWhere(sw.organizing, idx, 1);
  const inMob = keepWhere(sw.organizing, idx, 0);
  const nOrgs = countDistinct(sw.data.org, idx);
  const minGroup = Math.min(inOrg.length, inMob.length);
  if (inOrg.length === 0 || inMob.length === 0) {
    return notEstimable(base, idx.length, nOrgs, `no organizers of color with a score in ${inOrg.length === 0 ? 'organizing' : 'mobilizing'}-focused organizations`, minGroup);
  }
  return attempt(base, idx.length, nOrgs, minGroup, () => {
    const fit = olsClusteredColumns(gather(y, idx), [ones(idx.length), gather(sw.organizing, idx)], gatherOrgs(sw, idx), ['intercept', 'organizing']);
    const { values, cr2, cr1 } = headline(fit, 1);
    const x1 = gather(y, inOrg);
    const x0 = gather(y, inMob);
    const details: NonNullable<Draft['estimate']['details']> = {
      ...clusterDetails(cr2, cr1),
      groups: [
        groupSummary('organizing', x1, countDistinct(sw.data.org, inOrg), gatherOrgs(sw, inOrg)),
        groupSummary('mobilizing', x0, countDistinct(sw.data.org, inMob), gatherOrgs(sw, inMob)),
      ],
    };
    Object.assign(details, companion(x1, x0));
    return draft(base, values, minGroup, details);
  });
}

/** Welch and Hedges' g; each is reported as null with a note when its own inputs are degenerate. */
function companion(x1: Float64Array, x0: Float64Array): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  try {
    const w = welchTTest(x1, x0);
    Object.assign(out, { welch_difference: w.difference, welch_t: w.t, welch_df: w.df, welch_p: w.p, welch_ci_low: w.ciLow, welch_ci_high: w.ciHigh });
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    out.welch_note = `Welch not estimable: ${err.message}`;
  }
  try {
    const g = hedgesG(x1, x0);
    Object.assign(out, { hedges_g: g.g, hedges_g_ci_low: g.ciLow, hedges_g_ci_high: g.ciHigh });
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    out.hedges_g_note = `Hedges' g not estimable: ${err.message}`;
  }
  return out;
}

export const H1_BASE: Base = {
  id: 'H1.sat_diff',
  label: 'Satisfaction of organizers of color: organizing- minus mobilizing-focused organizations',
  population: 'organizers of color in organizing- or mobilizing-focused organizations',
  method: `OLS of satisfaction (1–7) on an organizing-focused indicator; ${CR2_HEADLINE}; Welch t test and Hedges' g (respondents treated as independent) alongside.`,
  confirmatory: true,
  scale: 'difference',
};

export const H3_BASE: Base = {
  id: 'H3.itl_diff',
  label: 'Intent to leave of organizers of color: organizing- minus mobilizing-focused organizations',
  population: 'organizers of color in organizing- or mobilizing-focused organizations',
  method: `OLS of the intent-to-leave scale (1–5) on an organizing-focused indicator; ${CR2_HEADLINE}; Welch t test and Hedges' g (respondents treated as independent) alongside.`,
  confirmatory: true,
  scale: 'difference',
};
