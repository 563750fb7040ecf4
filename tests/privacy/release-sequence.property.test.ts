// Property on real databases: over random small synthetic studies and random sequences of
// late responses, reruns and k raises — each run given the ledger of every earlier one —
// no published group differs from a group published earlier (or in the same release, when
// nested) by 1..k−1, no published count is under k, and the same data at a higher k
// withholds a superset.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { insertResponses } from '../../data/repositories/responses.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import type { LedgerRelease } from '../../pipeline/release/index.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { differingPairs, published, response, run } from './release-helpers.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const t of databases) await t.destroy();
});

const step = fc.oneof(
  fc.record({ kind: fc.constant('late' as const), org: fc.nat(), count: fc.integer({ min: 1, max: 3 }), sat: fc.integer({ min: 1, max: 7 }) }),
  fc.record({ kind: fc.constant('k' as const), raise: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('rerun' as const) }),
);

describe.each(DIALECTS)('releases over time on %s', (dialect) => {
  it('never publish a group 1..k−1 away from an earlier one, nor a count under k', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), fc.array(step, { minLength: 2, maxLength: 4 }), async (seed, steps) => {
        const t = await createTestDatabase(dialect);
        databases.push(t);
        const db = t.handle.db;
        const { waveId } = await writeSyntheticStudy(db, { orgs: 6, staffMin: 3, staffMax: 14, seed });
        const orgs = await db.selectFrom('organizations').select('id').orderBy('code').execute();
        let k = 5;
        const ledger: LedgerRelease[] = [];
        const all: { k: number; fingerprint: string; withheld: string[]; groups: { key: string; n: number }[] }[] = [];
        for (const [i, s] of [{ kind: 'rerun' as const }, ...steps].entries()) {
          if (s.kind === 'late') await insertResponses(db, Array.from({ length: s.count }, () => response(waveId, orgs[s.org % orgs.length].id, { sat_1: s.sat, sat_3: s.sat })));
          if (s.kind === 'k') k += s.raise;
          const r = await run(db, waveId, { k, ledger: [...ledger] });
          for (const g of r.groups.groups) expect(g.n).toBeGreaterThanOrEqual(k);
          expect(differingPairs(r.groups.groups, r.groups.groups, k)).toEqual([]);
          for (const before of all) {
            expect(differingPairs(r.groups.groups, before.groups, k)).toEqual([]);
            // An organization under k at the higher k is withheld whole and named nowhere (its exported rows included).
            const underK = r.results.organizations.filter((o) => !o.reportable).flatMap((o) => [`org/${o.code}/`, `[${o.code}]`]);
            // Still withheld, or now without any value at all (not estimable at the higher k).
            const valueless = (id: string) => [...r.results.confirmatory, ...r.results.exploratory, ...r.results.measurement, ...(r.results.scale_means ?? [])].some((e) => id.endsWith(`/${e.id}`) && e.estimate === null);
            if (before.fingerprint === r.groups.data_fingerprint) for (const id of before.withheld) if (!underK.some((p) => id.startsWith(p) || id.includes(p)) && !valueless(id)) expect(r.groups.withheld).toContain(id);
          }
          all.push({ k, fingerprint: r.groups.data_fingerprint, withheld: r.groups.withheld, groups: r.groups.groups });
          ledger.push(published(r, `r${i}`));
        }
        await t.destroy();
        databases.splice(databases.indexOf(t), 1);
      }),
      {
        numRuns: dialect === 'sqlite' ? 9 : 4,
        // Found by CI: at k = 6 H4's n (organizations) went under k and was blanked, which
        // took H4 out of the release pass, so a value withheld on the same data came back.
        // And a study-wide scale mean withheld at k = 6 with one organization left, which at
        // k = 7 has no organization and so no value at all.
        examples: [
          [99989, [{ kind: 'late', org: 4, count: 1, sat: 1 }, { kind: 'k', raise: 1 }, { kind: 'rerun' }]],
          [26023, [{ kind: 'k', raise: 1 }, { kind: 'late', org: 2, count: 2, sat: 1 }, { kind: 'k', raise: 1 }]],
          // An organization's exported rows withheld after a late response, the organization under k at k = 9.
          [13, [{ kind: 'k', raise: 2 }, { kind: 'late', org: 1, count: 1, sat: 1 }, { kind: 'k', raise: 2 }]],
        ],
      },
    );
  }, 240_000);
});
