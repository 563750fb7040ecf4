// The release ledger: what was published about each wave (DESIGN.md, Privacy model).
// Recording a release happens in one transaction that first takes the study's place in the
// ledger, so the caller's checks (which need the ledger as it is at that moment) and the
// insert cannot be overtaken by another publication of the same study.
import { SqliteAdapter, type Kysely } from 'kysely';
import type { Database, Release, Wave } from '../database.js';
import { NotFoundError } from '../errors.js';
import { randomId } from '../ids.js';

type Db = Kysely<Database>;

/** One earlier release as the pipeline checks a new run against it (oldest first). */
export interface LedgerRelease {
  releaseId: string;
  waveId: string;
  k: number;
  dataFingerprint: string;
  withheld: string[];
  groups: { key: string; n: number }[];
}

/** A release without its (large) published results. */
export type ReleaseSummary = Omit<Release, 'results_json' | 'withheld_json'>;

export interface NewReleaseInput {
  studyId: string;
  waveId: string;
  k: number;
  dataFingerprint: string;
  runGeneratedOn: string;
  publishedOn: string;
  resultsJson: string;
  withheld: string[];
  groups: { key: string; n: number }[];
}

/** What a publication's checks see inside the transaction: the wave now, and the study's ledger. */
export interface LedgerState {
  wave: Wave;
  /** Every release of the study, oldest first. */
  releases: ReleaseSummary[];
}

const SUMMARY = ['id', 'study_id', 'wave_id', 'seq', 'k', 'data_fingerprint', 'run_generated_on', 'published_on'] as const;

/** Every release of the study's waves with the groups it rests on, oldest first. */
export async function readLedger(db: Db, studyId: string): Promise<LedgerRelease[]> {
  const releases = await db.selectFrom('releases').select(['id', 'wave_id', 'k', 'data_fingerprint', 'withheld_json']).where('study_id', '=', studyId).orderBy('seq').execute();
  if (releases.length === 0) return [];
  const groups = await db
    .selectFrom('release_groups')
    .innerJoin('releases', 'releases.id', 'release_groups.release_id')
    .select(['release_groups.release_id', 'release_groups.group_key', 'release_groups.n'])
    .where('releases.study_id', '=', studyId)
    .orderBy('release_groups.release_id')
    .orderBy('release_groups.group_key')
    .execute();
  const byRelease = new Map<string, { key: string; n: number }[]>();
  for (const g of groups) {
    const list = byRelease.get(g.release_id) ?? [];
    list.push({ key: g.group_key, n: Number(g.n) });
    byRelease.set(g.release_id, list);
  }
  return releases.map((r) => ({
    releaseId: r.id,
    waveId: r.wave_id,
    k: Number(r.k),
    dataFingerprint: r.data_fingerprint,
    withheld: JSON.parse(r.withheld_json) as string[],
    groups: byRelease.get(r.id) ?? [],
  }));
}

/** Releases, newest first; of one study or one wave when given. */
export async function listReleases(db: Db, filter: { studyId?: string; waveId?: string } = {}): Promise<ReleaseSummary[]> {
  let q = db.selectFrom('releases').select([...SUMMARY]);
  if (filter.studyId) q = q.where('study_id', '=', filter.studyId);
  if (filter.waveId) q = q.where('wave_id', '=', filter.waveId);
  const rows = await q.orderBy('study_id').orderBy('seq', 'desc').execute();
  return rows.map(summary);
}

