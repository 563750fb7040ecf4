// Writes a synthetic study of several waves (params.ts, WavesOptions): the first wave has
// the answers of the single-wave study of the same options; each later wave has the same
// organizations' new staff, with the planted shift. The last wave opens on the options'
// opening day and the earlier ones `daysApart` before each other, so every wave but the
// last is in the past and closed (and can be published), the last one open.
import type { Kysely } from 'kysely';
import type { Database, NewOrgProfile, NewResponse } from '../database.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { insertResponses } from '../repositories/responses.js';
import { generateStudy } from './generate.js';
import { DEFAULT_OPTIONS, DEFAULT_WAVES, type SyntheticOptions, type WavesOptions } from './params.js';
import { createRng, seededId } from './rng.js';
import type { GeneratedOrg, SyntheticTruth } from './types.js';
import { TruthAccumulator, validateSyntheticOptions, type WriteOptions } from './write.js';

export interface SyntheticWave {
  waveId: string;
  name: string;
  opensOn: string;
  organizations: number;
  responses: number;
  truth: SyntheticTruth;
  /** The planted change from the previous wave (zero for the first). */
  planted: { sat: number; itl: number };
}

export interface SyntheticWavesResult {
  studyId: string;
  organizations: number;
  waves: SyntheticWave[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function writeSyntheticWaves(db: Kysely<Database>, options: Partial<SyntheticOptions> = {}, waves: Partial<WavesOptions> = {}, write: WriteOptions = {}): Promise<SyntheticWavesResult> {
  const opts: SyntheticOptions = { ...DEFAULT_OPTIONS, ...options };
  const w: WavesOptions = { ...DEFAULT_WAVES, ...waves };
  validateSyntheticOptions(opts);
  if (!Number.isInteger(w.waves) || w.waves < 1 || w.waves > 20) throw new InvalidInputError(`--waves must be a whole number from 1 to 20 (got ${w.waves}).`);
  if (!(w.dropRate >= 0 && w.dropRate < 1)) throw new InvalidInputError(`The drop-out rate must be at least 0 and below 1 (got ${w.dropRate}).`);
  if (!Number.isInteger(w.joinersPerWave) || w.joinersPerWave < 0) throw new InvalidInputError(`Joiners per wave must be a whole number (got ${w.joinersPerWave}).`);
  const clash = await db.selectFrom('studies').select('id').where('name', '=', opts.studyName).executeTakeFirst();
  if (clash) throw new ConflictError(`A study named "${opts.studyName}" already exists: choose another name (--name) or another database.`);
  // The same id stream as the single-wave writer, so the first wave's ids match it too.
  const idRng = createRng(opts.seed ^ 0x5eed);
  const studyId = seededId(idRng);
  // Ids come from the seed: a second study of the same seed would collide with the first.
  const same = await db.selectFrom('studies').select('name').where('id', '=', studyId).executeTakeFirst();
  if (same) throw new ConflictError(`This database already holds a synthetic study of seed ${opts.seed} ("${same.name}"): choose another --seed or another database.`);
  const specs = Array.from({ length: w.waves }, (_, i) => ({
    index: i,
    id: seededId(idRng),
    name: `Wave ${i + 1}`,
    opensOn: addDays(opts.opensOn, -(w.waves - 1 - i) * w.daysApart),
  }));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('studies').values({ id: studyId, name: opts.studyName, description: `Synthetic study (seed ${opts.seed}, ${w.waves} waves)`, created_on: specs[0].opensOn }).execute();
    for (const s of specs) {
      const last = s.index === w.waves - 1;
      await trx
        .insertInto('waves')
        .values({ id: s.id, study_id: studyId, name: s.name, status: last ? 'open' : 'closed', opens_on: s.opensOn, closes_on: last ? null : addDays(s.opensOn, 30), k: opts.k, created_on: s.opensOn })
        .execute();
    }
  });

  const written = new Set<string>();
  const out: SyntheticWave[] = [];
  for (const s of specs) {
    const truth = new TruthAccumulator();
    let orgs = 0;
    let responses = 0;
    let pending: GeneratedOrg[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      await db.transaction().execute(async (trx) => {
        const fresh = batch.filter((g) => !written.has(g.organization.id)).map((g) => g.organization);
        if (fresh.length) await trx.insertInto('organizations').values(fresh).execute();
        for (const o of fresh) written.add(o.id);
        const rows: NewResponse[] = batch.flatMap((g) => g.responses);
        await insertResponses(trx, rows);
        const profiles: NewOrgProfile[] = batch.flatMap((g) => (g.profile ? [g.profile] : []));
        for (let i = 0; i < profiles.length; i += 200) await trx.insertInto('org_profiles').values(profiles.slice(i, i + 200)).execute();
        const exits = batch.flatMap((g) => g.exits.map((e) => ({ ...e, wave_id: s.id, organization_id: g.organization.id })));
        for (let i = 0; i < exits.length; i += 1000) await trx.insertInto('profile_exits').values(exits.slice(i, i + 1000)).execute();
        responses += rows.length;
      });
    };
    const shift = { sat: w.shift.sat * s.index, itl: w.shift.itl * s.index };
    const spec = { index: s.index, shift, dropRate: w.dropRate, joined: w.joinersPerWave * s.index, opensOn: s.opensOn };
    for (const org of generateStudy({ ...opts, waveName: s.name, opensOn: s.opensOn }, { studyId, waveId: s.id }, spec)) {
      truth.add(org);
      orgs++;
      pending.push(org);
      if (pending.length >= 200) await flush();
    }
    await flush();
    write.onProgress?.(s.index + 1, w.waves);
    out.push({ waveId: s.id, name: s.name, opensOn: s.opensOn, organizations: orgs, responses, truth: truth.result(opts), planted: s.index === 0 ? { sat: 0, itl: 0 } : { ...w.shift } });
  }
  return { studyId, organizations: written.size, waves: out };
}
