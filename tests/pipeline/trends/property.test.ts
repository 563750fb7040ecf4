// Property on real databases: over random small studies of two or three waves (organizations
// dropping out and joining, staff of 2 to 12, k of 3 to 6), each earlier wave published and
// the last one run, no trend number lets a group under k be recovered:
// - every point is a number a release published (earlier waves) or this run publishes;
// - no point carries an n under k, and a scale mean's n never gives back how many of the
//   published organizations' respondents skipped the scale when they were 1..k−1;
// - an organization with 1..k−1 respondents in this wave or in the wave it is compared with
//   has no change figure;
// - the study-wide and continuing-organization groups trends add, set against each other and
//   against the published organization groups, never leave a remainder of 1..k−1 people;
// - the continuing change is exactly a function of published organization means;
// - the release pass (with trends' cells) publishes no two nested groups 1..k−1 apart.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReleaseGroups } from '../../../pipeline/release/index.js';
import type { Estimate, Results } from '../../../pipeline/results.js';
import { SCORED_SCALES, scaleScore } from '../../../pipeline/score.js';
import { DIALECTS } from '../../helpers/databases.js';
import { differingPairs } from '../../privacy/release-helpers.js';
import { wavesFixture } from './fixture.js';

const bad = (n: number, k: number) => n > 0 && n < k;

describe.each(DIALECTS)('trends across waves on %s', (dialect) => {
  it('never let a group under k be recovered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 100_000 }),
          orgs: fc.integer({ min: 3, max: 7 }),
          staffMax: fc.integer({ min: 4, max: 12 }),
          k: fc.integer({ min: 3, max: 6 }),
          waves: fc.integer({ min: 2, max: 3 }),
          dropRate: fc.constantFrom(0, 0.2, 0.5),
          joiners: fc.integer({ min: 0, max: 2 }),
        }),
        async (p) => {
          const f = await wavesFixture(dialect, { orgs: p.orgs, staffMin: 2, staffMax: p.staffMax, seed: p.seed, k: p.k, studyName: `Property ${p.seed}` }, { waves: p.waves, dropRate: p.dropRate, joinersPerWave: p.joiners });
          try {
            const released: Results[] = [];
            for (let w = 0; w < p.waves - 1; w++) released.push(await f.publish(w));
            const { dir, results } = await f.run(p.waves - 1);
            const k = p.k;
            const db = f.tdb.handle.db;
            // Ground truth from the database: respondents and valid scores per organization code and wave.
            const rows = await db.selectFrom('responses').innerJoin('organizations', 'organizations.id', 'responses.organization_id').selectAll('responses').select('organizations.code').execute();
            const truth = new Map<string, { n: number; scored: Record<string, number> }>();
            for (const r of rows) {
              const key = `${r.wave_id}/${r.code}`;
              const t = truth.get(key) ?? { n: 0, scored: Object.fromEntries(SCORED_SCALES.map((s) => [s.scoreName, 0])) };
              t.n++;
              const rec = r as unknown as Record<string, unknown>;
              // Organizing and mobilizing means are over respondents with both scores (an orientation index).
              const index = SCORED_SCALES.filter((s) => s.id === 'org' || s.id === 'mob').every((s) => scaleScore(s, rec) !== null);
              for (const s of SCORED_SCALES) if (scaleScore(s, rec) !== null && (index || (s.id !== 'org' && s.id !== 'mob'))) t.scored[s.scoreName]++;
              truth.set(key, t);
            }
            const count = (waveId: string, code: string) => truth.get(`${waveId}/${code}`)?.n ?? 0;
            const waveId = results.study.wave_id;
            const t = results.trends!;
            expect(t).not.toBeNull();
            const byWave = new Map<string, Results>([...released.map((r) => [r.study.wave_id, r] as const), [waveId, results]]);

            for (const s of t.series) {
              for (const pt of s.points) {
                const r = byWave.get(pt.wave_id)!;
                const e: Estimate | undefined = s.kind === 'scale' ? r.scale_means?.find((x) => x.id === s.id) : r.confirmatory.find((x) => x.id === s.id);
                expect(pt.estimate).toBe(e?.estimate ?? null);
                expect(pt.n).toBe(e?.n ?? null);
                if (pt.n !== null) expect(bad(pt.n, k), `${s.id} n`).toBe(false);
              }
              if (s.kind !== 'scale' || !s.change_continuing || s.change_continuing.estimate === null) continue;
              // The continuing change from published organization means alone.
              const name = SCORED_SCALES.find((x) => `scale.${x.id}` === s.id)!.scoreName;
              const prev = byWave.get(s.points.at(-2)!.wave_id)!;
              const before = new Map(prev.organizations.filter((o) => o.reportable && o.scales[name] != null).map((o) => [o.code, o.scales[name]!]));
              const diffs = results.organizations.filter((o) => o.reportable && o.scales[name] != null && before.has(o.code)).map((o) => o.scales[name]! - before.get(o.code)!);
              expect(s.change_continuing.estimate).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / diffs.length, 10);
            }

            for (const o of results.organizations) {
              if (bad(count(waveId, o.code), k)) expect(o.trend, o.code).toBeNull();
              if (!o.trend) continue;
              expect(count(waveId, o.code)).toBeGreaterThanOrEqual(k);
              expect(count(o.trend.previous_wave_id, o.code)).toBeGreaterThanOrEqual(k);
            }

            // Groups trends add, against each other and the published organization groups.
            const prevId = t.waves.at(-2)!.wave_id;
            const prev = byWave.get(prevId)!;
            for (const sc of SCORED_SCALES) {
              const name = sc.scoreName;
              const pub = results.organizations.filter((o) => o.reportable && o.scales[name] != null).map((o) => o.code);
              const mean = results.scale_means?.find((e) => e.id === `scale.${sc.id}`);
              if (!mean || mean.estimate === null) continue;
              const scored = (code: string) => truth.get(`${waveId}/${code}`)?.scored[name] ?? 0;
              const all = pub.reduce((a, c) => a + scored(c), 0);
              const continuing = pub.filter((c) => prev.organizations.some((o) => o.code === c && o.reportable && o.scales[name] != null)).reduce((a, c) => a + scored(c), 0);
              expect(bad(all - continuing, k), `${name}: study-wide minus continuing`).toBe(false);
              for (const c of pub) expect(bad(all - scored(c), k), `${name}: study-wide minus ${c}`).toBe(false);
              if (mean.n !== null) {
                expect(mean.n).toBe(all);
                const respondents = pub.reduce((a, c) => a + count(waveId, c), 0);
                expect(bad(respondents - mean.n, k), `${name}: skipped`).toBe(false);
              }
            }

            const groups = JSON.parse(fs.readFileSync(path.join(dir, 'release-groups.json'), 'utf8')) as ReleaseGroups;
            for (const g of groups.groups) expect(g.n).toBeGreaterThanOrEqual(k);
            expect(differingPairs(groups.groups, groups.groups, k)).toEqual([]);
          } finally {
            await f.destroy();
          }
        },
      ),
      {
        numRuns: dialect === 'sqlite' ? 8 : 3,
        // Found by this property: the pass withheld an organization mean (complementary) that
        // the study-wide mean included, which then gave it back; such a mean is now withheld.
        examples: [[{ seed: 92957, orgs: 3, staffMax: 10, k: 3, waves: 2, dropRate: 0, joiners: 0 }]],
      },
    );
  }, 300_000);
});
