// The cost of how the SQLite submission writer stores a response, measured on the writer
// alone (no HTTP), on a database already holding 20,000 responses:
// - the time of one submission when each is its own commit (low traffic, where the writer
//   also checkpoints and truncates the log after each, once idle);
// - submissions per second when 4,000 arrive at once;
// - submissions sent 50 at a time (as 50 connections send them): CPU time of the whole
//   process (every thread) and bytes it wrote (/proc/self/io, Linux), per 50-row commit,
//   and the CPU time of the writer thread and of the checkpoint thread alone per stored
//   submission (/proc/self/task/*/schedstat, Linux). On a shared machine these hold steady
//   where wall times do not.
//
//   npx tsx bench/storage-cost.ts [ROOT ...]
//
// ROOT is a checkout to measure (default: this one); give two, e.g. this one and a worktree
// of an older commit, and they are run in turns, three rounds, so the machine's drift falls
// on both alike. One JSON line per run on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SECRET = 'bench-secret-0123456789abcdef';
const SEQUENTIAL = 300;
const AT_ONCE = 4000;
const STORED_BEFORE = 20_000;
const GROUP = 50;
const GROUPS = 200;
const DAY = '2026-12-03';

interface Cost {
  root: string;
  perCommitMs: number;
  atOncePerSecond: number;
  /** Sent 50 at a time: CPU ms (all threads) and KB written per group of 50. */
  groupCpuMs: number;
  groupKbWritten: number | null;
  groupsPerSecond: number;
  /** Sent 50 at a time: CPU µs per submission of the writer thread and of the checkpoint thread (null off Linux). */
  writerThreadUs: number | null;
  checkpointThreadUs: number | null;
}

/** CPU time (ns) of each thread of this process, by thread id (empty where /proc is missing). */
function threadCpuNs(): Map<number, number> {
  const times = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      try {
        times.set(Number(tid), Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // Not Linux.
  }
  return times;
}

/** Bytes this process has written to storage so far (null where /proc/self/io is missing). */
function bytesWritten(): number | null {
  try {
    const m = /^write_bytes: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function measure(root: string): Promise<Cost> {
  const load = (module: string) => import(path.join(root, module));
  const { openDatabase } = await load('data/connect.ts');
  const { migrateToLatest } = await load('data/migrate.ts');
  const { createSubmissionWriter } = await load('data/submissions/writer.ts');
  const { toResponseBody } = await load('survey/respond/to-body.ts');
  const { issueInvites } = await load('data/repositories/invites.ts');
  const { createOrganizations } = await load('data/repositories/organizations.ts');
  const { createStudy, createWave } = await load('data/repositories/studies.ts');
  const { keyedHash, randomId, inviteCodeHash } = await load('data/ids.ts');
  const { SAMPLE_ANSWERS } = await load('tests/kit/payload.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-storage-cost-'));
  const handle = await openDatabase(path.join(dir, 'bench.db'));
  try {
    await migrateToLatest(handle.db);
    const study = await createStudy(handle.db, { name: 'bench' });
    const wave = await createWave(handle.db, { studyId: study.id, name: 'wave', status: 'open', k: 5, closesOn: null });
    const [org] = await createOrganizations(handle.db, [{ studyId: study.id, name: 'org' }]);
    const { codes } = (await issueInvites(handle.db, SECRET, wave.id, org.id, STORED_BEFORE + SEQUENTIAL + AT_ONCE + GROUP * GROUPS)) as { codes: string[] };
    // Threads started from here on are the writer's: its own thread first (on the first
    // batch), then the checkpoint thread (after the first commit); thread ids only grow.
    const threadsBefore = new Set(threadCpuNs().keys());
    const writer = createSubmissionWriter(handle.db);
    // A build from before tokens existed ignores tokenHash.
    const submission = (code: string) => ({
      row: toResponseBody(SAMPLE_ANSWERS, { id: randomId(), receivedOn: DAY, lang: 'en', source: 'api' }),
      to: { kind: 'invite', codeHash: inviteCodeHash(SECRET, code), day: DAY },
      tokenHash: keyedHash(SECRET, randomId()),
    });
    for (let i = 0; i < STORED_BEFORE; i += 2000) await Promise.all(codes.slice(i, i + 2000).map((c) => writer.submit(submission(c))));
    let started = performance.now();
    for (const code of codes.slice(STORED_BEFORE, STORED_BEFORE + SEQUENTIAL)) await writer.submit(submission(code));
    const perCommitMs = (performance.now() - started) / SEQUENTIAL;
    started = performance.now();
    const atOnce = STORED_BEFORE + SEQUENTIAL;
    await Promise.all(codes.slice(atOnce, atOnce + AT_ONCE).map((c) => writer.submit(submission(c))));
    const atOncePerSecond = AT_ONCE / ((performance.now() - started) / 1000);
    // Bodies made first: only the writer's work falls in the measured CPU time.
    const groups = Array.from({ length: GROUPS }, (_, g) => codes.slice(atOnce + AT_ONCE + g * GROUP, atOnce + AT_ONCE + (g + 1) * GROUP).map(submission));
    const bytes0 = bytesWritten();
    const threads0 = threadCpuNs();
    const [writerTid, checkpointTid] = [...threads0.keys()].filter((tid) => !threadsBefore.has(tid)).sort((a, b) => a - b);
    const cpu0 = process.cpuUsage();
    started = performance.now();
    for (const group of groups) await Promise.all(group.map((s) => writer.submit(s)));
    const groupMs = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    const threads1 = threadCpuNs();
    const bytes1 = bytesWritten();
    const threadUs = (tid: number | undefined) => (tid === undefined || !threads1.has(tid) ? null : Number((((threads1.get(tid) ?? 0) - (threads0.get(tid) ?? 0)) / 1000 / (GROUPS * GROUP)).toFixed(1)));
    await writer.close();
    return {
      root,
      perCommitMs: Number(perCommitMs.toFixed(2)),
      atOncePerSecond: Math.round(atOncePerSecond),
      groupCpuMs: Number(((cpu.user + cpu.system) / 1000 / GROUPS).toFixed(2)),
      groupKbWritten: bytes0 === null || bytes1 === null ? null : Math.round((bytes1 - bytes0) / 1024 / GROUPS),
      groupsPerSecond: Math.round(GROUPS / (groupMs / 1000)),
      writerThreadUs: threadUs(writerTid),
      checkpointThreadUs: threadUs(checkpointTid),
    };
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2).map((r) => path.resolve(r)) : [here];
for (let round = 1; round <= 3; round++) {
  for (const root of roots) console.log(JSON.stringify({ round, ...(await measure(root)) }));
}
