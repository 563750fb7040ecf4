// Log-rank test comparing survival across groups given as aggregated rows, as R
// survival::survdiff (rho = 0): observed and expected events per group, hypergeometric
// variance, chi-square (O − E)ᵀV⁻(O − E) on the first G − 1 groups with G − 1 df.

import { Matrix } from 'ml-matrix';
import { chiSquareUpperP } from './distributions.js';
import { StatsInputError } from './errors.js';
import { invertFullRank, matVec, dot } from './linear-algebra.js';
import type { SurvivalRow } from './survival-data.js';
import { normalizeSurvivalRows } from './survival-data.js';

export type LogRankTest = { observed: number[]; expected: number[]; n: number[]; statistic: number; df: number; p: number };

export function logRankTest(groups: readonly (readonly SurvivalRow[])[]): LogRankTest {
  const G = groups.length;
  if (G < 2) throw new StatsInputError(`the log-rank test compares at least 2 groups (got ${G})`);
  const data = groups.map((g) => normalizeSurvivalRows(g));
  const times = [...new Set(data.flatMap((g) => g.map((r) => r.time)))].sort((a, b) => a - b);
  const lookup = data.map((g) => new Map(g.map((r) => [r.time, r])));
  const atRisk = data.map((g) => g.reduce((s, r) => s + r.events + r.censored, 0));
  const n = [...atRisk];
  const observed = new Array<number>(G).fill(0);
  const expected = new Array<number>(G).fill(0);
  const V = Matrix.zeros(G, G);
  for (const t of times) {
    const d = lookup.map((m) => m.get(t)?.events ?? 0);
    const c = lookup.map((m) => m.get(t)?.censored ?? 0);
    const dTot = d.reduce((s, v) => s + v, 0);
    const nTot = atRisk.reduce((s, v) => s + v, 0);
    if (dTot > 0) {
      for (let g = 0; g < G; g++) {
        observed[g] += d[g];
        expected[g] += (dTot * atRisk[g]) / nTot;
      }
      if (nTot > 1) {
        const f = (dTot * (nTot - dTot)) / (nTot * nTot * (nTot - 1));
        for (let a = 0; a < G; a++) {
          for (let b = 0; b < G; b++) {
            V.set(a, b, V.get(a, b) + f * atRisk[a] * ((a === b ? nTot : 0) - atRisk[b]));
          }
        }
      }
    }
    for (let g = 0; g < G; g++) atRisk[g] -= d[g] + c[g];
  }
  if (observed.reduce((s, v) => s + v, 0) === 0) throw new StatsInputError('no events in any group, so survival curves cannot be compared');
  // V has rank G − 1 (rows sum to 0); drop the last group, as survdiff's generalized inverse does in effect.
  const k = G - 1;
  const Vk = V.subMatrix(0, k - 1, 0, k - 1);
  const diff = observed.slice(0, k).map((o, g) => o - expected[g]);
  const statistic = dot(diff, matVec(invertFullRank(Vk, 'the log-rank variance matrix'), diff));
  return { observed, expected, n, statistic, df: k, p: chiSquareUpperP(statistic, k) };
}
