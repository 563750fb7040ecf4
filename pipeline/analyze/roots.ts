// Exploratory: the other roots (culture, leadership commitment to community building,
// decision making, organizing valued) against satisfaction and intent to leave — Pearson
// correlations with Fisher-z CIs, and their coefficients when added to the H5 model.
import type { ScaleId } from '../../instrument/codebook.js';
import type { ScoredWave } from '../aggregate.js';
import { pearsonCI } from '../stats/index.js';
import { CR2_HEADLINE, clusterDetails, headline } from './clustered.js';
import { attempt, countDistinct, draft, type Base, type Draft } from './estimate.js';
import { fitH5, h5Design } from './interaction.js';
import { countWhere, gather, scratch, select } from './select.js';

const ROOTS: { id: ScaleId; label: string }[] = [
  { id: 'cul', label: 'culture and belonging' },
  { id: 'lcb', label: 'leadership commitment to community building' },
  { id: 'dec', label: 'inclusive decision making' },
  { id: 'val', label: 'organizing valued as much as other programs' },
];
const OUTCOMES: { id: ScaleId; label: string }[] = [
  { id: 'sat', label: 'satisfaction' },
  { id: 'itl', label: 'intent to leave' },
];

export function rootCorrelations(sw: ScoredWave): Draft[] {
  return ROOTS.flatMap((root) =>
    OUTCOMES.map((out) => {
      const base: Base = {
        id: `E.roots.${root.id}_${out.id}`,
        label: `Correlation of ${root.label} with ${out.label}`,
        population: 'all respondents with both scores',
        method: 'Pearson correlation, Fisher-z 95% CI, t test on n − 2 df (respondents treated as independent, so p is optimistic under clustering). Exploratory: p Holm-adjusted with the other exploratory tests.',
        confirmatory: false,
        scale: 'correlation',
      };
      const x = sw.scores[root.id];
      const y = sw.scores[out.id];
      const idx = select(sw, { scored: [x, y] }, { transient: true });
      const nOrgs = countDistinct(sw.data.org, idx);
      return attempt(base, idx.length, nOrgs, idx.length, () => {
        const buffers = scratch(sw);
        const r = pearsonCI(gather(x, idx, buffers.f64(0)), gather(y, idx, buffers.f64(1)));
        return draft(base, { n: r.n, n_orgs: nOrgs, estimate: r.r, ci_low: r.ciLow, ci_high: r.ciHigh, p: r.p }, r.n, { t: r.t, df: r.df });
      });
    }),
  );
}

export function rootsInH5(sw: ScoredWave): Draft[] {
  const rootCols = ROOTS.map((r) => sw.scores[r.id]);
  const d = h5Design(sw, { names: ROOTS.map((r) => r.id), columns: rootCols });
  const nOrgs = countDistinct(sw.data.org, d.idx);
  const pocN = countWhere(sw.data.poc, d.idx, 1);
  const minGroup = Math.min(pocN, d.idx.length - pocN);
  const bases: Base[] = ROOTS.map((r) => ({
    id: `E.h5_roots.${r.id}`,
    label: `Satisfaction of organizers per point of ${r.label}, in the H5 model`,
    population: 'organizers with a race answer and every root scored, in organizations with an orientation index from at least k respondents',
    method: `The H5 model (index × poc + tenure) with the four other roots added; ${CR2_HEADLINE}. Exploratory: p Holm-adjusted with the other exploratory tests.`,
    confirmatory: false,
    scale: 'coefficient',
  }));
  let fit: ReturnType<typeof fitH5> | null = null;
  return bases.map((base, j) =>
    attempt(base, d.idx.length, nOrgs, minGroup, () => {
      fit ??= fitH5(d);
      const { values, cr2, cr1 } = headline(fit, 5 + j);
      return draft(base, values, minGroup, clusterDetails(cr2, cr1));
    }),
  );
}
