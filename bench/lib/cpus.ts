// Keeping the load generator off the server's cores: `--cpus GEN:SERVER` gives autocannon
// (this process) one set of CPUs and every server the benchmark starts another, through
// Linux CPU affinity (taskset).
//
// Why: on a machine where autocannon shares the server's cores, the ratio to the bare route
// measures the sharing as much as the route. The bare route is one thread and leaves the
// generator a core; the real route's two threads (request, writer) compete with it.
// Separate cores are how a server's throughput is normally measured (or a second machine).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface CpuSplit {
  /** CPUs for this process, which runs autocannon. */
  generator: number[];
  /** CPUs for every server process the benchmark starts (and the threads it starts). */
  server: number[];
}

const LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** A Linux CPU list ("0", "1-3", "0,2-3") as sorted distinct CPU numbers. */
export function parseCpuList(text: string): number[] {
  if (!LIST.test(text)) throw new RangeError(`"${text}" is not a CPU list: write numbers and ranges like 0 or 1-3 or 0,2-3.`);
  const cpus = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    if (to < from) throw new RangeError(`"${part}" counts down: write the range low to high.`);
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** CPU numbers back as the shortest Linux CPU list ("0,2-3"). */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** `GEN:SERVER` (e.g. "0:1-3"), checked against the CPUs this process may run on. */
export function parseCpuSplit(text: string, allowed: readonly number[]): CpuSplit {
  const halves = text.split(':');
  if (halves.length !== 2) throw new RangeError(`"${text}" is not GEN:SERVER: give autocannon's CPUs, a colon, then the servers' CPUs, e.g. 0:1-3.`);
  const [generator, server] = halves.map(parseCpuList);
  const shared = generator.filter((cpu) => server.includes(cpu));
  if (shared.length > 0) throw new RangeError(`CPU ${formatCpuList(shared)} is given to both autocannon and the servers: the two sets must not overlap.`);
  const unknown = [...generator, ...server].filter((cpu) => !allowed.includes(cpu));
  if (unknown.length > 0) throw new RangeError(`CPU ${formatCpuList(unknown)} is not one this process may run on (it may use ${formatCpuList(allowed)}).`);
  return { generator, server };
}

/** The CPUs the process or thread `pid` (default this process) may run on, from /proc. */
export function allowedCpus(pid: number | 'self' = 'self'): number[] {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = /^Cpus_allowed_list:\s*(\S+)$/m.exec(status);
  if (!line) throw new Error(`/proc/${pid}/status has no Cpus_allowed_list line: CPU affinity is Linux-only.`);
  return parseCpuList(line[1]);
}

/** Whether taskset (util-linux) is on the PATH. */
export function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Sets the affinity of every thread of the process `pid` (threads it starts later inherit it). */
export function setAffinity(pid: number, cpus: readonly number[]): void {
  const run = spawnSync('taskset', ['--all-tasks', '--pid', '--cpu-list', formatCpuList(cpus), String(pid)], { encoding: 'utf8' });
  if (run.error) throw new Error(`Could not run taskset to pin process ${pid}: ${run.error.message}.`);
  if (run.status !== 0) throw new Error(`taskset could not pin process ${pid} to CPUs ${formatCpuList(cpus)}: ${run.stderr.trim()}`);
}

/** Runs `work` with this process (autocannon) on `cpus`, then gives it back the CPUs it had. */
export async function withThisProcessOn<T>(cpus: readonly number[] | undefined, work: () => Promise<T>): Promise<T> {
  if (!cpus) return work();
  const before = allowedCpus();
  setAffinity(process.pid, cpus);
  try {
    return await work();
  } finally {
    setAffinity(process.pid, before);
  }
}
