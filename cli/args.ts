// Argument parsing shared by every command: node's parseArgs, strict, with errors turned
// into one line that names the bad flag and points at --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MIN_K } from '../data/repositories/studies.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  /** Data (links, paths, JSON) goes to stdout. */
  out: (line: string) => void;
  /** Progress and logs go to stderr. */
  err: (line: string) => void;
  /** True when stderr is a terminal (progress bars); false in CI and pipes. */
  interactive: boolean;
}

/** A command's module; its one-line summary is in main.ts's list, read without loading the module. */
export interface Command {
  name: string;
  usage: string;
  run(argv: string[], ctx: CommandContext): Promise<number | void>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (cause) {
    const msg = (cause as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${command}: ${msg}. See \`rootwork ${command} --help\`.`);
  }
}

export function intFlag(command: string, flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`${command}: --${flag} must be a whole number (got "${value}").`);
  return n;
}

/** --k: a whole number no smaller than the smallest k Rootwork allows (undefined when absent). */
export function kFlag(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const k = intFlag(command, 'k', value, MIN_K);
  if (k < MIN_K) throw new UsageError(`${command}: --k must be at least ${MIN_K} (got ${k}).`);
  return k;
}

/** Parses "MIN..MAX" (or a single number). */
export function rangeFlag(command: string, flag: string, value: string | undefined, fallback: [number, number]): [number, number] {
  if (value === undefined) return fallback;
  const m = /^(\d+)(?:\.\.(\d+))?$/.exec(value.trim());
  if (!m) throw new UsageError(`${command}: --${flag} must look like MIN..MAX, e.g. 5..40 (got "${value}").`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo < 1 || hi < lo) throw new UsageError(`${command}: --${flag} needs 1 <= MIN <= MAX (got "${value}").`);
  return [lo, hi];
}
