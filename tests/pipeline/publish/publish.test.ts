// Publishing a run as a release, on each dialect: a good run is recorded with its groups;
// every way a run may not be published (a tampered folder, an open wave, a late response,
// a release it was not checked against, an older run, a lowered k, a second publication)
// is refused with a message saying what to do, and records nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRelease, latestRelease, listReleases, readLedger, releaseGroups } from '../../../data/repositories/releases.js';
import { closeWave, openWave, raiseWaveK } from '../../../data/repositories/studies.js';
import { publishRun } from '../../../pipeline/publish/index.js';
import { writeManifest } from '../../../pipeline/publish/manifest.js';
import { DIALECTS, TEST_SECRET } from '../../helpers/databases.js';
import { asLinkedWritesIt, publishFixture, type PublishFixture } from './fixture.js';

for (const dialect of DIALECTS) {
  describe(`publishing a run (${dialect})`, () => {
    let f: PublishFixture;
    const publish = (dir: string, secret = TEST_SECRET) => publishRun(dir, { db: f.tdb.handle.db, secret, clock: () => new Date('2026-12-01T10:00:00Z') });

    /** Publishing `dir` is refused with a message matching `message`, and nothing is recorded. */
    async function refused(dir: string, message: RegExp) {
      const before = await f.counts();
      await expect(publish(dir)).rejects.toThrow(message);
      expect(await f.counts()).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'release.json'))).toBe(false);
    }

    beforeAll(async () => {
      f = await publishFixture(dialect);
    });
    afterAll(async () => f?.destroy());

    it('refuses a run folder whose files changed, were added or removed, or whose manifest is missing or forged', async () => {
      const dir = await f.run('tampered');
      // An English report (CODE.html, not CODE.es.html): the edit below is to its English title.
      const org = fs.readdirSync(path.join(dir, 'orgs')).find((f) => !f.endsWith('.es.html'))!;
      const orgFile = path.join(dir, 'orgs', org);
      const original = fs.readFileSync(orgFile, 'utf8');
      fs.writeFileSync(orgFile, original.replace('Organization report', 'Organisation report'));
      await refused(dir, /orgs\/.*was changed after the pipeline run.*rerun the pipeline/);
      fs.writeFileSync(orgFile, original);
      // The results themselves: a k raised by hand is a changed file too.
      const results = fs.readFileSync(path.join(dir, 'results.json'), 'utf8');
      fs.writeFileSync(path.join(dir, 'results.json'), results.replace('"k": 5', '"k": 9'));
      await refused(dir, /results\.json was changed after the pipeline run/);
      fs.writeFileSync(path.join(dir, 'results.json'), results);
      fs.writeFileSync(path.join(dir, 'extra.csv'), 'a,b\n');
      await refused(dir, /extra\.csv was added after the pipeline run/);
      fs.rmSync(path.join(dir, 'extra.csv'));
      fs.renameSync(orgFile, orgFile + '.bak');
      await refused(dir, /was added after|was removed after/);
      fs.renameSync(orgFile + '.bak', orgFile);
      // A manifest recomputed by someone without the secret does not verify.
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      manifest.hmac = '0'.repeat(64);
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      await refused(dir, /manifest\.json was edited, or written with another database's secret/);
      fs.rmSync(path.join(dir, 'manifest.json'));
      await refused(dir, /has no manifest\.json/);
      await expect(publish(path.join(f.root, 'no-such-run'))).rejects.toThrow(/is not a folder/);
    });

    it('refuses a run whose release-groups.json belongs to another run, even when the manifest was signed over it', async () => {
      const dir = await f.run('groups-of-another-run');
      const file = path.join(dir, 'release-groups.json');
      const groups = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...groups, data_fingerprint: 'f'.repeat(64) }));
      writeManifest(dir, TEST_SECRET);
      await refused(dir, /release-groups\.json belongs to another run than .*results\.json/);
    });

    it('refuses a run of a wave that is open again', async () => {
      const dir = await f.run('open-wave');
      await openWave(f.tdb.handle.db, f.waveId);
      try {
        await refused(dir, /Wave "Wave 1" is still open: findings and organization reports come after a wave closes/);
      } finally {
        await closeWave(f.tdb.handle.db, f.waveId, { closesOn: '2026-11-30' });
      }
    });

    it('publishes a good run: the release, its k, fingerprint, results and groups, and release.json', async () => {
      const dir = await f.run('first');
      const before = await f.counts();
      const { release, file } = await publish(dir);
      expect(release.wave_id).toBe(f.waveId);
      expect(release.published_on).toBe('2026-12-01');
      expect(release.seq).toBe(1);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ release_id: release.id, published_on: '2026-12-01' });
      const stored = await getRelease(f.tdb.handle.db, release.id);
      const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
      expect(JSON.parse(stored.results_json)).toEqual(results);
      expect(stored.k).toBe(5);
      expect(stored.data_fingerprint).toBe(results.run.data_fingerprint);
      const groups = await releaseGroups(f.tdb.handle.db, release.id);
      // The groups the release rests on: keys of this wave, none under k, none naming a respondent.
      expect(groups.length).toBeGreaterThan(1);
      for (const g of groups) {
        expect(g.key.startsWith(`wave=${f.waveId};`)).toBe(true);
        expect(g.n).toBeGreaterThanOrEqual(5);
      }
      expect(await f.counts()).toEqual({ releases: before.releases + 1, groups: before.groups + groups.length });
      expect((await latestRelease(f.tdb.handle.db, f.waveId))?.id).toBe(release.id);
      expect((await listReleases(f.tdb.handle.db, { studyId: f.studyId })).map((r) => r.id)).toEqual([release.id]);
      const ledger = await readLedger(f.tdb.handle.db, f.studyId);
      expect(ledger).toEqual([{ releaseId: release.id, waveId: f.waveId, k: 5, dataFingerprint: results.run.data_fingerprint, withheld: JSON.parse(fs.readFileSync(path.join(dir, 'release-groups.json'), 'utf8')).withheld, groups }]);
      // No respondent id reaches the ledger.
      const ids = (await f.tdb.handle.db.selectFrom('responses').select('id').execute()).map((r) => r.id);
      const ledgerText = JSON.stringify(ledger) + stored.withheld_json;
      expect(ids.some((id) => ledgerText.includes(id))).toBe(false);
    });

    it('refuses to publish the same run twice, with or without its release.json', async () => {
      const dir = path.join(f.root, 'first');
      const before = await f.counts();
      await expect(publish(dir)).rejects.toThrow(/was published already \(see .*release\.json\)/);
      fs.rmSync(path.join(dir, 'release.json'));
      await expect(publish(dir)).rejects.toThrow(/This run was published already, as release/);
      expect(await f.counts()).toEqual(before);
    });

    it('refuses a run that was not checked against a release published after it', async () => {
      const dir = await f.run('unchecked', { checkedAgainst: [] });
      const [first] = await readLedger(f.tdb.handle.db, f.studyId);
      await refused(dir, new RegExp(`Release ${first.releaseId} was published after this run, which was not checked against it: rerun the pipeline`));
      // Nor one that claims a release this ledger does not hold.
      await asLinkedWritesIt(dir, [first.releaseId, 'some-other-release']);
      await refused(dir, /checked against release some-other-release, which this database's ledger does not hold/);
    });

    it('refuses a run at a k below the wave\'s, and below an earlier release\'s', async () => {
      const { release } = await publish(await f.run('k7', { k: 7 }));
      // A newer run may not lower the wave's k: the pipeline, checked against the ledger,
      // refuses to make it at all (publishing checks the same again).
      await expect(f.run('k5')).rejects.toThrow(new RegExp(`k = 5 is below k = 7 of release ${release.id} of this wave.*Run with --k 7`));
      // k raised on the wave after a run: that run may no longer be published.
      const again = await f.run('k7-again', { k: 7 });
      await raiseWaveK(f.tdb.handle.db, f.waveId, 8);
      await refused(again, /This run used k = 7, below wave "Wave 1"'s k of 8: rerun the pipeline with --k 8 or higher/);
    });

    it('refuses a run older than the wave\'s latest release', async () => {
      const older = await f.run('older', { k: 8 });
      const newer = await f.run('newer', { k: 8 });
      const { release } = await publish(newer);
      await asLinkedWritesIt(older, (await readLedger(f.tdb.handle.db, f.studyId)).map((r) => r.releaseId));
      await refused(older, new RegExp(`This run \\(generated .*\\) is older than release ${release.id} of wave "Wave 1"`));
    });

    it('refuses a run after a late response: the wave\'s data are no longer the run\'s', async () => {
      const dir = await f.run('before-late', { k: 8 });
      await f.lateResponse();
      await refused(dir, /The data of wave "Wave 1" changed after this run \(a late response, an import or a profile edit\): rerun the pipeline/);
      // The rerun, checked against the ledger, publishes.
      const rerun = await f.run('after-late', { k: 8 });
      const { release } = await publish(rerun);
      expect(release.seq).toBe(4);
    });

    it('lets only one of two runs published at the same moment through: the other missed it', async () => {
      const a = await f.run('race-a', { k: 8 });
      const b = await f.run('race-b', { k: 8 });
      const before = await f.counts();
      const outcomes = await Promise.allSettled([publish(a), publish(b)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(String(loser.reason)).toMatch(/was published after this run|is older than release/);
      expect((await f.counts()).releases).toBe(before.releases + 1);
    });
  });
}
