// results.csv of a second wave: one row per estimate per wave, with a `wave` column — this
// wave's estimates and scale means, the earlier wave's values exactly as its release
// published them, and the changes — and no count under k in any row. SQLite.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../pipeline/results.js';
import { parseResults } from '../../../reports/schema.js';
import { readCsv } from '../../exchange/export/table-schema.js';
import { wavesFixture, type WavesFixture } from './fixture.js';

describe('results.csv across waves', () => {
  let f: WavesFixture;
  let wave1: Results;
  let wave2: Results;
  let rows: Record<string, string>[];
  let dir: string;
  beforeAll(async () => {
    f = await wavesFixture('sqlite', { orgs: 20, staffMin: 3, staffMax: 20, seed: 9 }, { waves: 2 });
    wave1 = await f.publish(0);
    const run = await f.run(1);
    wave2 = run.results;
    dir = run.dir;
    rows = readCsv(path.join(run.dir, 'exports', 'results.csv'));
  }, 120_000);
  afterAll(async () => f?.destroy());

  it('names the wave of every row, and gives each trend measure one row per wave', () => {
    const [w1, w2] = f.study.waves;
    expect(new Set(rows.map((r) => r.wave))).toEqual(new Set([w1.waveId, w2.waveId]));
    for (const s of wave2.trends!.series) {
      const current = rows.filter((r) => r.id === s.id && r.wave === w2.waveId && r.section !== 'trends');
      const earlier = rows.filter((r) => r.id === s.id && r.wave === w1.waveId && r.section === 'trends');
      expect(current.length, s.id).toBe(1);
      expect(earlier.length, s.id).toBe(1);
      const published = s.kind === 'scale' ? wave1.scale_means!.find((e) => e.id === s.id)! : wave1.confirmatory.find((e) => e.id === s.id)!;
      if (published.estimate === null) expect(earlier[0].estimate).toBe('');
      else expect(Number(earlier[0].estimate)).toBeCloseTo(published.estimate, 10);
      expect(earlier[0].wave_name).toBe('Wave 1');
      const change = rows.find((r) => r.id === `${s.id}.change`)!;
      expect(change.wave).toBe(w2.waveId);
      expect(change.section).toBe('trend_changes');
    }
  });

  it("passes the reports' results contract with trends, organizations' trends and scale means", () => {
    const parsed = parseResults(JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')));
    expect(parsed.trends!.series.length).toBe(13);
    expect(parsed.organizations.some((o) => o.trend && o.trend.measures.length === 8)).toBe(true);
    expect(parsed.scale_means!.map((e) => e.id)).toEqual(['scale.org', 'scale.mob', 'scale.cul', 'scale.lcb', 'scale.dec', 'scale.val', 'scale.sat', 'scale.itl']);
    expect(Object.keys(parsed.codebook!.item_versions)).toContain('sat_2r');
    // A hand-edited file with a bad verdict is refused with the field named.
    const bad = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    bad.trends.series[0].change.verdict = 'much better';
    expect(() => parseResults(bad)).toThrow(/trends\.series\.0\.change\.verdict/);
  });

  it('has no n of 1..k−1 and no n on a withheld row', () => {
    const k = wave2.study.k;
    for (const r of rows) {
      if (r.n === '') continue;
      const n = Number(r.n);
      expect(n === 0 || n >= k, `${r.section} ${r.id}: n ${n}`).toBe(true);
      expect(r.suppressed, r.id).toBe('0');
    }
  });
});
