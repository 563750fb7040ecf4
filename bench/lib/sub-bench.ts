// Runs a benchmark script another engineer owns (bench/pipeline.ts, bench/reports.ts) as a
// child process and keeps what it printed: their figures go into bench/results.md as given.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../tests/kit/child-server.js';

export interface SubBenchResult {
  script: string;
  status: 'ok' | 'failed' | 'missing';
  exitCode: number | null;
  stdout: string;
  /** The last lines of stderr, to say why a failed run failed. */
  stderrTail: string;
  seconds: number;
  /** The machine's load average (1, 5, 15 minutes) as the script started. */
  loadAtStart: [number, number, number];
}

export function runSubBench(script: string, args: string[] = [], log: (line: string) => void = () => {}): Promise<SubBenchResult> {
  const file = path.join(ROOT, script);
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];
  if (!fs.existsSync(file)) {
    return Promise.resolve({ script, status: 'missing', exitCode: null, stdout: '', stderrTail: '', seconds: 0, loadAtStart });
  }
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      for (const line of d.split('\n')) if (line.trim()) log(`  ${script}: ${line.trim()}`);
    });
    child.once('exit', (code) => {
      resolve({
        script,
        status: code === 0 ? 'ok' : 'failed',
        exitCode: code,
        stdout: stdout.trim(),
        stderrTail: stderr.trim().split('\n').slice(-5).join('\n'),
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        loadAtStart,
      });
    });
  });
}
