// Earlier waves that must not be compared: a wave with no published release, a release at
// another k, a wave of another study, a release whose items were worded differently, an
// unreadable release. Each is left out (or its series not compared) with the reason, and
// organizations below k in one of two waves get no change figure. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishedWave } from '../../../data/repositories/releases.js';
import { writeSyntheticWaves } from '../../../data/synthetic/waves.js';
import type { Results } from '../../../pipeline/results.js';
import { classifyEarlier } from '../../../pipeline/trends/earlier.js';
import { itemVersions } from '../../../pipeline/trends/items.js';
import { TEXT_EN } from '../../../instrument/text-en.js';
import { TEXT_ES } from '../../../instrument/text-es.js';
import { DIALECTS } from '../../helpers/databases.js';
import { wavesFixture, type WavesFixture } from './fixture.js';

const STUDY = { orgs: 24, staffMin: 2, staffMax: 16, seed: 5 };

for (const dialect of DIALECTS) {
  describe(`bad input to trends (${dialect})`, () => {
    let f: WavesFixture;
    beforeAll(async () => {
      f = await wavesFixture(dialect, STUDY, { waves: 3 });
    }, 120_000);
    afterAll(async () => f?.destroy());

    it('leaves out a wave with no published release and one published at another k, saying why', async () => {
      // Wave 1 published at k = 6, wave 2 not published; wave 3 runs at k = 5.
      await f.publish(0, { k: 6 });
      const { results } = await f.run(2);
      const t = results.trends!;
      expect(t.series).toEqual([]);
      expect(t.waves.map((w) => w.name)).toEqual(['Wave 3']);
      expect(t.left_out.map((w) => w.name)).toEqual(['Wave 1', 'Wave 2']);
      expect(t.left_out[0].reason).toMatch(/k = 6 .* k = 5/);
      expect(t.left_out[1].reason).toMatch(/no published release/);
      for (const o of results.organizations) {
        expect(o.trend).toBeNull();
        expect(o.trend_note).toMatch(/No earlier wave/);
      }
    });

    it('compares what was published at the same k, and gives no change figure to an organization under k in either wave', async () => {
      const wave2 = await f.publish(1);
      const { results } = await f.run(2);
      const t = results.trends!;
      expect(t.waves.map((w) => w.name)).toEqual(['Wave 2', 'Wave 3']);
      expect(t.left_out.map((w) => w.name)).toEqual(['Wave 1']);
      const before = new Map(wave2.organizations.map((o) => [o.code, o]));
      let underBefore = 0;
      let underNow = 0;
      for (const o of results.organizations) {
        const prev = before.get(o.code);
        if (!o.reportable) {
          expect(o.trend).toBeNull();
          if (o.respondents === 0) {
            expect(o.trend_note).toBe('Did not take part in this wave.');
            continue;
          }
          underNow++;
          expect(o.trend_note).toMatch(/Fewer than k respondents in this wave/);
        } else if (prev && !prev.reportable && prev.respondents === null) {
          underBefore++;
          expect(o.trend).toBeNull();
          expect(o.trend_note).toMatch(/Fewer than k respondents in "Wave 2"/);
        } else if (prev?.reportable) {
          expect(o.trend?.previous_wave_name).toBe('Wave 2');
        }
        // The note never carries a count.
        expect((o.trend_note ?? '').replace(/"[^"]*"/g, '')).not.toMatch(/\d/);
      }
      expect(underBefore).toBeGreaterThan(0);
      expect(underNow).toBeGreaterThan(0);
    });

    it('does not compare a series whose items were worded differently in the earlier release', async () => {
      // Stand-in for an instrument change between waves: the published release records another fingerprint for sat_1.
      const db = f.tdb.handle.db;
      const release = await db.selectFrom('releases').select(['id', 'results_json']).where('wave_id', '=', f.study.waves[1].waveId).executeTakeFirstOrThrow();
      const json = JSON.parse(release.results_json) as Results;
      json.codebook!.item_versions.sat_1 = 'sha256:0000000000000000';
      await db.updateTable('releases').set({ results_json: JSON.stringify(json) }).where('id', '=', release.id).execute();
      const { results } = await f.run(2);
      const byId = new Map(results.trends!.series.map((s) => [s.id, s]));
      for (const id of ['scale.sat', 'H1.sat_diff', 'H5.sat_interaction']) {
        expect(byId.get(id)!.not_compared, id).toMatch(/sat_1 changed between "Wave 2" and this wave/);
        expect(byId.get(id)!.change).toBeNull();
      }
      for (const id of ['scale.itl', 'scale.cul', 'H3.itl_diff']) expect(byId.get(id)!.not_compared, id).toBeNull();
      const org = results.organizations.find((o) => o.trend)!;
      const sat = org.trend!.measures.find((m) => m.id === 'scale.sat')!;
      expect(sat.change.estimate).toBeNull();
      expect(sat.change.withheld?.reason).toMatch(/sat_1/);
    });

    it('never compares a wave of another study', async () => {
      const other = await writeSyntheticWaves(f.tdb.handle.db, { ...STUDY, seed: 6, studyName: 'Another study' }, { waves: 1 });
      const { closeWave } = await import('../../../data/repositories/studies.js');
      await closeWave(f.tdb.handle.db, other.waves[0].waveId, { closesOn: '2030-01-01' });
      const { writeRunFolder } = await import('../../../cli/run-folder.js');
      const { TEST_SECRET, tempDir } = await import('../../helpers/databases.js');
      const { results } = await writeRunFolder({ waveId: other.waves[0].waveId, outDir: tempDir() }, { db: f.tdb.handle.db, secret: TEST_SECRET, log: () => {} });
      // The other study's waves (three, two published) are not this study's earlier waves.
      expect(results.trends).toBeNull();
      expect(results.organizations.every((o) => o.trend === null && o.trend_note === null)).toBe(true);
    });
  });
}

describe('earlier releases as read back (pure)', () => {
  const wave = (over: Partial<PublishedWave>): PublishedWave => ({ waveId: 'w1', studyId: 's1', name: 'Wave 1', opensOn: '2025-10-01', waveK: 5, release: { id: 'r1', k: 5, publishedOn: '2025-12-01', resultsJson: '{}' }, ...over });

  it('leaves out another study, unreadable results and results of another wave', () => {
    const good = { study: { wave_id: 'w1', wave_name: 'Wave 1', k: 5, instrument_versions: ['v'] }, participation: { organizations_reportable: 3 }, confirmatory: [], organizations: [] };
    const { compared, leftOut } = classifyEarlier(
      [
        wave({ studyId: 's2', name: 'Other' }),
        wave({ name: 'Broken', release: { id: 'r2', k: 5, publishedOn: 'x', resultsJson: '{not json' } }),
        wave({ name: 'Truncated', release: { id: 'r3', k: 5, publishedOn: 'x', resultsJson: '{"study":{}}' } }),
        wave({ name: 'Mixed up', release: { id: 'r4', k: 5, publishedOn: 'x', resultsJson: JSON.stringify({ ...good, study: { ...good.study, wave_id: 'w9' } }) } }),
        wave({ name: 'Good', release: { id: 'r5', k: 5, publishedOn: 'x', resultsJson: JSON.stringify(good) } }),
      ],
      { studyId: 's1', k: 5 },
    );
    expect(compared.map((c) => c.name)).toEqual(['Good']);
    expect(leftOut.map((l) => l.name)).toEqual(['Other', 'Broken', 'Truncated', 'Mixed up']);
    expect(leftOut[0].reason).toMatch(/^it belongs to another study: waves of different studies are never compared/);
    expect(leftOut[1].reason).toMatch(/^its release r2 does not hold valid JSON/);
    expect(leftOut[2].reason).toMatch(/^its release r3 does not hold readable results \(study\.wave_id/);
    expect(leftOut[3].reason).toBe('its release r4 holds the results of another wave (w9)');
  });

  it("fingerprints each item's wording and scale: changing one item's words changes only its fingerprint", () => {
    const before = itemVersions();
    const after = itemVersions({ en: { ...TEXT_EN, 'q.sat_1': 'Overall, I am satisfied with my job.' }, es: TEXT_ES });
    const changed = Object.keys(before).filter((id) => before[id] !== after[id]);
    expect(changed).toEqual(['sat_1']);
    const anchors = itemVersions({ en: { ...TEXT_EN, 'anchor.agree7.4': 'Neutral' }, es: TEXT_ES });
    expect(Object.keys(before).filter((id) => before[id] !== anchors[id]).sort()).toEqual(['sat_1', 'sat_2r', 'sat_3']);
  });
});
