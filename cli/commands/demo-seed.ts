// Seeds the demo study: 60 organizations answer in two closed waves, "Fall 2025" and
// "Fall 2026" (their runs are published one after the other, so the second carries trends),
// and "Spring 2027" is open for new answers. Answers come from data/synthetic's multi-wave
// generator, with its documented planted change between the waves.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { closeWave, createWave, openWave } from '../../data/repositories/studies.js';
import { writeSyntheticWaves } from '../../data/synthetic/waves.js';

export const DEMO_STUDY = 'Demo study';
export const EARLIER_WAVE = 'Fall 2025';
export const CLOSED_WAVE = 'Fall 2026';
export const OPEN_WAVE = 'Spring 2027';
export const DEMO_K = 5;

// Big enough for the confirmatory analyses to have groups of at least k (60 organizations,
// as in the planted-effects tests), small enough to seed in a few seconds.
const SIZE = { orgs: 60, staffMin: 4, staffMax: 40, k: DEMO_K } as const;

export interface DemoWaves {
  earlier: string | null;
  closed: string;
  open: string;
}

export async function seedDemoStudy(db: Kysely<Database>, log: (line: string) => void): Promise<DemoWaves> {
  log(`Seeding the demo study (${SIZE.orgs} organizations, synthetic staff answers in "${EARLIER_WAVE}" and "${CLOSED_WAVE}")...`);
  // Two waves a year apart of the same organizations (a few leave, a few join), with the
  // generator's planted change in satisfaction and intent to leave between them.
  const seeded = await writeSyntheticWaves(db, { ...SIZE, seed: 2026, studyName: DEMO_STUDY, opensOn: '2026-10-01' }, { waves: 2, daysApart: 365 });
  const [first, second] = seeded.waves;
  await db.updateTable('waves').set({ name: EARLIER_WAVE }).where('id', '=', first.waveId).execute();
  await db.updateTable('waves').set({ name: CLOSED_WAVE }).where('id', '=', second.waveId).execute();
  await closeWave(db, second.waveId, { closesOn: '2026-11-30' });
  log(`Seeded ${seeded.organizations} organizations: ${first.responses} responses in "${EARLIER_WAVE}", ${second.responses} in "${CLOSED_WAVE}".`);
  const open = await addOpenWave(db, seeded.studyId);
  return { earlier: first.waveId, closed: second.waveId, open };
}

export async function addOpenWave(db: Kysely<Database>, studyId: string): Promise<string> {
  const next = await createWave(db, { studyId, name: OPEN_WAVE, k: DEMO_K });
  await openWave(db, next.id);
  return next.id;
}
