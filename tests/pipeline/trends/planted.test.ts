// Planted wave-to-wave changes are recovered: the generator's second wave adds +0.5 to every
// respondent's latent satisfaction and −0.3 to intent to leave (data/synthetic/params.ts,
// PLANTED_WAVE_CHANGE); nothing else changes. Wave 1 is run and published, wave 2 is run:
// the real pipeline and publishing on SQLite and PostgreSQL. With nothing planted, nothing
// is found. One seed per case: 14 series at 95% each, so "nothing found" allows none among
// the planted scales and at most one chance verdict elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results, TrendSeries } from '../../../pipeline/results.js';
import { DIALECTS } from '../../helpers/databases.js';
import { wavesFixture, type WavesFixture } from './fixture.js';

const STUDY = { orgs: 50, staffMin: 5, staffMax: 30, seed: 11 };
const covers = (s: TrendSeries, truth: number) => s.change!.ci_low! <= truth && truth <= s.change!.ci_high!;
const series = (r: Results, id: string) => r.trends!.series.find((s) => s.id === id)!;

for (const dialect of DIALECTS) {
  describe(`planted changes between two waves (${dialect})`, () => {
    let f: WavesFixture;
    let wave1: Results;
    let wave2: Results;
    beforeAll(async () => {
      f = await wavesFixture(dialect, STUDY, { waves: 2, shift: { sat: 0.5, itl: -0.3 } });
      wave1 = await f.publish(0);
      wave2 = (await f.run(1)).results;
    }, 180_000);
    afterAll(async () => f?.destroy());

    it('has no trends for the first wave, and compares the second with the first as published', () => {
      expect(wave1.trends).toBeNull();
      const t = wave2.trends!;
      expect(t.waves.map((w) => w.wave_id)).toEqual([f.study.waves[0].waveId, f.study.waves[1].waveId]);
      expect(t.waves[0].release_id).not.toBeNull();
      expect(t.left_out).toEqual([]);
      // Every earlier point is the number the first release published, not a recomputation.
      for (const s of t.series) {
        const published = s.kind === 'scale' ? wave1.scale_means!.find((e) => e.id === s.id)! : wave1.confirmatory.find((e) => e.id === s.id)!;
        expect(s.points[0].estimate, s.id).toBe(published.estimate);
        expect(s.points[0].ci_low, s.id).toBe(published.ci_low);
      }
    });

    it('recovers the planted changes in satisfaction and intent to leave, all organizations and continuing ones', () => {
      const sat = series(wave2, 'scale.sat');
      const itl = series(wave2, 'scale.itl');
      expect(covers(sat, 0.5), JSON.stringify(sat.change)).toBe(true);
      expect(sat.change!.verdict).toBe('higher');
      expect(covers(itl, -0.3), JSON.stringify(itl.change)).toBe(true);
      expect(itl.change!.verdict).toBe('lower');
      const c = sat.change_continuing!;
      expect(c.ci_low! <= 0.5 && 0.5 <= c.ci_high!, JSON.stringify(c)).toBe(true);
      expect(c.verdict).toBe('higher');
      expect(series(wave2, 'scale.itl').change_continuing!.verdict).toBe('lower');
    });

    it('finds no change where none was planted (orientation, the other roots, the confirmatory estimates)', () => {
      const others = wave2.trends!.series.filter((s) => s.id !== 'scale.sat' && s.id !== 'scale.itl');
      expect(others.length).toBe(11);
      for (const s of others) {
        expect(s.change, s.id).not.toBeNull();
        expect(s.not_compared).toBeNull();
      }
      const found = others.filter((s) => s.change!.verdict !== 'about the same').map((s) => s.id);
      expect(found.length, found.join(', ')).toBeLessThanOrEqual(1);
      // Confirmatory truths move only with the organizations' make-up: the CI of the change covers it.
      const [t1, t2] = f.study.waves.map((w) => w.truth);
      expect(covers(series(wave2, 'H1.sat_diff'), t2.h1SatDiff! - t1.h1SatDiff!)).toBe(true);
      expect(covers(series(wave2, 'H3.itl_diff'), t2.h3ItlDiff! - t1.h3ItlDiff!)).toBe(true);
    });

    it("gives organizations reportable in both waves their own change, which mostly covers the planted one", () => {
      const withTrend = wave2.organizations.filter((o) => o.trend);
      expect(withTrend.length).toBeGreaterThan(20);
      const sat = withTrend.map((o) => o.trend!.measures.find((m) => m.id === 'scale.sat')!.change).filter((c) => c.estimate !== null);
      const covered = sat.filter((c) => c.ci_low! <= 0.5 && 0.5 <= c.ci_high!).length;
      expect(covered / sat.length).toBeGreaterThan(0.85);
      for (const o of withTrend) expect(o.trend!.previous_wave_id).toBe(f.study.waves[0].waveId);
    });
  });
}

describe('no planted change (sqlite)', () => {
  let f: WavesFixture;
  let wave2: Results;
  beforeAll(async () => {
    f = await wavesFixture('sqlite', { ...STUDY, seed: 12 }, { waves: 2, shift: { sat: 0, itl: 0 } });
    await f.publish(0);
    wave2 = (await f.run(1)).results;
  }, 180_000);
  afterAll(async () => f?.destroy());

  it('finds nothing: satisfaction and intent to leave about the same, at most one chance verdict overall', () => {
    expect(series(wave2, 'scale.sat').change!.verdict).toBe('about the same');
    expect(series(wave2, 'scale.itl').change!.verdict).toBe('about the same');
    expect(covers(series(wave2, 'scale.sat'), 0)).toBe(true);
    const found = wave2.trends!.series.filter((s) => s.change && s.change.verdict !== 'about the same').map((s) => s.id);
    expect(found.length, found.join(', ')).toBeLessThanOrEqual(1);
  });
});
