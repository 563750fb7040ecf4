// Studies and waves: create, find and list. Plain functions taking `db` (or a transaction).
// A study has a time zone; its waves' dates are local days there (see data/time-zone.ts).
import type { Kysely } from 'kysely';
import type { Database, Study, Wave, WaveStatus } from '../database.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { refuseNul } from '../text.js';
import { randomId, today } from '../ids.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, localDay, timeZoneProblem } from '../time-zone.js';

type Db = Kysely<Database>;

export interface NewStudyInput {
  name: string;
  description?: string | null;
  /** IANA zone, e.g. America/Los_Angeles; UTC when not given (callers pass the configured default). */
  timeZone?: string;
}

export async function createStudy(db: Db, input: NewStudyInput): Promise<Study> {
  refuseNul({ name: input.name, description: input.description, time_zone: input.timeZone }, 'The study is not valid');
  const name = input.name.trim();
  const issues: { path: string; message: string }[] = [];
  if (name === '') issues.push({ path: 'name', message: 'Required.' });
  const timeZone = input.timeZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(input.timeZone);
  if (timeZone === undefined) issues.push({ path: 'time_zone', message: timeZoneProblem(input.timeZone ?? '') });
  if (issues.length === 1 && name === '') throw new InvalidInputError('A study needs a name.', issues);
  if (issues.length > 0 || timeZone === undefined) throw invalid('The study is not valid', issues);
  const existing = await db.selectFrom('studies').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) throw new ConflictError(`A study named "${name}" already exists: choose another name.`);
  const row: Study = { id: randomId(), name, description: input.description ?? null, created_on: localDay(timeZone), time_zone: timeZone };
  await db.insertInto('studies').values(row).execute();
  return row;
}

