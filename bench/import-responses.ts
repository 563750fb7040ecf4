// Measures `importResponsesCsv` on a generated file of N rows (default 1,000,000): wall
// time of each pass and peak RSS, sampled every 50 ms. Usage:
//   npx tsx bench/import-responses.ts [ROWS] [DATABASE_URL]
// The file and SQLite database go to a temp folder and are removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../data/connect.js';
import { migrateToLatest } from '../data/migrate.js';
import { createOrganizations } from '../data/repositories/organizations.js';
import { createStudy, createWave } from '../data/repositories/studies.js';
import { importResponsesCsv } from '../exchange/import/responses-csv.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-bench-import-'));
const url = process.argv[3] ?? path.join(dir, 'bench.db');
const file = path.join(dir, 'responses.csv');
const ORGS = 2000;

const items = ['org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4', 'br_1', 'br_2', 'br_3', 'cul_1', 'cul_2', 'cul_3', 'lcb_1', 'lcb_2', 'lcb_3', 'dec_1', 'dec_2', 'dec_3', 'val_1', 'val_2', 'itl_1', 'itl_2', 'itl_3'];
const header = ['org_code', 'role', 'tenure_years', 'fte', 'race_black', 'race_white', 'race_decline', 'gender', 'age_band', ...items, 'sat_1', 'sat_2r', 'sat_3', 'looking', 'stay_2y', 'comment'];
const roles = ['organizer', 'campaign', 'program', 'leadership'];
const code = (i: number) => `ORG-B${String(i).padStart(5, '0')}`;

const out = fs.createWriteStream(file);
out.write(header.join(',') + '\r\n');
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < rows; i++) {
  const cells = [code(i % ORGS), roles[i % 4], String(i % 12), 'full', String(i % 2), String((i + 1) % 2), '0', 'woman', '25_34',
    ...items.map(() => String(1 + Math.floor(rnd() * 5))), String(1 + (i % 7)), String(1 + ((i + 3) % 7)), String(1 + ((i + 5) % 7)), 'no', 'yes',
    i % 50 === 0 ? '"Quoted, with a\r\nline break"' : ''];
  if (!out.write(cells.join(',') + '\r\n')) await new Promise<void>((r) => out.once("drain", () => r()));
}
await new Promise<void>((r) => out.end(() => r()));
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
console.error(`File: ${rows} rows, ${mb(fs.statSync(file).size)} MB.`);

const handle = await openDatabase(url);
await migrateToLatest(handle.db);
const study = await createStudy(handle.db, { name: `Bench ${Date.now()}` });
const wave = await createWave(handle.db, { studyId: study.id, name: 'Wave 1' });
await createOrganizations(handle.db, Array.from({ length: ORGS }, (_, i) => ({ studyId: study.id, name: `Org ${i}`, code: code(i) })));

let peak = process.memoryUsage().rss;
const baseline = peak;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();
let validated = 0;
const summary = await importResponsesCsv(handle.db, {
  file, waveId: wave.id,
  onProgress: (pass, n) => {
    if (pass === 'validate' && n === rows - (rows % 10_000)) validated = performance.now();
  },
});
const ended = performance.now();
clearInterval(timer);
console.log(JSON.stringify({
  rows: summary.rows, dialect: handle.dialect,
  validate_s: +((validated - started) / 1000).toFixed(1), total_s: +((ended - started) / 1000).toFixed(1),
  rows_per_s: Math.round(summary.rows / ((ended - started) / 1000)), rss_before_mb: +mb(baseline), peak_rss_mb: +mb(peak),
}));
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
