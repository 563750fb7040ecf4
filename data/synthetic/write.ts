// Writes a generated synthetic study through the data layer in chunked transactions, and
// works out the population values its planted effects imply (the "truth" tests check).
import type { Kysely } from 'kysely';
import type { Database, NewOrgProfile, NewResponse } from '../database.js';
import { generateStudy } from './generate.js';
import { DEFAULT_OPTIONS, type SyntheticOptions } from './params.js';
import { createRng, seededId } from './rng.js';
import type { GeneratedOrg, LatentType, SyntheticTruth } from './types.js';
import { insertResponses } from '../repositories/responses.js';
import { MIN_K } from '../repositories/studies.js';
import { ConflictError, InvalidInputError } from '../errors.js';

export interface SyntheticResult {
  studyId: string;
  waveId: string;
  organizations: number;
  responses: number;
  profiles: number;
  truth: SyntheticTruth;
}

export interface WriteOptions {
  /** Called after each chunk with the organizations written so far. */
  onProgress?: (orgsDone: number, orgsTotal: number) => void;
  /** Rows buffered before a transaction is committed. */
  chunkRows?: number;
}

export async function writeSyntheticStudy(db: Kysely<Database>, options: Partial<SyntheticOptions> = {}, write: WriteOptions = {}): Promise<SyntheticResult> {
  const opts: SyntheticOptions = { ...DEFAULT_OPTIONS, ...options };
  validateSyntheticOptions(opts);
  const idRng = createRng(opts.seed ^ 0x5eed);
  const clash = await db.selectFrom('studies').select('id').where('name', '=', opts.studyName).executeTakeFirst();
  if (clash) throw new ConflictError(`A study named "${opts.studyName}" already exists: choose another name (--name) or another database.`);
  const studyId = seededId(idRng);
  const waveId = seededId(idRng);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('studies').values({ id: studyId, name: opts.studyName, description: `Synthetic study (seed ${opts.seed})`, created_on: opts.opensOn }).execute();
    await trx.insertInto('waves').values({ id: waveId, study_id: studyId, name: opts.waveName, status: 'open', opens_on: opts.opensOn, closes_on: null, k: opts.k, created_on: opts.opensOn }).execute();
  });

  const truth = new TruthAccumulator();
  let pending: GeneratedOrg[] = [];
  let pendingRows = 0;
  let orgsDone = 0;
  let responses = 0;
  let profiles = 0;
  const chunkRows = write.chunkRows ?? 20_000;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingRows = 0;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values(batch.map((g) => g.organization)).execute();
      const rows: NewResponse[] = batch.flatMap((g) => g.responses);
      await insertResponses(trx, rows);
      const profileRows: NewOrgProfile[] = batch.flatMap((g) => (g.profile ? [g.profile] : []));
      for (let i = 0; i < profileRows.length; i += 200) await trx.insertInto('org_profiles').values(profileRows.slice(i, i + 200)).execute();
      const exitRows = batch.flatMap((g) => g.exits.map((e) => ({ ...e, wave_id: waveId, organization_id: g.organization.id })));
      for (let i = 0; i < exitRows.length; i += 1000) await trx.insertInto('profile_exits').values(exitRows.slice(i, i + 1000)).execute();
      responses += rows.length;
      profiles += profileRows.length;
    });
    orgsDone += batch.length;
    write.onProgress?.(orgsDone, opts.orgs);
  };
  for (const org of generateStudy(opts, { studyId, waveId })) {
    truth.add(org);
    pending.push(org);
    pendingRows += org.responses.length;
    // Organization inserts are chunked by a count safe for both dialects' parameter limits.
    if (pendingRows >= chunkRows || pending.length >= 2000) await flush();
  }
  await flush();
  return { studyId, waveId, organizations: opts.orgs, responses, profiles, truth: truth.result(opts) };
}

export function validateSyntheticOptions(o: SyntheticOptions): void {
  const bad = (msg: string) => {
    throw new InvalidInputError(msg);
  };
  if (!Number.isInteger(o.orgs) || o.orgs < 1) bad(`--orgs must be a whole number of at least 1 (got ${o.orgs}).`);
  if (!Number.isInteger(o.staffMin) || !Number.isInteger(o.staffMax) || o.staffMin < 1 || o.staffMax < o.staffMin) {
    bad(`--staff must be MIN..MAX with 1 <= MIN <= MAX (got ${o.staffMin}..${o.staffMax}).`);
  }
  if (!Number.isInteger(o.seed)) bad(`--seed must be a whole number (got ${o.seed}).`);
  if (!Number.isInteger(o.k) || o.k < MIN_K) bad(`k must be at least ${MIN_K} (got ${o.k}).`);
}

export class TruthAccumulator {
  private sat: Record<'organizing' | 'mobilizing', number[]> = { organizing: [], mobilizing: [] };
  private itl: Record<'organizing' | 'mobilizing', number[]> = { organizing: [], mobilizing: [] };
  private sep: Record<'organizing' | 'mobilizing', { events: number; exposure: number }> = {
    organizing: { events: 0, exposure: 0 },
    mobilizing: { events: 0, exposure: 0 },
  };
  private types: Record<LatentType, number> = { organizing: 0, mobilizing: 0, integrated: 0, low: 0 };

  add(org: GeneratedOrg): void {
    const l = org.latent;
    this.types[l.type] += 1;
    if (l.type !== 'organizing' && l.type !== 'mobilizing') return;
    this.sat[l.type].push(...l.expectedSat);
    this.itl[l.type].push(...l.expectedItl);
    if (org.profile) {
      const exposure = (l.startPoc + l.endPoc) / 2;
      this.sep[l.type].events += l.sepRatePoc * exposure;
      this.sep[l.type].exposure += exposure;
    }
  }

  result(opts: SyntheticOptions): SyntheticTruth {
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    const o = this.sep.organizing;
    const m = this.sep.mobilizing;
    return {
      h1SatDiff: diff(mean(this.sat.organizing), mean(this.sat.mobilizing)),
      h3ItlDiff: diff(mean(this.itl.organizing), mean(this.itl.mobilizing)),
      h2RateRatio: o.exposure > 0 && m.exposure > 0 && m.events > 0 ? o.events / o.exposure / (m.events / m.exposure) : null,
      // The planted population gap; the realized gap of a finite study scatters around it.
      h4IndexDiff: opts.effects.pocLedIndexGap,
      h5Interaction: opts.effects.satIndexSlopePoc - opts.effects.satIndexSlopeWhite,
      orgTypes: { ...this.types },
    };
  }
}
