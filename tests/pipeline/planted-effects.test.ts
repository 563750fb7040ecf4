// Planted effects at a realistic size (60 organizations, 5–40 staff): the pipeline's 95%
// CIs cover the generator's truths, signs and significance come out right, and with no
// effects planted nothing is "found". SQLite only: this checks the statistics, and
// run.test.ts shows that PostgreSQL gives byte-identical results.
//
// The truths are on the generator's latent scale. Answers are rounded and clamped to the
// response options, and the pipeline classifies organizations from staff means rather than
// their latent type, so estimates are slightly attenuated and a CI may miss for reasons
// beyond chance: we allow one miss in six per hypothesis (for a nominal 95% interval,
// two or more misses in six has probability 3%).
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EFFECTS, NO_EFFECTS, type PlantedEffects } from '../../data/synthetic/params.js';
import type { SyntheticTruth } from '../../data/synthetic/types.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import type { Estimate } from '../../pipeline/results.js';
import { runPipeline } from '../../pipeline/run.js';
import { holm } from '../../pipeline/stats/index.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../helpers/databases.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const t of opened) await t.destroy();
});

async function study(seed: number, effects: PlantedEffects): Promise<{ truth: SyntheticTruth; h: Record<string, Estimate> }> {
  const t = await createTestDatabase('sqlite');
  opened.push(t);
  // Durability is irrelevant for a throwaway test file; this keeps twelve studies quick.
  t.handle.sqlite!.pragma('synchronous = OFF');
  const r = await writeSyntheticStudy(t.handle.db, { orgs: 60, staffMin: 5, staffMax: 40, seed, effects });
  const { results } = await runPipeline({ waveId: r.waveId, outDir: tempDir() }, { db: t.handle.db, log: () => {} });
  return { truth: r.truth, h: Object.fromEntries(results.confirmatory.map((e) => [e.id.split('.')[0], e])) };
}

const covers = (e: Estimate, truth: number) => e.ci_low! <= truth && truth <= e.ci_high!;

describe('planted effects (60 organizations, 5–40 staff, seeds 1–6)', () => {
  it('covers the truths, with the right sign and significance', async () => {
    const runs = [];
    for (const seed of SEEDS) runs.push(await study(seed, DEFAULT_EFFECTS));
    const truths: Record<string, (t: SyntheticTruth) => number> = {
      H1: (t) => t.h1SatDiff!, H2: (t) => t.h2RateRatio!, H3: (t) => t.h3ItlDiff!, H4: (t) => t.h4IndexDiff!, H5: (t) => t.h5Interaction,
    };
    for (const [h, truthOf] of Object.entries(truths)) {
      const estimates = runs.map((r) => r.h[h]);
      for (const e of estimates) expect(e.suppressed, `${h} suppressed`).toBe(false);
      const misses = runs.filter((r) => !covers(r.h[h], truthOf(r.truth))).length;
      expect(misses, `${h}: CIs missing the truth`).toBeLessThanOrEqual(1);
    }
    for (const r of runs) {
      expect(r.h.H1.estimate!).toBeGreaterThan(0);
      expect(r.h.H3.estimate!).toBeLessThan(0);
      expect(r.h.H4.estimate!).toBeGreaterThan(0);
      expect(r.h.H5.estimate!).toBeGreaterThan(0);
      expect(r.h.H2.estimate!).toBeLessThan(1);
      for (const h of ['H1', 'H3', 'H4', 'H5']) expect(r.h[h].p!, `${h} significant`).toBeLessThan(0.05);
    }
    // Separations are few per organization, so H2 has the least power at this size.
    expect(runs.filter((r) => r.h.H2.p! < 0.05).length).toBeGreaterThanOrEqual(4);
  }, 180_000);

  it('finds nothing when no effect is planted', async () => {
    const runs = [];
    for (const seed of SEEDS) runs.push(await study(seed, NO_EFFECTS));
    for (const h of ['H1', 'H2', 'H3', 'H4', 'H5']) {
      const rejections = runs.filter((r) => r.h[h].p! < 0.05).length;
      // At a 5% level, 3 or more rejections in 6 null studies has probability 0.2%.
      expect(rejections, `${h} false positives`).toBeLessThanOrEqual(2);
    }
    for (const r of runs) {
      // Across the five confirmatory tests of one study, Holm keeps the family-wise rate at 5%.
      const adjusted = holm(['H1', 'H2', 'H3', 'H4', 'H5'].map((h) => r.h[h].p!));
      expect(Math.min(...adjusted)).toBeGreaterThanOrEqual(0.05);
      expect(r.truth.h5Interaction).toBe(0);
    }
  }, 180_000);
});
