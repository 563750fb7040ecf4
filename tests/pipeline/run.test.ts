// The whole pipeline on real databases: the same synthetic study on SQLite and PostgreSQL
// gives byte-identical results.json apart from the `run` block, two runs on the same data
// are byte-identical likewise, every estimate carries DESIGN.md's fields, and nothing
// computed from fewer than k respondents is released.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import type { Estimate, Results } from '../../pipeline/results.js';
import { runPipeline } from '../../pipeline/run.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';

const STUDY = { orgs: 24, staffMin: 2, staffMax: 30, seed: 7 };
const FIELDS = ['id', 'label', 'population', 'n', 'n_orgs', 'estimate', 'ci_low', 'ci_high', 'p', 'method', 'confirmatory', 'suppressed'];

interface Run {
  text: string;
  results: Results;
  log: string[];
}

const withoutRun = (text: string) => {
  const { run: _run, ...rest } = JSON.parse(text) as Results;
  return JSON.stringify(rest);
};

const byDialect = new Map<string, Run[]>();
const databases: TestDatabase[] = [];

beforeAll(async () => {
  for (const dialect of DIALECTS) {
    const t = await createTestDatabase(dialect);
    databases.push(t);
    const { waveId } = await writeSyntheticStudy(t.handle.db, STUDY);
    const runs: Run[] = [];
    for (let i = 0; i < 2; i++) {
      const log: string[] = [];
      const dir = tempDir();
      // A different clock each run: only `run` may change.
      const { path } = await runPipeline({ waveId, outDir: dir }, { db: t.handle.db, log: (l) => log.push(l), clock: () => new Date(Date.UTC(2026, 10, 1 + i, 12)) });
      const text = fs.readFileSync(path, 'utf8');
      runs.push({ text, results: JSON.parse(text) as Results, log });
    }
    byDialect.set(dialect, runs);
  }
}, 120_000);

afterAll(async () => {
  for (const t of databases) await t.destroy();
});

describe.each(DIALECTS)('pipeline on %s', (dialect) => {
  it('is deterministic: two runs differ only in the run block', () => {
    const [a, b] = byDialect.get(dialect)!;
    expect(a.text).not.toBe(b.text);
    expect(withoutRun(a.text)).toBe(withoutRun(b.text));
    expect(a.results.run.data_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(a.results.run.data_fingerprint).toBe(b.results.run.data_fingerprint);
    expect(a.results.run).toMatchObject({ k: 5, instrument_versions: ['synthetic'], generated_on: '2026-11-01T12:00:00.000Z' });
  });

  it('gives every estimate the DESIGN.md fields, and a value or a reason', () => {
    const r = byDialect.get(dialect)![0].results;
    const all: Estimate[] = [...r.measurement, ...r.confirmatory, ...r.exploratory];
    expect(r.confirmatory.map((e) => e.id)).toEqual(['H1.sat_diff', 'H2.sep_rate_ratio', 'H3.itl_diff', 'H4.orientation_diff', 'H5.sat_interaction']);
    for (const e of all) {
      for (const f of FIELDS) expect(e, `${e.id}.${f}`).toHaveProperty(f);
      if (e.estimate === null) expect(e.note, e.id).toMatch(/Suppressed|Not estimable/);
      if (e.suppressed) expect([e.estimate, e.ci_low, e.ci_high, e.p]).toEqual([null, null, null, null]);
      if (!e.confirmatory && e.p !== null) expect(e.p_holm!).toBeGreaterThanOrEqual(e.p);
      if (e.ci_low !== null && e.estimate !== null) expect(e.ci_low).toBeLessThanOrEqual(e.estimate);
    }
    expect(r.exploratory.filter((e) => e.p !== null).length).toBeGreaterThan(10);
    expect(r.study.thresholds).toEqual({ organizing: 0.5, mobilizing: -0.5, integrated_mean: 3.5, tolerance: 1e-9 });
  });

  it('releases nothing about organizations or groups under k', () => {
    const r = byDialect.get(dialect)![0].results;
    // A count of 1..k−1 respondents is itself withheld: the small organizations are those without one.
    const small = r.organizations.filter((o) => o.respondents === null);
    expect(small.length).toBeGreaterThan(0);
    for (const o of r.organizations) if (o.respondents !== null) expect(o.respondents === 0 || o.respondents >= 5).toBe(true);
    for (const o of small) {
      expect(o.reportable).toBe(false);
      expect([o.orientation_index, o.organizing_score, o.orientation_type, o.orientation_percentile]).toEqual([null, null, null, null]);
      expect(Object.values(o.scales).every((v) => v === null)).toBe(true);
      expect(Object.values(o.bridge).every((b) => b.mean === null && b.counts === null)).toBe(true);
    }
    const codes = new Set(small.map((o) => o.code));
    expect(r.series.orientation_map.some((p) => codes.has(p.code))).toBe(false);
    for (const series of r.series.outcome_by_type_race) {
      for (const g of series.groups) if (g.n !== null && g.n > 0 && g.n < 5) expect(g).toMatchObject({ mean: null, suppressed: true });
    }
    for (const c of r.series.survival) {
      if (!c.suppressed) for (const p of c.points) expect(p.at_risk).toBeGreaterThanOrEqual(5);
    }
    expect(r.omissions.filter((o) => /fewer than k = 5 respondents/.test(o.why)).map((o) => o.what.replace('organization ', '')).sort()).toEqual([...codes].sort());
  });

  it('keeps identifying details out: codes, not names or ids', () => {
    const text = byDialect.get(dialect)![0].text;
    expect(text).not.toMatch(/Synthetic organization \d/);
    const r = JSON.parse(text) as Results;
    for (const o of r.organizations) expect(o.code).toMatch(/^ORG-/);
  });
});

describe('SQLite and PostgreSQL', () => {
  it.runIf(DIALECTS.length === 2)('give byte-identical results.json apart from the run block', () => {
    const [sqlite, postgres] = DIALECTS.map((d) => byDialect.get(d)![0]);
    expect(withoutRun(postgres.text)).toBe(withoutRun(sqlite.text));
    expect(postgres.results.run.data_fingerprint).toBe(sqlite.results.run.data_fingerprint);
  });
});
