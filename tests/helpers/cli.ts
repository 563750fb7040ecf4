// Runs the real `rootwork` command as a child process, the way a person runs it, and
// returns its exit code and output (never throws on a non-zero exit).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const BIN = path.resolve('bin/rootwork.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function rootwork(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000, cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
