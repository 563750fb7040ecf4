// The simulations' in-memory wave (pipeline/power/generated-wave.ts) against the real
// extract step: the same generated study written to SQLite and extracted must give the same
// columns, profiles and confirmatory estimates, or the power and calibration figures would
// describe some other pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStudy } from '../../../data/synthetic/generate.js';
import { DEFAULT_OPTIONS } from '../../../data/synthetic/params.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { aggregate } from '../../../pipeline/aggregate.js';
import { analyze } from '../../../pipeline/analyze/index.js';
import { DEFAULT_THRESHOLDS } from '../../../pipeline/classify.js';
import { extractWave } from '../../../pipeline/extract.js';
import { waveFromGenerated } from '../../../pipeline/power/generated-wave.js';
import { confirmatoryOf } from '../../../pipeline/power/simulate.js';
import type { WaveData } from '../../../pipeline/wave-data.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';

describe('a generated study in memory is the study rootwork pipeline extracts', () => {
  let t: TestDatabase;
  let fromDb: WaveData;
  let inMemory: WaveData;
  const options = { orgs: 14, staffMin: 4, staffMax: 30, seed: 77 };

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const { waveId, studyId } = await writeSyntheticStudy(t.handle.db, options);
    fromDb = await extractWave(t.handle.db, waveId);
    inMemory = waveFromGenerated([...generateStudy({ ...DEFAULT_OPTIONS, ...options }, { studyId, waveId })], 5);
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('has the same organizations and respondent columns, slot for slot', () => {
    expect(inMemory.n).toBe(fromDb.n);
    expect(inMemory.orgs).toEqual(fromDb.orgs);
    for (const key of ['org', 'role', 'tenure', 'poc', 'raceDeclined', 'looking', 'gender', 'ageBand'] as const) {
      expect(Array.from(inMemory[key]), key).toEqual(Array.from(fromDb[key]));
    }
    expect(Object.keys(inMemory.items).sort()).toEqual(Object.keys(fromDb.items).sort());
    for (const item of Object.keys(fromDb.items)) expect(Array.from(inMemory.items[item]), item).toEqual(Array.from(fromDb.items[item]));
  });

  it('has the same profiles and departures', () => {
    expect([...inMemory.profiles.keys()].sort()).toEqual([...fromDb.profiles.keys()].sort());
    for (const [id, p] of fromDb.profiles) {
      const mine = inMemory.profiles.get(id)! as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(p)) if (key !== 'wave_id') expect(mine[key], key).toEqual(value);
    }
    const key = (e: WaveData['exits'][number]) => `${e.organization_id}/${e.staff_group}/${e.tenure_band}/${e.count}`;
    expect(inMemory.exits.map(key).sort()).toEqual(fromDb.exits.map(key).sort());
  });

  it('gives the confirmatory estimates that the pipeline gives on the extracted wave', () => {
    const expected = analyze(aggregate(fromDb, 5, DEFAULT_THRESHOLDS)).confirmatory.map((d) => d.estimate);
    expect(confirmatoryOf([...generateStudy({ ...DEFAULT_OPTIONS, ...options }, { studyId: 'x', waveId: 'x' })], 5)).toEqual(expected);
  });
});
