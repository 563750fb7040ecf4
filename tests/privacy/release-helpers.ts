// Helpers for the release attack tests: a small synthetic study on a real database, hand-made
// organizations and responses, pipeline runs that read their release files, and the ledger
// entry a published run leaves (what the composition root reads back from the database).
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, NewResponse } from '../../data/database.js';
import { randomId } from '../../data/ids.js';
import type { DisclosureReport, LedgerRelease, ReleaseGroups } from '../../pipeline/release/index.js';
import { keyWithin, parseKey } from '../../pipeline/release/keys.js';
import type { Results } from '../../pipeline/results.js';
import { runPipeline } from '../../pipeline/run.js';
import { tempDir } from '../helpers/databases.js';

export interface Release {
  dir: string;
  results: Results;
  groups: ReleaseGroups;
  disclosure: DisclosureReport;
}

export async function run(db: Kysely<Database>, waveId: string, opts: { k?: number; ledger?: LedgerRelease[] } = {}): Promise<Release> {
  const dir = tempDir('rootwork-release-');
  const { results } = await runPipeline({ waveId, outDir: dir, k: opts.k, ledger: opts.ledger }, { db, log: () => {} });
  const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
  return { dir, results, groups: read<ReleaseGroups>('release-groups.json'), disclosure: read<DisclosureReport>('disclosure.json') };
}

/** The ledger entry of a published run. */
export function published(r: Release, releaseId: string): LedgerRelease {
  return { releaseId, waveId: r.groups.wave_id, k: r.groups.k, dataFingerprint: r.groups.data_fingerprint, withheld: r.groups.withheld, groups: r.groups.groups };
}

export async function addOrganization(db: Kysely<Database>, waveId: string, code: string): Promise<string> {
  const wave = await db.selectFrom('waves').select('study_id').where('id', '=', waveId).executeTakeFirstOrThrow();
  const id = randomId();
  await db.insertInto('organizations').values({ id, study_id: wave.study_id, name: `Org ${code}`, code, contact: null, size_band: null, region: null, budget_band: null, created_on: '2026-09-01' }).execute();
  return id;
}

const ITEMS = ['org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4', 'br_1', 'br_2', 'br_3', 'cul_1', 'cul_2', 'cul_3', 'lcb_1', 'lcb_2', 'lcb_3', 'dec_1', 'dec_2', 'dec_3', 'val_1', 'val_2', 'sat_1', 'sat_2r', 'sat_3', 'itl_1', 'itl_2', 'itl_3'];

/** One complete response (every item answered) with the given overrides. */
export function response(waveId: string, organizationId: string, over: Partial<NewResponse> = {}): NewResponse {
  const items = Object.fromEntries(ITEMS.map((i) => [i, 3]));
  return {
    id: randomId(), wave_id: waveId, organization_id: organizationId, received_on: '2026-10-02', instrument_version: 'test', lang: 'en', source: 'import',
    role: 'organizer', tenure_years: 2, fte: null, race_white: 1, ...items, ...over,
  } as NewResponse;
}

/** Every pair of published groups whose keys nest (within one release or across releases) and whose counts differ by 1..k−1. */
export function differingPairs(a: { key: string; n: number }[], b: { key: string; n: number }[], k: number): string[] {
  const out: string[] = [];
  const pb = b.map((g) => ({ g, p: parseKey(g.key) }));
  for (const x of a) {
    const px = parseKey(x.key);
    for (const { g, p } of pb) {
      const d = Math.abs(x.n - g.n);
      if (d === 0 || d >= k) continue;
      if (x.key === g.key || keyWithin(px, p) || keyWithin(p, px)) out.push(`${x.key} (${x.n}) ~ ${g.key} (${g.n})`);
    }
  }
  return out;
}
