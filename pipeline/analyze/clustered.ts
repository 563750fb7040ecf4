// The headline of every linear model clustered by organization: CR2 (Bell–McCaffrey) with
// Satterthwaite degrees of freedom is what an estimate's ci_low, ci_high and p carry, since
// CR1 with t on G − 1 df rejects a true null too often when organizations are few or
// unbalanced; CR1 stays beside it in details so a reader can see what the correction changed.
import type { Estimate } from '../results.js';
import { identified, type Coefficient, type OlsClusteredResult } from '../stats/index.js';

/** The method text's clause for the headline inference. */
export const CR2_HEADLINE =
  'CR2 (Bell–McCaffrey) standard errors clustered by organization with Satterthwaite degrees of freedom, as R clubSandwich computes them, give the CI and p; CR1 (Stata\'s small-sample factor) with t on G−1 df alongside in details';

export interface Headline {
  values: { n: number; n_orgs: number; estimate: number; ci_low: number; ci_high: number; p: number };
  cr2: Coefficient;
  /** null when CR1 alone finds the coefficient fitted by one organization. */
  cr1: Coefficient | null;
}

/** Coefficient j's headline values; a StatsInputError when CR2 cannot give it an inference. */
export function headline(fit: OlsClusteredResult, j: number): Headline {
  const cr2 = identified(fit.cr2, j, fit.classical[j].name);
  return {
    values: { n: fit.n, n_orgs: fit.nClusters, estimate: cr2.estimate, ci_low: cr2.ciLow, ci_high: cr2.ciHigh, p: cr2.p },
    cr2,
    cr1: fit.clustered[j],
  };
}

/** The CR2 test statistic and df, and the whole CR1 inference, for an estimate's details. */
export function clusterDetails(cr2: Coefficient, cr1: Coefficient | null): NonNullable<Estimate['details']> {
  return {
    se_cr2: cr2.se,
    t: cr2.statistic,
    df: cr2.df,
    se_cr1: cr1?.se ?? null,
    cr1_t: cr1?.statistic ?? null,
    cr1_df: cr1?.df ?? null,
    cr1_p: cr1?.p ?? null,
    cr1_ci_low: cr1?.ciLow ?? null,
    cr1_ci_high: cr1?.ciHigh ?? null,
  };
}
