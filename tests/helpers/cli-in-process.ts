// Runs `rootwork` in-process through the real CLI entry (cli/main.ts's main) on a SQLite file
// of its own, capturing stdout and stderr lines: for CLI tests that need many commands
// quickly and the exit code and every line of each. (tests/helpers/cli.ts runs the built
// command as a child process instead.)
import path from 'node:path';
import type { CommandContext } from '../../cli/args.js';
import { main } from '../../cli/main.js';
import { tempDir } from './databases.js';

export interface InProcessResult {
  code: number;
  out: string[];
  err: string[];
}

export interface InProcessCli {
  /** The temporary folder holding the database (tests write their run folders here too). */
  dir: string;
  /** DATABASE_URL and ROOTWORK_SECRET every command runs with. */
  env: { DATABASE_URL: string; ROOTWORK_SECRET: string };
  rootwork(...argv: string[]): Promise<InProcessResult>;
}

/** A fresh temporary folder with database file `dbName` in it, and a `rootwork` bound to them. */
export function inProcessCli(prefix: string, dbName: string): InProcessCli {
  const dir = tempDir(prefix);
  const env = { DATABASE_URL: path.join(dir, dbName), ROOTWORK_SECRET: 'a-test-secret-of-enough-length-0123456789' };
  return {
    dir,
    env,
    async rootwork(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const ctx: CommandContext = { env: { ...process.env, ...env }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false };
      const code = await main(argv, ctx);
      return { code, out, err };
    },
  };
}