export async function getStudy(db: Db, id: string): Promise<Study> {
  const row = await db.selectFrom('studies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No study with id ${id}.`);
  return row;
}

export async function listStudies(db: Db): Promise<Study[]> {
  return db.selectFrom('studies').selectAll().orderBy('created_on').orderBy('name').execute();
}

/**
 * Changes a study's time zone: from then on its waves open and close at midnight there.
 * Days already stored (responses, opening and closing days) stay as they were.
 */
export async function setStudyTimeZone(db: Db, studyId: string, zone: string): Promise<Study> {
  const study = await getStudy(db, studyId);
  const timeZone = canonicalTimeZone(zone);
  if (timeZone === undefined) throw invalid('The time zone is not valid', [{ path: 'time_zone', message: timeZoneProblem(zone) }]);
  await db.updateTable('studies').set({ time_zone: timeZone }).where('id', '=', study.id).execute();
  return { ...study, time_zone: timeZone };
}

/** The time zone of the study a wave belongs to. */
export async function waveTimeZone(db: Db, waveId: string): Promise<string> {
  const row = await db.selectFrom('waves').innerJoin('studies', 'studies.id', 'waves.study_id').select('studies.time_zone').where('waves.id', '=', waveId).executeTakeFirst();
  if (!row) throw new NotFoundError(`No wave with id ${waveId}: list waves with \`rootwork admin list-waves\`.`);
  return row.time_zone;
}

/** Today in the time zone of the wave's study: the day a wave opened or closed "now" records. */
export async function waveToday(db: Db, waveId: string, clock: () => Date = () => new Date()): Promise<string> {
  return localDay(await waveTimeZone(db, waveId), clock());
}

export const MIN_K = 3;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export interface NewWaveInput {
  studyId: string;
  name: string;
  k?: number;
  opensOn?: string | null;
  closesOn?: string | null;
  status?: WaveStatus;
}

export async function createWave(db: Db, input: NewWaveInput): Promise<Wave> {
  refuseNul({ name: input.name }, 'The wave is not valid');
  const k = input.k ?? 5;
  const issues: { path: string; message: string }[] = [];
  if (input.name.trim() === '') issues.push({ path: 'name', message: 'Required.' });
  if (!Number.isInteger(k) || k < MIN_K) issues.push({ path: 'k', message: `k must be a whole number of at least ${MIN_K}.` });
  for (const [field, value] of [['opens_on', input.opensOn], ['closes_on', input.closesOn]] as const) {
    if (value != null && !isValidDay(value)) issues.push({ path: field, message: `"${value}" is not a date: use YYYY-MM-DD.` });
  }
  if (issues.length === 0 && input.opensOn && input.closesOn && input.closesOn < input.opensOn) {
    issues.push({ path: 'closes_on', message: `The wave closes (${input.closesOn}) before it opens (${input.opensOn}).` });
  }
  if (issues.length > 0) throw new InvalidInputError(`The wave is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, issues);
  await getStudy(db, input.studyId);
  const clash = await db.selectFrom('waves').select('id').where('study_id', '=', input.studyId).where('name', '=', input.name.trim()).executeTakeFirst();
  if (clash) throw new ConflictError(`This study already has a wave named "${input.name.trim()}".`);
  const row: Wave = {
    id: randomId(),
    study_id: input.studyId,
    name: input.name.trim(),
    status: input.status ?? 'draft',
    opens_on: input.opensOn ?? null,
    closes_on: input.closesOn ?? null,
    k,
    created_on: today(),
  };
  await db.insertInto('waves').values(row).execute();
  return row;
}

export async function getWave(db: Db, id: string): Promise<Wave> {
  const row = await db.selectFrom('waves').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No wave with id ${id}: list waves with \`rootwork admin list-waves\`.`);
  return row;
}

/** The most recently created wave (ties broken by id for determinism), or undefined. */
export async function latestWave(db: Db): Promise<Wave | undefined> {
  return db.selectFrom('waves').selectAll().orderBy('created_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function listWaves(db: Db, studyId?: string): Promise<Wave[]> {
  let q = db.selectFrom('waves').selectAll();
  if (studyId) q = q.where('study_id', '=', studyId);
  return q.orderBy('created_on').orderBy('name').execute();
}

/** A study by id or exact name (what a person types at the command line). */
export async function findStudy(db: Db, idOrName: string): Promise<Study> {
  const key = idOrName.trim();
  const row = await db.selectFrom('studies').selectAll().where((eb) => eb.or([eb('id', '=', key), eb('name', '=', key)])).executeTakeFirst();
  if (!row) throw new NotFoundError(`No study with id or name "${key}": list studies with \`rootwork admin list-studies\`.`);
  return row;
}

function checkDay(field: string, value: string | null | undefined, issues: { path: string; message: string }[]): void {
  if (value != null && !isValidDay(value)) issues.push({ path: field, message: `"${value}" is not a date: use YYYY-MM-DD, e.g. 2026-09-01.` });
}

function invalid(what: string, issues: { path: string; message: string }[]): InvalidInputError {
  return new InvalidInputError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, issues);
}

/**
 * Opens a draft (or reopens a closed) wave. k is fixed here: it may be set when a draft
 * wave opens, and afterwards only raised (see raiseWaveK), never below MIN_K.
 */
export async function openWave(db: Db, waveId: string, input: { opensOn?: string | null; closesOn?: string | null; k?: number } = {}, clock?: () => Date): Promise<Wave> {
  const wave = await getWave(db, waveId);
  const issues: { path: string; message: string }[] = [];
  if (wave.status === 'open') throw new ConflictError(`The wave "${wave.name}" is already open.`);
  const opensOn = input.opensOn ?? wave.opens_on ?? (await waveToday(db, waveId, clock));
  const closesOn = input.closesOn === undefined ? wave.closes_on : input.closesOn;
  checkDay('opens_on', opensOn, issues);
  checkDay('closes_on', closesOn, issues);
  const k = input.k ?? wave.k;
  if (!Number.isInteger(k) || k < MIN_K) issues.push({ path: 'k', message: `k must be a whole number of at least ${MIN_K}.` });
  else if (wave.status === 'closed' && k < wave.k) issues.push({ path: 'k', message: `k was fixed at ${wave.k} when the wave first opened: it can be raised, never lowered.` });
  if (issues.length === 0 && closesOn && closesOn < opensOn) issues.push({ path: 'closes_on', message: `The wave would close (${closesOn}) before it opens (${opensOn}).` });
  if (issues.length > 0) throw invalid(`Cannot open the wave "${wave.name}"`, issues);
  // Reopening a closed wave clears a past closing day unless a new one is given.
  const finalCloses = wave.status === 'closed' && input.closesOn === undefined ? null : closesOn;
  await db.updateTable('waves').set({ status: 'open', opens_on: opensOn, closes_on: finalCloses, k }).where('id', '=', waveId).execute();
  return { ...wave, status: 'open', opens_on: opensOn, closes_on: finalCloses, k };
}

export async function closeWave(db: Db, waveId: string, input: { closesOn?: string | null } = {}, clock?: () => Date): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (wave.status !== 'open') throw new ConflictError(`The wave "${wave.name}" is ${wave.status}, not open: only an open wave can be closed.`);
  const closesOn = input.closesOn ?? (await waveToday(db, waveId, clock));
  const issues: { path: string; message: string }[] = [];
  checkDay('closes_on', closesOn, issues);
  if (issues.length === 0 && wave.opens_on && closesOn < wave.opens_on) {
    issues.push({ path: 'closes_on', message: `The wave would close (${closesOn}) before it opened (${wave.opens_on}).` });
  }
  if (issues.length > 0) throw invalid(`Cannot close the wave "${wave.name}"`, issues);
  await db.updateTable('waves').set({ status: 'closed', closes_on: closesOn }).where('id', '=', waveId).execute();
  return { ...wave, status: 'closed', closes_on: closesOn };
}

