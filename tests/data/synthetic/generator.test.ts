import { afterEach, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { NO_EFFECTS } from '../../../data/synthetic/params.js';
import { derivePoc } from '../../../instrument/codebook.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

async function dump(t: TestDatabase) {
  const db = t.handle.db;
  const responses = await db.selectFrom('responses').selectAll().orderBy('id').execute();
  const profiles = await db.selectFrom('org_profiles').selectAll().orderBy('organization_id').execute();
  const orgs = await db.selectFrom('organizations').select(['id', 'code', 'name']).orderBy('code').execute();
  return { responses, profiles, orgs };
}

for (const dialect of DIALECTS) {
  describe(`synthetic study generator (${dialect})`, () => {
    const dbs: TestDatabase[] = [];
    afterEach(async () => {
      await Promise.all(dbs.splice(0).map((d) => d.destroy()));
    });

    it('gives the same data for the same seed and different data for another seed', async () => {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestDatabase(dialect)));
      dbs.push(a, b, c);
      await writeSyntheticStudy(a.handle.db, { orgs: 12, staffMin: 2, staffMax: 15, seed: 7 });
      await writeSyntheticStudy(b.handle.db, { orgs: 12, staffMin: 2, staffMax: 15, seed: 7 });
      await writeSyntheticStudy(c.handle.db, { orgs: 12, staffMin: 2, staffMax: 15, seed: 8 });
      const [da, db_, dc] = await Promise.all([dump(a), dump(b), dump(c)]);
      expect(da.responses.length).toBeGreaterThan(0);
      expect(db_).toEqual(da);
      expect(dc.responses).not.toEqual(da.responses);
    });

    it('writes every codebook variable within its range, and sizes within --staff', async () => {
      const t = await createTestDatabase(dialect);
      dbs.push(t);
      const r = await writeSyntheticStudy(t.handle.db, { orgs: 20, staffMin: 2, staffMax: 9, seed: 3 });
      const rows = await t.handle.db.selectFrom('responses').selectAll().execute();
      expect(rows).toHaveLength(r.responses);
      const perOrg = new Map<string, number>();
      for (const row of rows) {
        perOrg.set(row.organization_id, (perOrg.get(row.organization_id) ?? 0) + 1);
        for (const item of ['org_1', 'mob_4', 'cul_2', 'itl_3'] as const) {
          if (row[item] !== null) expect(row[item]).toBeGreaterThanOrEqual(1), expect(row[item]).toBeLessThanOrEqual(5);
        }
        for (const item of ['sat_1', 'sat_2r', 'sat_3'] as const) {
          if (row[item] !== null) expect(row[item]).toBeGreaterThanOrEqual(1), expect(row[item]).toBeLessThanOrEqual(7);
        }
        expect(row.received_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect([...perOrg.values()].every((n) => n >= 2 && n <= 9)).toBe(true);
      expect(perOrg.size).toBe(20);
      // Groups under k exist (tiny organizations), as real studies have.
      expect([...perOrg.values()].some((n) => n < 5)).toBe(true);
    });

    it('keeps profile headcounts consistent: end = start + hires - separations, never negative', async () => {
      const t = await createTestDatabase(dialect);
      dbs.push(t);
      await writeSyntheticStudy(t.handle.db, { orgs: 25, staffMin: 5, staffMax: 30, seed: 11 });
      const profiles = await t.handle.db.selectFrom('org_profiles').selectAll().execute();
      expect(profiles.length).toBeGreaterThan(15);
      for (const p of profiles) {
        for (const g of ['organizer_poc', 'organizer_white', 'other_poc', 'other_white'] as const) {
          const start = p[`start_${g}`]!, hires = p[`hires_${g}`]!, sep = p[`sep_${g}`]!, end = p[`end_${g}`]!;
          expect(end).toBe(start + hires - sep);
          expect(sep).toBeLessThanOrEqual(start + hires);
          expect(end).toBeGreaterThanOrEqual(0);
        }
        expect(p.senior_poc!).toBeLessThanOrEqual(p.senior_total!);
      }
      const exits = await t.handle.db.selectFrom('profile_exits').selectAll().execute();
      const sepTotal = profiles.reduce((s, p) => s + p.sep_organizer_poc! + p.sep_organizer_white! + p.sep_organizer_unknown! + p.sep_other_poc! + p.sep_other_white! + p.sep_other_unknown!, 0);
      expect(exits.reduce((s, e) => s + e.count, 0)).toBe(sepTotal);
    });

    it('refuses a second study with the same name and writes nothing', async () => {
      const t = await createTestDatabase(dialect);
      dbs.push(t);
      await writeSyntheticStudy(t.handle.db, { orgs: 2, seed: 1, studyName: 'Same' });
      const before = await dump(t);
      await expect(writeSyntheticStudy(t.handle.db, { orgs: 2, seed: 2, studyName: 'Same' })).rejects.toThrow(/already exists/);
      expect(await dump(t)).toEqual(before);
    });
  });
}

describe('planted effects', () => {
  it('reports truths that follow the parameters, and none when no effect is planted', async () => {
    const t = await createTestDatabase('sqlite');
    const n = await createTestDatabase('sqlite');
    try {
      const planted = await writeSyntheticStudy(t.handle.db, { orgs: 150, staffMin: 5, staffMax: 20, seed: 5 });
      const none = await writeSyntheticStudy(n.handle.db, { orgs: 150, staffMin: 5, staffMax: 20, seed: 5, effects: NO_EFFECTS });
      expect(planted.truth.h1SatDiff!).toBeGreaterThan(0.5);
      expect(planted.truth.h3ItlDiff!).toBeLessThan(-0.3);
      expect(planted.truth.h2RateRatio!).toBeLessThan(0.8);
      expect(planted.truth.h4IndexDiff!).toBeGreaterThan(0.4);
      expect(none.truth.h1SatDiff).toBeCloseTo(0, 10);
      expect(none.truth.h3ItlDiff).toBeCloseTo(0, 10);
      expect(none.truth.h2RateRatio).toBeCloseTo(1, 10);
      expect(none.truth.h5Interaction).toBe(0);
      // Observed data move with the plant: organizers of color are more satisfied where the index is high.
      const rows = await t.handle.db.selectFrom('responses').select(['role', 'sat_1', 'race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena', 'race_white', 'race_self', 'race_decline', 'org_1', 'mob_1']).execute();
      const poc = rows.filter((r) => r.role === 'organizer' && derivePoc(r) === 1 && r.sat_1 !== null && r.org_1 !== null && r.mob_1 !== null);
      const hi = poc.filter((r) => r.org_1! - r.mob_1! >= 1).map((r) => r.sat_1!);
      const lo = poc.filter((r) => r.org_1! - r.mob_1! <= -1).map((r) => r.sat_1!);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(hi) - mean(lo)).toBeGreaterThan(0.3);
    } finally {
      await t.destroy();
      await n.destroy();
    }
  });
});
