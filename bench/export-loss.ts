// `npx tsx bench/export-loss.ts`: what the respondent export withholds on the 60-organization
// demo study (npm run demo's seed) at k = 5, 6, 7, 8 and 10 — quasi-identifier values
// blanked, per quasi-identifier and as a share — and the "exports at several k combined"
// attack: how many values withheld at k = 5 another of the exports gives back. JSON lines
// on stdout; a real SQLite file in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../data/connect.js';
import { migrateToLatest } from '../data/migrate.js';
import { writeSyntheticStudy } from '../data/synthetic/write.js';
import { writeExports } from '../exchange/export/index.js';
import { runPipeline } from '../pipeline/run.js';

const KS = [5, 6, 7, 8, 10];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-export-loss-'));
const h = await openDatabase(path.join(dir, 'demo.db'));
try {
  await migrateToLatest(h.db);
  const s = await writeSyntheticStudy(h.db, { orgs: 60, staffMin: 4, staffMax: 40, seed: 2026, studyName: 'Rootwork demo study', waveName: 'Fall 2026' });
  const { results } = await runPipeline({ waveId: s.waveId, outDir: path.join(dir, 'run') }, { db: h.db, log: () => {} });
  // Plain CSV reading is enough here: the quasi-identifier and flag columns hold no commas.
  const read = (file: string) => {
    const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    const cols = head.split(',');
    return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])) as Record<string, string>);
  };
  const byK = new Map<number, Map<string, Record<string, string>>>();
  for (const k of KS) {
    const out = path.join(dir, `export-${k}`);
    const d = (await writeExports(h.db, { waveId: s.waveId, outDir: out, results, k })).disclosure.respondents;
    const total = Object.values(d.suppressed_values).reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ k, rows: d.rows, organizations: d.organizations, suppressed_values: d.suppressed_values, withheld: total, share_of_quasi_identifier_values: d.suppressed_share_overall, rows_with_suppression: d.rows_with_suppression, smallest_group: d.smallest_group }));
    // The n-th row of an organization is the same person in every export (stable order).
    const seen = new Map<string, number>();
    const rows = new Map<string, Record<string, string>>();
    for (const row of read(path.join(out, 'respondents.csv'))) {
      const i = seen.get(row.org_code) ?? 0;
      seen.set(row.org_code, i + 1);
      rows.set(`${row.org_code}#${i}`, row);
    }
    byK.set(k, rows);
  }
  let givenBack = 0;
  for (const [id, row] of byK.get(KS[0])!) {
    for (const flag of Object.keys(row).filter((c) => c.endsWith('_suppressed'))) {
      if (row[flag] === '1' && KS.slice(1).some((k) => byK.get(k)!.get(id)?.[flag] === '0')) givenBack++;
    }
  }
  console.log(JSON.stringify({ attack: `exports at k = ${KS.join(', ')} combined`, withheld_at_k5_given_back: givenBack }));
} finally {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
