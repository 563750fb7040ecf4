// Starts a Rootwork (or bare) HTTP server as a child process on a free loopback port and
// waits for the line announcing its URL. Shared by the benchmarks and the evidence tests,
// which need a real process they can SIGKILL and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOTWORK_BIN = path.join(ROOT, 'bin', 'rootwork.js');

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process has printed so far (stdout and stderr), line by line. */
  readonly logs: string[];
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** How long to wait for the URL line before giving up. */
  timeoutMs?: number;
  /** Options for the child's node itself, e.g. ['--cpu-prof'] to profile the server. */
  nodeArgs?: string[];
  /** Another checkout of Rootwork to run (its own bin and node_modules; default this one). */
  root?: string;
  /** CPUs the server (and every thread it starts) may run on, through taskset (default: any). */
  cpus?: readonly number[];
}

const URL_LINE = /https?:\/\/(?:localhost|127\.0\.0\.1):(\d+)/;

/** `rootwork serve --port 0` on DATABASE_URL from `env`. */
export function startRootwork(options: StartOptions = {}): Promise<ChildServer> {
  const bin = options.root ? path.join(path.resolve(options.root), 'bin', 'rootwork.js') : ROOTWORK_BIN;
  return startChild([bin, 'serve', '--port', '0', '--host', '127.0.0.1'], options);
}

/** A TypeScript entry point run through tsx (e.g. bench/bare-server.ts). */
export function startTsEntry(file: string, options: StartOptions = {}): Promise<ChildServer> {
  return startChild(['--import', 'tsx', file], options);
}

// The child's output goes to a file, not a pipe: on Linux a write to a pipe is synchronous,
// so a child logging every request would stall whenever this process (busy driving the
// load) is slow to drain the pipe, and the benchmark would measure that instead of the server.
function startChild(args: string[], options: StartOptions): Promise<ChildServer> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-child-'));
  const logFile = path.join(logDir, 'output.log');
  const fd = fs.openSync(logFile, 'a');
  const nodeArgs = [...(options.nodeArgs ?? []), ...args];
  // taskset sets the affinity and then becomes node (exec), so the pid is the server's own.
  const command = options.cpus ? 'taskset' : process.execPath;
  const commandArgs = options.cpus ? ['--cpu-list', options.cpus.join(','), process.execPath, ...nodeArgs] : nodeArgs;
  const child = spawn(command, commandArgs, {
    cwd: options.root ? path.resolve(options.root) : ROOT,
    env: { ...process.env, PORT: '0', ...options.env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const readLogs = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l !== '') : []);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
    };
    const fail = (err: Error) => {
      if (settled) return;
      finish();
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`The server did not start within ${timeoutMs} ms. Its output:\n${readLogs().join('\n')}`)), timeoutMs);
    const poll = setInterval(() => {
      const m = readLogs().map((line) => URL_LINE.exec(line)).find(Boolean);
      if (!m || settled) return;
      finish();
      const port = Number(m[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        process: child,
        get logs() {
          return readLogs();
        },
        exited,
        async stop(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    }, 50);
    void exited.then(({ code, signal }) => {
      fail(new Error(`The server exited (code ${code}, signal ${signal}) before it started. Its output:\n${readLogs().join('\n')}`));
      // Keep the log while a test may still read it; the OS temp folder is cleaned later.
    });
  });
}