/** A release with its published results. */
export async function getRelease(db: Db, id: string): Promise<Release> {
  const row = await db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No release with id ${id}: list releases with GET /api/v1/admin/releases or on /admin/reports.`);
  return { ...row, seq: Number(row.seq), k: Number(row.k) };
}

/** The wave's latest published release (what its reports and exports come from), or undefined. */
export async function latestRelease(db: Db, waveId: string): Promise<Release | undefined> {
  const row = await db.selectFrom('releases').selectAll().where('wave_id', '=', waveId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { ...row, seq: Number(row.seq), k: Number(row.k) } : undefined;
}

/** The group counts a release recorded, by key. */
export async function releaseGroups(db: Db, releaseId: string): Promise<{ key: string; n: number }[]> {
  const rows = await db.selectFrom('release_groups').select(['group_key', 'n']).where('release_id', '=', releaseId).orderBy('group_key').execute();
  return rows.map((r) => ({ key: r.group_key, n: Number(r.n) }));
}

/**
 * Records a release and its groups in one transaction. `check` runs first inside it, with
 * the wave and the study's ledger as they are now, and refuses by throwing: then nothing
 * is recorded.
 */
export async function recordRelease(db: Db, input: NewReleaseInput, check: (state: LedgerState) => void = () => {}): Promise<ReleaseSummary> {
  return db.transaction().execute(async (trx) => {
    // PostgreSQL: publications of one study wait for each other here. SQLite runs one
    // transaction at a time on Rootwork's single connection already.
    if (!(trx.getExecutor().adapter instanceof SqliteAdapter)) {
      await trx.selectFrom('studies').select('id').where('id', '=', input.studyId).forUpdate().executeTakeFirst();
    }
    const wave = await trx.selectFrom('waves').selectAll().where('id', '=', input.waveId).executeTakeFirst();
    if (!wave) throw new NotFoundError(`No wave with id ${input.waveId}: it may have been deleted since the run.`);
    const releases = (await trx.selectFrom('releases').select([...SUMMARY]).where('study_id', '=', input.studyId).orderBy('seq').execute()).map(summary);
    check({ wave: { ...wave, k: Number(wave.k) }, releases });
    const row: Release = {
      id: randomId(),
      study_id: input.studyId,
      wave_id: input.waveId,
      seq: (releases.at(-1)?.seq ?? 0) + 1,
      k: input.k,
      data_fingerprint: input.dataFingerprint,
      run_generated_on: input.runGeneratedOn,
      published_on: input.publishedOn,
      results_json: input.resultsJson,
      withheld_json: JSON.stringify(input.withheld),
    };
    await trx.insertInto('releases').values(row).execute();
    const groups = input.groups.map((g) => ({ release_id: row.id, group_key: g.key, n: g.n }));
    // Chunked: PostgreSQL allows 65,535 parameters in one statement.
    for (let i = 0; i < groups.length; i += 1000) await trx.insertInto('release_groups').values(groups.slice(i, i + 1000)).execute();
    const { results_json: _r, withheld_json: _w, ...rest } = row;
    return rest;
  });
}

function summary(r: ReleaseSummary): ReleaseSummary {
  return { ...r, seq: Number(r.seq), k: Number(r.k) };
}

/** An earlier wave of a study as trends see it: its latest release's published results, or none. */
export interface PublishedWave {
  waveId: string;
  studyId: string;
  name: string;
  opensOn: string | null;
  /** The wave's own k (the release's k may be higher). */
  waveK: number;
  /** Null when the wave has no published release. */
  release: { id: string; k: number; publishedOn: string; resultsJson: string } | null;
}

/**
 * The study's waves before `waveId` (by opening day, then creation day, then id), oldest
 * first, each with its latest published release. Only this study's waves: trends never
 * compare waves of different studies. Waves not yet opened (no opening day) come last and
 * are never "before" a wave that has one.
 */
export async function earlierPublishedWaves(db: Db, waveId: string): Promise<PublishedWave[]> {
  const current = await db.selectFrom('waves').selectAll().where('id', '=', waveId).executeTakeFirst();
  if (!current) throw new NotFoundError(`No wave with id ${waveId}: list waves with \`rootwork admin waves\`.`);
  const waves = await db.selectFrom('waves').selectAll().where('study_id', '=', current.study_id).execute();
  const order = (w: Wave) => [w.opens_on ?? '9999-12-31', w.created_on, w.id].join('\u0000');
  const mine = order(current);
  const earlier = waves.filter((w) => w.id !== current.id && order(w) < mine).sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const out: PublishedWave[] = [];
  for (const w of earlier) {
    const latest = await latestRelease(db, w.id);
    out.push({
      waveId: w.id,
      studyId: w.study_id,
      name: w.name,
      opensOn: w.opens_on,
      waveK: Number(w.k),
      release: latest ? { id: latest.id, k: latest.k, publishedOn: latest.published_on, resultsJson: latest.results_json } : null,
    });
  }
  return out;
}
