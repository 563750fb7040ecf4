// `npm run bench:pipeline`: the pipeline on synthetic studies of 100,000 and 1,000,000
// responses — time and peak memory of each stage — beside DuckDB computing the same
// organization × race × role scale means from a CSV of the same data, in the same run.
// Each measurement runs in its own child process so peak RSS belongs to it alone.
// Markdown on stdout (bench/run.ts embeds it in bench/results.md); progress on stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { RACE_CATEGORIES, SCALES } from '../instrument/codebook.js';
import type { Stage } from '../pipeline/run.js';
// The codebook's list of scored scales, plain data: the children read it from source too.
import { SCORED_SCALES } from '../pipeline/score.js';
import { parseBenchArgs, usageError } from './lib/args.js';
import { ensureBuilt, productModule } from './lib/product.js';

const SELF = fileURLToPath(import.meta.url);
const CACHE = path.join(os.tmpdir(), 'rootwork-bench-pipeline');
const SIZES = {
  '100k': { orgs: 1000, staffMin: 50, staffMax: 150 },
  '1m': { orgs: 5000, staffMin: 100, staffMax: 300 },
  '10k': { orgs: 100, staffMin: 50, staffMax: 150 },
} as const;
type SizeName = keyof typeof SIZES;
const SEED = 20261128;
/** Whole-pipeline runs per size; the median run is reported. */
const PIPELINE_RUNS = 3;
const ITEMS = SCALES.flatMap((s) => s.items);
const CSV_COLUMNS = ['organization_id', 'role', ...RACE_CATEGORIES, 'race_self', 'race_decline', ...ITEMS];
const log = (line: string) => process.stderr.write(`bench:pipeline: ${line}\n`);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time of the whole process (every thread, user + system): on a shared machine, steadier than wall time. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// ---- children: one measurement each, JSON on stdout ----
// The children measure the compiled product (dist/), as `rootwork pipeline` runs it (lib/product.ts).
const [mode, dbFile, extra] = process.argv.slice(2);
const product = async () => ({
  ...(await productModule<typeof import('../data/connect.js')>('data/connect.js')),
  ...(await productModule<typeof import('../pipeline/extract.js')>('pipeline/extract.js')),
  ...(await productModule<typeof import('../pipeline/run.js')>('pipeline/run.js')),
  ...(await productModule<typeof import('../pipeline/score.js')>('pipeline/score.js')),
});
if (mode === '--child-pipeline') {
  const { openDatabase, runPipeline } = await product();
  const h = await openDatabase(dbFile);
  const wave = await h.db.selectFrom('waves').select('id').executeTakeFirstOrThrow();
  const stages: { stage: Stage; ms: number; cpuMs: number; peakMb: number }[] = [];
  const started = performance.now();
  const cpuStart = cpuMs();
  let cpuMark = cpuStart;
  const onStage = (stage: Stage, ms: number) => {
    const now = cpuMs();
    stages.push({ stage, ms, cpuMs: now - cpuMark, peakMb: peakMb() });
    cpuMark = now;
  };
  await runPipeline({ waveId: wave.id, outDir: extra }, { db: h.db, log: () => {}, onStage });
  process.stdout.write(JSON.stringify({ stages, totalMs: performance.now() - started, cpuMs: cpuMs() - cpuStart, peakMb: peakMb() }));
  await h.close();
  process.exit(0);
}
if (mode === '--child-aggregate') {
  const { openDatabase, extractWave, scoreColumns } = await product();
  const h = await openDatabase(dbFile);
  const wave = await h.db.selectFrom('waves').select('id').executeTakeFirstOrThrow();
  const t0 = performance.now();
  const c0 = cpuMs();
  const data = await extractWave(h.db, wave.id);
  const t1 = performance.now();
  const c1 = cpuMs();
  const { scores } = scoreColumns(data.items, data.n);
  // organization × race (poc −1/0/1) × role (0–8) scale means, as DuckDB's GROUP BY computes them.
  const cells = data.orgs.length * 3 * 9;
  const sums = SCORED_SCALES.map(() => new Float64Array(cells));
  const counts = SCORED_SCALES.map(() => new Uint32Array(cells));
  for (let i = 0; i < data.n; i++) {
    const key = (data.org[i] * 3 + data.poc[i] + 1) * 9 + data.role[i];
    SCORED_SCALES.forEach((s, j) => {
      const v = scores[s.id]![i];
      if (!Number.isNaN(v)) {
        sums[j][key] += v;
        counts[j][key] += 1;
      }
    });
  }
  let groups = 0;
  for (let c = 0; c < cells; c++) if (counts.some((n) => n[c] > 0)) groups++;
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ extractMs: t1 - t0, extractCpuMs: c1 - c0, scoreAggregateMs: t2 - t1, scoreAggregateCpuMs: cpuMs() - c1, totalMs: t2 - t0, groups, n: data.n, peakMb: peakMb() }));
  await h.close();
  process.exit(0);
}
if (mode === '--child-duckdb') {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const t0 = performance.now();
  const c0 = cpuMs();
  const reader = await conn.runAndReadAll(duckdbQuery(dbFile));
  const rows = reader.getRows();
  process.stdout.write(JSON.stringify({ totalMs: performance.now() - t0, cpuMs: cpuMs() - c0, groups: rows.length, peakMb: peakMb() }));
  process.exit(0);
}

