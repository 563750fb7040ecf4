// Command-line handling shared by the bench scripts: a usage mistake is one line on stderr
// and exit code 2 (never a stack trace), and --help prints the script's usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One line naming the script, then exit 2. */
export function usageError(script: string, message: string): never {
  process.stderr.write(`${script}: ${message}\n`);
  process.exit(2);
}

/** The script's options (strictly: an unknown one is a usage mistake); --help prints `usage` and exits 0. */
export function parseBenchArgs<const T extends Options>(script: string, usage: string, options: T) {
  let parsed: ReturnType<typeof parseArgs<{ options: T & { help: { type: 'boolean'; short: 'h' } }; strict: true }>>;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true });
  } catch (cause) {
    usageError(script, `${(cause as Error).message.split('\n')[0].replace(/\.$/, '')}. See --help.`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return parsed.values;
}
