// rootwork export's all-waves respondents file, on a study with two published waves and an
// unpublished third: every published wave is in it, each wave's rows exactly those of the
// wave's own respondents.csv (so the file tells nothing its releases did not), k-anonymous
// over wave × organization × quasi-identifiers; a wave whose data changed after its release
// is left out with a line saying what to do; the codebook, data package and syntax cover it.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { CommandContext } from '../../cli/args.js';
import { openDatabase } from '../../data/connect.js';
import { createWave } from '../../data/repositories/studies.js';
import { tempDir } from '../helpers/databases.js';
import { readCsv } from './export/table-schema.js';

const K = 5;
const QIS = ['role_group', 'race_group', 'gender_group', 'age_group', 'tenure_group', 'fte'];

function context(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { env: { ...process.env, ...env }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false };
  return { ctx, out, err };
}

const sortedLines = (rows: Record<string, string>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('rootwork export: respondents-all-waves.csv', () => {
  const dir = tempDir('rootwork-all-waves-');
  const env = { DATABASE_URL: path.join(dir, 'a.db') };
  const ids: Record<string, string> = {};

  async function run(args: string[]): Promise<ReturnType<typeof context>> {
    const c = context(env);
    expect(await main(args, c.ctx), `${args.join(' ')}\n${c.err.join('\n')}`).toBe(0);
    return c;
  }

  beforeAll(async () => {
    const s = await run(['synthetic', '--orgs', '6', '--staff', '6..20', '--seed', '5']);
    const first = JSON.parse(s.out[0]) as { study_id: string; wave_id: string };
    ids.w1 = first.wave_id;
    // Wave 2: the same organizations answer again (other people, other random ids); wave 3 stays unpublished.
    const handle = await openDatabase(env.DATABASE_URL);
    try {
      const db = handle.db;
      const w2 = await createWave(db, { studyId: first.study_id, name: 'Wave 2', k: K });
      const w3 = await createWave(db, { studyId: first.study_id, name: 'Wave 3', k: K });
      ids.w2 = w2.id;
      ids.w3 = w3.id;
      const rows = await db.selectFrom('responses').selectAll().where('wave_id', '=', ids.w1).execute();
      const copy = rows.map((r, i) => ({ ...r, id: `${r.id.slice(0, -4)}w2${String(i % 100).padStart(2, '0')}`, wave_id: w2.id, sat_1: r.sat_1 === null ? null : 1 + ((r.sat_1 + i) % 7) }));
      for (let i = 0; i < copy.length; i += 100) await db.insertInto('responses').values(copy.slice(i, i + 100)).execute();
    } finally {
      await handle.close();
    }
    await run(['admin', 'open-wave', '--wave', ids.w2]);
    for (const w of [ids.w1, ids.w2]) {
      await run(['admin', 'close-wave', '--wave', w]);
      await run(['pipeline', '--out', path.join(dir, `run-${w}`), '--wave', w, '--publish']);
    }
  }, 120_000);

  it('holds every published wave, each exactly as its own respondents.csv, k-anonymous with wave as a quasi-identifier', async () => {
    await run(['export', '--out', path.join(dir, 'e1'), '--wave', ids.w1]);
    await run(['export', '--out', path.join(dir, 'e2'), '--wave', ids.w2]);
    const all = readCsv(path.join(dir, 'e1', 'respondents-all-waves.csv'));
    expect(new Set(all.map((r) => r.wave))).toEqual(new Set(['Wave 1', 'Wave 2']));
    for (const [name, folder] of [['Wave 1', 'e1'], ['Wave 2', 'e2']] as const) {
      const own = readCsv(path.join(dir, folder, 'respondents.csv'));
      expect(own.every((r) => r.wave === name)).toBe(true);
      expect(sortedLines(all.filter((r) => r.wave === name))).toEqual(sortedLines(own));
    }
    // The same file whichever published wave is exported.
    expect(sortedLines(readCsv(path.join(dir, 'e2', 'respondents-all-waves.csv')))).toEqual(sortedLines(all));
    const groups = new Map<string, number>();
    for (const r of all) {
      const key = ['wave', 'org_code', ...QIS].map((q) => (r[`${q}_suppressed`] === '1' ? '*' : r[q])).join('|');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(K);
    // Described like every other file.
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'e1', 'datapackage.json'), 'utf8')) as { resources: { path: string }[] };
    expect(pkg.resources.map((r) => r.path)).toContain('respondents-all-waves.csv');
    expect(readCsv(path.join(dir, 'e1', 'codebook.csv')).filter((r) => r.file === 'respondents-all-waves.csv').map((r) => r.name)).toEqual(Object.keys(all[0]));
    for (const syntax of ['rootwork.R', 'rootwork.do', 'rootwork.sps']) expect(fs.readFileSync(path.join(dir, 'e1', syntax), 'utf8')).toContain('respondents-all-waves.csv');
    const d = JSON.parse(fs.readFileSync(path.join(dir, 'e1', 'disclosure.json'), 'utf8')) as { all_waves: { waves: { wave: string; k: number; rows: number }[] } };
    expect(d.all_waves.waves).toEqual([{ wave: 'Wave 1', k: K, rows: readCsv(path.join(dir, 'e1', 'respondents.csv')).length }, { wave: 'Wave 2', k: K, rows: readCsv(path.join(dir, 'e2', 'respondents.csv')).length }]);
  });

  it('leaves out, with one line saying what to do, a wave whose data changed after its release', async () => {
    const handle = await openDatabase(env.DATABASE_URL);
    try {
      const late = await handle.db.selectFrom('responses').selectAll().where('wave_id', '=', ids.w2).limit(1).executeTakeFirstOrThrow();
      await handle.db.insertInto('responses').values({ ...late, id: `${late.id.slice(0, -4)}late` }).execute();
    } finally {
      await handle.close();
    }
    const c = await run(['export', '--out', path.join(dir, 'e3'), '--wave', ids.w1]);
    expect(c.err.filter((l) => l.includes('leaves out wave "Wave 2"'))).toEqual([expect.stringMatching(/its data changed after release .* was published; rerun and publish that wave to include it\.$/)]);
    expect(new Set(readCsv(path.join(dir, 'e3', 'respondents-all-waves.csv')).map((r) => r.wave))).toEqual(new Set(['Wave 1']));
  });
});