function duckdbQuery(csv: string): string {
  const score = (s: (typeof SCALES)[number]) => {
    const present = s.items.map((i) => `(${i} IS NOT NULL)::INT`).join(' + ');
    const value = s.items.map((i) => (i === 'sat_2r' ? `coalesce(8 - ${i}, 0)` : `coalesce(${i}, 0)`)).join(' + ');
    return `CASE WHEN (${present}) * 3 >= ${s.items.length * 2} THEN (${value}) / (${present}) END AS ${s.id}`;
  };
  const nonWhite = RACE_CATEGORIES.filter((c) => c !== 'race_white').map((c) => `coalesce(${c}, 0) = 1`).join(' OR ');
  return `WITH s AS (
    SELECT organization_id, role,
      CASE WHEN coalesce(race_decline, 0) = 1 THEN NULL WHEN ${nonWhite} OR coalesce(trim(race_self), '') <> '' THEN 1 WHEN race_white = 1 THEN 0 END AS poc,
      ${SCORED_SCALES.map(score).join(',\n      ')}
    FROM read_csv('${csv}', header = true, nullstr = '', types = {'race_self': 'VARCHAR'}))
  SELECT organization_id, poc, role, ${SCORED_SCALES.map((s) => `avg(${s.id})`).join(', ')}, count(*) FROM s GROUP BY ALL`;
}

// ---- parent: cache the data, run the children, print the table ----
// Imported here, not above: the children load only the compiled product.
const { openDatabase } = await import('../data/connect.js');
const { MIGRATIONS, migrateToLatest } = await import('../data/migrate.js');
const { writeSyntheticStudy } = await import('../data/synthetic/write.js');
const values = parseBenchArgs('bench:pipeline', `Usage: npm run bench:pipeline [-- --sizes 100k,1m]\nGenerated studies are cached under ${CACHE} (delete it to regenerate).\n`, { sizes: { type: 'string' } });
const sizes = (values.sizes ?? '100k,1m').split(',').map((s) => s.trim().toLowerCase());
for (const s of sizes) if (!(s in SIZES)) usageError('bench:pipeline', `unknown size "${s}": use 100k, 1m or 10k.`);
fs.mkdirSync(CACHE, { recursive: true });
ensureBuilt(log);
const loadAtStart = os.loadavg().map((x) => x.toFixed(2)).join(', ');

async function ensureData(name: SizeName): Promise<{ db: string; csv: string }> {
  const p = SIZES[name];
  // The schema is part of the key: a study cached under an older layout would measure that layout.
  const schema = Object.keys(MIGRATIONS).at(-1)!.slice(0, 19);
  const key = `o${p.orgs}-s${p.staffMin}-${p.staffMax}-seed${SEED}-${schema}`;
  const db = path.join(CACHE, `${key}.db`);
  const csv = path.join(CACHE, `${key}.csv`);
  if (!fs.existsSync(db)) {
    log(`generating ${name} (${p.orgs} organizations, ${p.staffMin}–${p.staffMax} staff) into ${db} — cached for next time`);
    const tmp = `${db}.tmp`;
    fs.rmSync(tmp, { force: true });
    const h = await openDatabase(tmp);
    h.sqlite!.pragma('synchronous = OFF');
    await migrateToLatest(h.db);
    const started = Date.now();
    await writeSyntheticStudy(h.db, { ...p, seed: SEED, studyName: `Bench ${name}` }, { chunkRows: 50_000, onProgress: (d, t) => d % 500 === 0 && log(`  ${d}/${t} organizations`) });
    h.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await h.close();
    fs.renameSync(tmp, db);
    log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (!fs.existsSync(csv)) {
    log(`writing the same responses as CSV for DuckDB: ${csv}`);
    const h = await openDatabase(db);
    const stmt = h.sqlite!.prepare(`SELECT ${CSV_COLUMNS.join(', ')} FROM responses`).raw(true);
    const fd = fs.openSync(`${csv}.tmp`, 'w');
    let buf = CSV_COLUMNS.join(',') + '\n';
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      buf += row.map((v) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v))).join(',') + '\n';
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
    fs.renameSync(`${csv}.tmp`, csv);
    await h.close();
  }
  return { db, csv };
}

