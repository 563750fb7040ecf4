// Power and calibration by simulation: many studies drawn from the synthetic generator
// (data/synthetic), each run through the pipeline's own scoring and confirmatory analyses
// (aggregate → H1–H5, the code `rootwork pipeline` runs), tallying how often each test
// rejects at the 5% level. Pure and seeded: the same plan and seed give the same tallies.
// With the planted effects at 0 the share rejected is the test's type I error (calibration);
// with effects planted it is its power.
import { generateStudy } from '../../data/synthetic/generate.js';
import { DEFAULT_OPTIONS, type PlantedEffects } from '../../data/synthetic/params.js';
import { createRng } from '../../data/synthetic/rng.js';
import type { GeneratedOrg } from '../../data/synthetic/types.js';
import { aggregate } from '../aggregate.js';
import { H1_BASE, H3_BASE, organizerContrast } from '../analyze/contrast.js';
import { interaction } from '../analyze/interaction.js';
import { leadershipContrast } from '../analyze/leadership.js';
import { separationRatio } from '../analyze/separation.js';
import { DEFAULT_THRESHOLDS } from '../classify.js';
import type { Estimate } from '../results.js';
import { clopperPearson } from '../stats/index.js';
import { waveFromGenerated } from './generated-wave.js';

export interface PlannedStudy {
  orgs: number;
  staffMin: number;
  staffMax: number;
  effects: PlantedEffects;
  /** The wave's minimum group size (organizations under k leave the pooled analyses). */
  k: number;
  /** Share of organizations that fill their profile (H2, H4 and the H5 size variant need one). */
  profileRate: number;
}

export interface SimulationOptions {
  sims: number;
  seed: number;
  /** Called after each simulated study. */
  onProgress?: (done: number, total: number) => void;
}

/** One test of one hypothesis: how often it rejected, and in how many studies it could be computed. */
export interface TestTally {
  hypothesis: string;
  /** Estimate id in results.json. */
  id: string;
  test: string;
  headline: boolean;
  rejected: number;
  estimable: number;
  sims: number;
}

export interface SimulationResult {
  plan: PlannedStudy;
  sims: number;
  seed: number;
  alpha: number;
  tests: TestTally[];
  /** Mean over studies of H1's Hedges' g (the standardized size of the planted H1 effect), null when never estimable. */
  meanHedgesG: number | null;
}

export const ALPHA = 0.05;

/** Where each test's p lives in an estimate: the headline p, or a companion p in details. */
interface TestSpec {
  hypothesis: string;
  id: string;
  test: string;
  headline: boolean;
  p: (e: Estimate) => unknown;
}

const headlineP = (e: Estimate) => e.p;
const detailP = (key: string) => (e: Estimate) => e.details?.[key];

export const TESTS: TestSpec[] = [
  { hypothesis: 'H1', id: 'H1.sat_diff', test: 'CR2 + Satterthwaite df', headline: true, p: headlineP },
  { hypothesis: 'H1', id: 'H1.sat_diff', test: 'CR1, t(G−1)', headline: false, p: detailP('cr1_p') },
  { hypothesis: 'H1', id: 'H1.sat_diff', test: 'Welch (respondents independent)', headline: false, p: detailP('welch_p') },
  { hypothesis: 'H2', id: 'H2.sep_rate_ratio', test: 'Poisson Wald', headline: true, p: headlineP },
  { hypothesis: 'H2', id: 'H2.sep_rate_ratio', test: 'exact conditional', headline: false, p: detailP('exact_p') },
  { hypothesis: 'H3', id: 'H3.itl_diff', test: 'CR2 + Satterthwaite df', headline: true, p: headlineP },
  { hypothesis: 'H3', id: 'H3.itl_diff', test: 'CR1, t(G−1)', headline: false, p: detailP('cr1_p') },
  { hypothesis: 'H3', id: 'H3.itl_diff', test: 'Welch (respondents independent)', headline: false, p: detailP('welch_p') },
  { hypothesis: 'H4', id: 'H4.orientation_diff', test: 'Welch on organizations', headline: true, p: headlineP },
  { hypothesis: 'H5', id: 'H5.sat_interaction', test: 'CR2 + Satterthwaite df', headline: true, p: headlineP },
  { hypothesis: 'H5', id: 'H5.sat_interaction', test: 'CR1, t(G−1)', headline: false, p: detailP('cr1_p') },
];

/** The confirmatory estimates of one generated study, by the pipeline's own analyses (before disclosure). */
export function confirmatoryOf(generated: readonly GeneratedOrg[], k: number): Estimate[] {
  const sw = aggregate(waveFromGenerated(generated, k), k, DEFAULT_THRESHOLDS);
  return [organizerContrast(sw, 'sat', H1_BASE), separationRatio(sw), organizerContrast(sw, 'itl', H3_BASE), leadershipContrast(sw), interaction(sw)].map((d) => d.estimate);
}

/** Seed of study i: drawn from one stream seeded by `seed`, so studies are independent and reproducible. */
export function studySeeds(seed: number, sims: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: sims }, () => 1 + Math.floor(rng.uniform() * 0x7ffffffe));
}

export function simulate(plan: PlannedStudy, options: SimulationOptions): SimulationResult {
  const tallies: TestTally[] = TESTS.map((t) => ({ hypothesis: t.hypothesis, id: t.id, test: t.test, headline: t.headline, rejected: 0, estimable: 0, sims: options.sims }));
  let gSum = 0;
  let gN = 0;
  studySeeds(options.seed, options.sims).forEach((seed, s) => {
    const generated = [...generateStudy({ ...DEFAULT_OPTIONS, ...plan, seed }, { studyId: 'simulated', waveId: 'simulated' })];
    const byId = new Map(confirmatoryOf(generated, plan.k).map((e) => [e.id, e]));
    TESTS.forEach((t, j) => {
      const p = t.p(byId.get(t.id)!);
      if (typeof p !== 'number' || !Number.isFinite(p)) return;
      tallies[j].estimable += 1;
      if (p < ALPHA) tallies[j].rejected += 1;
    });
    const g = byId.get('H1.sat_diff')!.details?.hedges_g;
    if (typeof g === 'number') {
      gSum += g;
      gN += 1;
    }
    options.onProgress?.(s + 1, options.sims);
  });
  return { plan, sims: options.sims, seed: options.seed, alpha: ALPHA, tests: tallies, meanHedgesG: gN > 0 ? gSum / gN : null };
}

/** Share rejected among the studies where the test could be computed, with its 95% Clopper–Pearson interval. */
export function rejectionRate(t: TestTally): { rate: number | null; ciLow: number | null; ciHigh: number | null } {
  if (t.estimable === 0) return { rate: null, ciLow: null, ciHigh: null };
  const ci = clopperPearson(t.rejected, t.estimable);
  return { rate: t.rejected / t.estimable, ciLow: ci.low, ciHigh: ci.high };
}

/** Power: the share of all planned studies that reject (a study where the test cannot be computed is a miss), with its interval. */
export function power(t: TestTally): { rate: number; ciLow: number; ciHigh: number } {
  const ci = clopperPearson(t.rejected, t.sims);
  return { rate: t.rejected / t.sims, ciLow: ci.low, ciHigh: ci.high };
}

/** The generator's planted effects times a factor: 0 plants none, 1 the funder study's (data/synthetic/params.ts). */
export function scaledEffects(base: PlantedEffects, factor: number): PlantedEffects {
  return Object.fromEntries(Object.entries(base).map(([key, v]) => [key, v * factor])) as unknown as PlantedEffects;
}
