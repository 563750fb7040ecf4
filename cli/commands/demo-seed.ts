// Seeds the demo study: the same 60 organizations answer in two closed waves, "Fall 2025"
// and "Fall 2026" (their runs are published one after the other, so the second carries
// trends), and "Spring 2027" is open for new answers. Answers come from data/synthetic's
// generator: the first wave as a synthetic study of its own, the second from another seed
// with each generated organization's answers given to the same organization of the first.
import type { Kysely } from 'kysely';
import type { Database, NewOrgProfile, NewResponse } from '../../data/database.js';
import { insertResponses } from '../../data/repositories/responses.js';
import { closeWave, createWave, openWave } from '../../data/repositories/studies.js';
import { generateStudy } from '../../data/synthetic/generate.js';
import { DEFAULT_EFFECTS, DEFAULT_OPTIONS, type SyntheticOptions } from '../../data/synthetic/params.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';

export const DEMO_STUDY = 'Demo study';
export const EARLIER_WAVE = 'Fall 2025';
export const CLOSED_WAVE = 'Fall 2026';
export const OPEN_WAVE = 'Spring 2027';
export const DEMO_K = 5;

// Big enough for the confirmatory analyses to have groups of at least k (60 organizations,
// as in the planted-effects tests), small enough to seed in a few seconds.
const SIZE = { orgs: 60, staffMin: 4, staffMax: 40, k: DEMO_K } as const;

/**
 * The planted change between the waves: in Fall 2025 satisfaction of organizers of color
 * rose half as steeply with organizing (slope 0.3 instead of 0.6 points per index point),
 * so H1's difference is smaller in the earlier wave. Every other effect is the same.
 */
export const EARLIER_EFFECTS = { ...DEFAULT_EFFECTS, satIndexSlopePoc: 0.3 };

export interface DemoWaves {
  earlier: string | null;
  closed: string;
  open: string;
}

export async function seedDemoStudy(db: Kysely<Database>, log: (line: string) => void): Promise<DemoWaves> {
  log(`Seeding the demo study (${SIZE.orgs} organizations, synthetic staff answers in "${EARLIER_WAVE}" and "${CLOSED_WAVE}")...`);
  const first = await writeSyntheticStudy(db, { ...SIZE, seed: 2025, effects: EARLIER_EFFECTS, studyName: DEMO_STUDY, waveName: EARLIER_WAVE, opensOn: '2025-10-01' });
  // The generator writes an open wave; findings come after a wave closes.
  await closeWave(db, first.waveId, { closesOn: '2025-11-30' });
  const second = await addSyntheticWave(db, first.studyId, { ...SIZE, seed: 2026, waveName: CLOSED_WAVE, opensOn: '2026-10-01' });
  await closeWave(db, second.waveId, { closesOn: '2026-11-30' });
  log(`Seeded ${first.organizations} organizations: ${first.responses} responses in "${EARLIER_WAVE}", ${second.responses} in "${CLOSED_WAVE}".`);
  const open = await addOpenWave(db, first.studyId);
  return { earlier: first.waveId, closed: second.waveId, open };
}

export async function addOpenWave(db: Kysely<Database>, studyId: string): Promise<string> {
  const next = await createWave(db, { studyId, name: OPEN_WAVE, k: DEMO_K });
  await openWave(db, next.id);
  return next.id;
}

/**
 * A new open wave of the study with generated answers from its organizations (in the order
 * they were created, the generator's order): each generated organization's staff answer
 * as the study's organization of the same rank; any beyond the study's are added.
 */
export async function addSyntheticWave(db: Kysely<Database>, studyId: string, options: Partial<SyntheticOptions> & { waveName: string; opensOn: string }): Promise<{ waveId: string; responses: number }> {
  const opts: SyntheticOptions = { ...DEFAULT_OPTIONS, ...options };
  const wave = await createWave(db, { studyId, name: opts.waveName, k: opts.k });
  await openWave(db, wave.id, { opensOn: opts.opensOn });
  const existing = await db.selectFrom('organizations').select(['id']).where('study_id', '=', studyId).orderBy('name').orderBy('id').execute();
  let responses = 0;
  let rank = 0;
  for (const g of generateStudy(opts, { studyId, waveId: wave.id })) {
    const orgId = existing[rank]?.id ?? g.organization.id;
    rank += 1;
    await db.transaction().execute(async (trx) => {
      if (orgId === g.organization.id) await trx.insertInto('organizations').values(g.organization).execute();
      const rows: NewResponse[] = g.responses.map((r) => ({ ...r, organization_id: orgId }));
      await insertResponses(trx, rows);
      if (g.profile) await trx.insertInto('org_profiles').values({ ...g.profile, organization_id: orgId } as NewOrgProfile).execute();
      const exits = g.exits.map((e) => ({ ...e, wave_id: wave.id, organization_id: orgId }));
      if (exits.length > 0) await trx.insertInto('profile_exits').values(exits).execute();
      responses += rows.length;
    });
  }
  return { waveId: wave.id, responses };
}