/**
 * Reads a file once so both engines start with their input in the OS page cache. Without
 * it, whichever measurement came first after other disk-heavy work (the submission
 * benchmark writes gigabytes) read its input from disk: the same 1M extract took 4 s warm
 * and 9–13 s cold, which measured the disk rather than Rootwork against DuckDB.
 */
function warm(file: string): void {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}

function child(args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${args[0]} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const s = (ms: unknown) => `${((ms as number) / 1000).toFixed(2)} s`;
const lines: string[] = ['| size | measurement | time | CPU time (all threads) | peak RSS |', '|---|---|---|---|---|'];
const checks: string[] = [];
for (const name of sizes as SizeName[]) {
  const { db, csv } = await ensureData(name);
  warm(csv);
  warm(db);
  log(`${name}: DuckDB from CSV`);
  const duck = child(['--child-duckdb', csv]);
  log(`${name}: extract + score + aggregate`);
  const agg = child(['--child-aggregate', db]);
  // The whole pipeline several times, the median run reported: on a shared machine one run's
  // wall time moved by a fifth from one minute to the next.
  const runs: Record<string, unknown>[] = [];
  for (let r = 1; r <= PIPELINE_RUNS; r++) {
    log(`${name}: whole pipeline, run ${r} of ${PIPELINE_RUNS}`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-bench-out-'));
    runs.push(child(['--child-pipeline', db, out]));
    fs.rmSync(out, { recursive: true, force: true });
  }
  const byTime = [...runs].sort((a, b) => (a.totalMs as number) - (b.totalMs as number));
  const run = byTime[(byTime.length - 1) >> 1];
  const allRuns = runs.map((r) => s(r.totalMs)).join(', ');
  const n = (agg.n as number).toLocaleString('en-US');
  lines.push(`| ${name} (${n} responses) | DuckDB: CSV → org × race × role scale means (${duck.groups} groups) | ${s(duck.totalMs)} | ${s(duck.cpuMs)} | ${duck.peakMb} MB |`);
  lines.push(`| | Rootwork: extract (Kysely, SQLite) | ${s(agg.extractMs)} | ${s(agg.extractCpuMs)} | |`);
  lines.push(`| | Rootwork: score + same aggregation (${agg.groups} groups) | ${s(agg.scoreAggregateMs)} | ${s(agg.scoreAggregateCpuMs)} | ${agg.peakMb} MB |`);
  for (const st of run.stages as { stage: string; ms: number; cpuMs: number; peakMb: number }[]) lines.push(`| | pipeline stage: ${st.stage} | ${s(st.ms)} | ${s(st.cpuMs)} | ${st.peakMb} MB |`);
  lines.push(`| | **whole pipeline** (median of ${PIPELINE_RUNS} runs: ${allRuns}) | **${s(run.totalMs)}** | **${s(run.cpuMs)}** | **${run.peakMb} MB** |`);
  const ratio = (agg.totalMs as number) / (duck.totalMs as number);
  checks.push(`- ${name}: extract + score + aggregate = ${ratio.toFixed(2)}× DuckDB (target ≤ 2.5×): ${ratio <= 2.5 ? 'met' : 'missed'}`);
  if (name === '1m') {
    const peak = Math.max(...runs.map((r) => r.peakMb as number));
    checks.push(`- 1m: whole pipeline ${s(run.totalMs)}, the median of ${allRuns} (target < 10 s, issue #20): ${(run.totalMs as number) < 10_000 ? 'met' : 'missed'}; peak RSS at most ${peak} MB (target < 1024 MB): ${peak < 1024 ? 'met' : 'missed'}`);
    // The stages' own shares of that budget: score + analyze ≤ 3 s; write ≤ 0.5 s without a jump in memory.
    const st = Object.fromEntries((run.stages as { stage: string; ms: number; peakMb: number }[]).map((x, i, all) => [x.stage, { ms: x.ms, growth: x.peakMb - (all[i - 1]?.peakMb ?? x.peakMb) }]));
    const scoreAnalyze = st.score.ms + st.analyze.ms;
    checks.push(`- 1m: score + analyze ${s(scoreAnalyze)} (share ≤ 3 s): ${scoreAnalyze <= 3000 ? 'met' : 'missed'}; write ${s(st.write.ms)} (share ≤ 0.5 s): ${st.write.ms <= 500 ? 'met' : 'missed'}, raising peak RSS by ${st.write.growth} MB`);
  }
}
const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
process.stdout.write([`Command: \`npm run bench:pipeline${sizes.join(',') === '100k,1m' ? '' : ` -- --sizes ${sizes.join(',')}`}\` on ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadAtStart} at the start, ${load} at the end. The Rootwork measurements run the compiled product (dist/), as \`rootwork pipeline\` does. On a loaded machine wall times stretch with the load; CPU times (every thread of the process) much less.`, '', ...lines, '', ...checks, ''].join('\n'));
