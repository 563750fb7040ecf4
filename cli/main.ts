// The `rootwork` command: dispatches to one module per command under commands/. Every
// failure prints one line to stderr and exits non-zero (2 for usage, 1 otherwise).
import { UsageError, type Command, type CommandContext } from './args.js';
import { demoCommand } from './commands/demo.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { syntheticCommand } from './commands/synthetic.js';
import { adminCommand } from './commands/admin.js';
import { backupCommand } from './commands/backup.js';
import { pipelineCommand } from './commands/pipeline.js';
import { reportCommand } from './commands/report.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';

export const COMMANDS: Command[] = [migrateCommand, serveCommand, demoCommand, syntheticCommand, backupCommand, pipelineCommand, reportCommand, adminCommand, exportCommand, importCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: rootwork <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `rootwork <command> --help` for a command\'s options.',
    'Environment: DATABASE_URL (default data/rootwork.db; postgres://... for PostgreSQL), PORT (3000), ROOTWORK_SECRET.',
  ].join('\n');
}

export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.err(`rootwork: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See \`rootwork --help\`.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.out(command.usage);
    return 0;
  }
  try {
    const code = await command.run(rest, ctx);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.err(`rootwork ${err.message}`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    ctx.err(`rootwork ${name}: ${message.split('\n')[0]}`);
    if (ctx.env.ROOTWORK_DEBUG && err instanceof Error) ctx.err(err.stack ?? '');
    return 1;
  }
}

const isEntry = process.argv[1] && /cli[\\/]main\.ts$|bin[\\/]rootwork\.js$/.test(process.argv[1]);
if (isEntry) {
  const code = await main(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  });
  // Long-running commands (serve, demo) never return here; everything else exits now.
  process.exit(code);
}
