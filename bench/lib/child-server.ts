// Starts a Rootwork (or bare) HTTP server as a child process on a free loopback port and
// waits for the line announcing its URL. Shared by the benchmarks and the evidence tests,
// which need a real process they can SIGKILL and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOTWORK_BIN = path.join(ROOT, 'bin', 'rootwork.js');

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process printed (stdout and stderr), line by line. */
  logs: string[];
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** How long to wait for the URL line before giving up. */
  timeoutMs?: number;
}

const URL_LINE = /https?:\/\/(?:localhost|127\.0\.0\.1):(\d+)/;

/** `rootwork serve --port 0` on DATABASE_URL from `env`. */
export function startRootwork(options: StartOptions = {}): Promise<ChildServer> {
  return startChild([ROOTWORK_BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], options);
}

/** A TypeScript entry point run through tsx (e.g. bench/bare-server.ts). */
export function startTsEntry(file: string, options: StartOptions = {}): Promise<ChildServer> {
  return startChild(['--import', 'tsx', file], options);
}

function startChild(args: string[], options: StartOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`The server did not start within ${options.timeoutMs ?? 60_000} ms. Its output:\n${logs.join('\n')}`)), options.timeoutMs ?? 60_000);
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onLine = (line: string) => {
      logs.push(line);
      const m = URL_LINE.exec(line);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          port,
          process: child,
          logs,
          exited,
          async stop(signal: NodeJS.Signals = 'SIGTERM') {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
    void exited.then(({ code, signal }) => fail(new Error(`The server exited (code ${code}, signal ${signal}) before it started. Its output:\n${logs.join('\n')}`)));
  });
}
