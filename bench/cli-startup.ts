// CLI start-up: for `rootwork --help`, each `rootwork CMD --help` and `npx rootwork --help`,
// five runs under /usr/bin/time, median wall time and median CPU time (user + system). Runs
// the compiled CLI (bin/rootwork.js → dist/): `npm run build` first. Markdown on stdout.
//
//   npx tsx bench/cli-startup.ts
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

function measure(argv: string[]): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', ...argv], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.stderr.trim()}`);
    const [e, u, s] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    wall.push(e);
    cpu.push(u + s);
  }
  return `${median(wall).toFixed(2)} s (${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)}) | ${median(cpu).toFixed(2)} s`;
}

const lines = [`Load average at the start: ${load()}.`, '', '| command | wall, median (min–max) | CPU, median |', '|---|---:|---:|'];
lines.push(`| \`rootwork --help\` | ${measure(['node', 'bin/rootwork.js', '--help'])} |`);
for (const { name } of COMMANDS) lines.push(`| \`rootwork ${name} --help\` | ${measure(['node', 'bin/rootwork.js', name, '--help'])} |`);
lines.push(`| \`npx rootwork --help\` | ${measure(['npx', 'rootwork', '--help'])} |`);
lines.push('', `Load average at the end: ${load()}.`);
process.stdout.write(lines.join('\n') + '\n');
