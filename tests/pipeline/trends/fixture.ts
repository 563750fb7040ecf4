// A synthetic study of several waves run and published wave by wave, as `rootwork pipeline`
// and `rootwork publish` do it (cli/run-folder.ts, pipeline/publish): the real pipeline on a
// real database of either dialect.
import fs from 'node:fs';
import path from 'node:path';
import type { DialectName } from '../../../data/connect.js';
import { closeWave } from '../../../data/repositories/studies.js';
import type { WavesOptions } from '../../../data/synthetic/params.js';
import type { SyntheticOptions } from '../../../data/synthetic/params.js';
import { writeSyntheticWaves, type SyntheticWavesResult } from '../../../data/synthetic/waves.js';
import { writeRunFolder } from '../../../cli/run-folder.js';
import { publishRun } from '../../../pipeline/publish/index.js';
import type { Results } from '../../../pipeline/results.js';
import { createTestDatabase, TEST_SECRET, tempDir, type TestDatabase } from '../../helpers/databases.js';

export interface WavesFixture {
  tdb: TestDatabase;
  study: SyntheticWavesResult;
  root: string;
  /** Runs the wave's pipeline into a new folder (closing the wave first); returns its results. */
  run(wave: number, options?: { k?: number; name?: string }): Promise<{ dir: string; results: Results }>;
  /** Runs and publishes the wave. */
  publish(wave: number, options?: { k?: number }): Promise<Results>;
  destroy(): Promise<void>;
}

export async function wavesFixture(dialect: DialectName, options: Partial<SyntheticOptions>, waves: Partial<WavesOptions>): Promise<WavesFixture> {
  const tdb = await createTestDatabase(dialect);
  if (tdb.handle.sqlite) tdb.handle.sqlite.pragma('synchronous = OFF');
  const db = tdb.handle.db;
  const study = await writeSyntheticWaves(db, options, waves);
  const root = tempDir('rootwork-trends-');
  let runs = 0;
  const run = async (wave: number, o: { k?: number; name?: string } = {}) => {
    const w = study.waves[wave];
    const current = await db.selectFrom('waves').select('status').where('id', '=', w.waveId).executeTakeFirstOrThrow();
    if (current.status === 'open') await closeWave(db, w.waveId, { closesOn: '2030-01-01' });
    const dir = path.join(root, o.name ?? `run-${++runs}`);
    const { results } = await writeRunFolder({ waveId: w.waveId, outDir: dir, k: o.k }, { db, secret: TEST_SECRET, log: () => {} });
    return { dir, results };
  };
  return {
    tdb,
    study,
    root,
    run,
    async publish(wave, o = {}) {
      const { dir, results } = await run(wave, o);
      await publishRun(dir, { db, secret: TEST_SECRET });
      return results;
    },
    async destroy() {
      await tdb.destroy();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