/** Raises a wave's k. Lowering it would release groups respondents were promised would stay hidden. */
export async function raiseWaveK(db: Db, waveId: string, k: number): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (!Number.isInteger(k) || k < MIN_K) throw invalid('Cannot change k', [{ path: 'k', message: `k must be a whole number of at least ${MIN_K}.` }]);
  if (k < wave.k) throw invalid('Cannot change k', [{ path: 'k', message: `k is ${wave.k} for this wave: it can be raised, never lowered.` }]);
  await db.updateTable('waves').set({ k }).where('id', '=', waveId).execute();
  return { ...wave, k };
}

/**
 * A wave by id, or by name when exactly one wave (across studies, or within `studyId`) has
 * it. A name several studies use is refused with every candidate's id and study, so the
 * person can pick one without another lookup.
 */
export async function findWave(db: Db, idOrName: string, studyId?: string): Promise<Wave> {
  const key = idOrName.trim();
  const byId = await db.selectFrom('waves').selectAll().where('id', '=', key).executeTakeFirst();
  if (byId) {
    if (studyId && byId.study_id !== studyId) throw new NotFoundError(`The wave ${key} belongs to another study than the one given with --study.`);
    return byId;
  }
  let q = db
    .selectFrom('waves')
    .innerJoin('studies', 'studies.id', 'waves.study_id')
    .selectAll('waves')
    .select('studies.name as study_name')
    .where('waves.name', '=', key);
  if (studyId) q = q.where('waves.study_id', '=', studyId);
  const rows = await q.orderBy('studies.name').orderBy('waves.id').execute();
  if (rows.length === 1) {
    const { study_name: _, ...wave } = rows[0];
    return wave;
  }
  if (rows.length > 1) {
    const candidates = rows.map((r) => `${r.id} (study "${r.study_name}")`).join(', ');
    throw new ConflictError(`${rows.length} waves are named "${key}": ${candidates}. Give the wave's id, or its study with --study.`);
  }
  throw new NotFoundError(`No wave with id or name "${key}"${studyId ? ' in that study' : ''}: list waves with \`rootwork admin list-waves\`.`);
}
