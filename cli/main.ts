// The `rootwork` command: dispatches to one module per command under commands/. Every
// failure prints one line to stderr and exits non-zero (2 for usage, 1 otherwise).
import { UsageError, type Command, type CommandContext } from './args.js';

export interface CommandEntry {
  name: string;
  summary: string;
  /** The command's --help text, from its light module under usage/ (which imports nothing). */
  usage(): Promise<string>;
  load(): Promise<Command>;
}

// The summaries live here so that `rootwork --help` loads no command, and each command's
// --help text lives in usage/NAME.ts so that `rootwork NAME --help` loads only that: a
// command's module (and what it imports: the database drivers, the statistics, the chart
// libraries) is loaded only when the command runs.
export const COMMANDS: CommandEntry[] = [
  {
    name: 'migrate',
    summary: 'create or update the database schema',
    usage: async () => (await import('./usage/migrate.js')).usage,
    load: async () => (await import('./commands/migrate.js')).migrateCommand,
  },
  {
    name: 'serve',
    summary: 'run the survey service (survey pages, profile forms, admin, API)',
    usage: async () => (await import('./usage/serve.js')).usage,
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'demo',
    summary: 'seed a demo study (if the database is empty), run the pipeline and serve it',
    usage: async () => (await import('./usage/demo.js')).usage,
    load: async () => (await import('./commands/demo.js')).demoCommand,
  },
  {
    name: 'synthetic',
    summary: 'seed a deterministic synthetic study (for demos, tests and benchmarks)',
    usage: async () => (await import('./usage/synthetic.js')).usage,
    load: async () => (await import('./commands/synthetic.js')).syntheticCommand,
  },
  {
    name: 'backup',
    summary: 'copy the SQLite database consistently while the service runs',
    usage: async () => (await import('./usage/backup.js')).usage,
    load: async () => (await import('./commands/backup.js')).backupCommand,
  },
  {
    name: 'pipeline',
    summary: 'score and analyze a wave, apply disclosure control, write results.json',
    usage: async () => (await import('./usage/pipeline.js')).usage,
    load: async () => (await import('./commands/pipeline.js')).pipelineCommand,
  },
  {
    name: 'publish',
    summary: 'publish a pipeline run as a release of its wave (what reports and exports are served from)',
    usage: async () => (await import('./usage/publish.js')).usage,
    load: async () => (await import('./commands/publish.js')).publishCommand,
  },
  {
    name: 'report',
    summary: 'write the study and organization reports of a pipeline run (optionally as PDF)',
    usage: async () => (await import('./usage/report.js')).usage,
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  {
    name: 'admin',
    summary: 'run a study: tokens, studies, waves, organizations, invites, links, participation',
    usage: async () => (await import('./usage/admin.js')).usage,
    load: async () => (await import('./commands/admin.js')).adminCommand,
  },
  {
    name: 'export',
    summary: 'write analysis-ready CSVs, codebook and data package for a wave (k-anonymous)',
    usage: async () => (await import('./usage/export.js')).usage,
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'import',
    summary: 'import responses from a CSV file (paper forms, another survey tool, a Rootwork export)',
    usage: async () => (await import('./usage/import.js')).usage,
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  {
    name: 'power',
    summary: 'power of H1–H5 by simulation for a planned study (organizations, staff, effect size)',
    usage: async () => (await import('./usage/power.js')).usage,
    load: async () => (await import('./commands/power.js')).powerCommand,
  },
];

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
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    ctx.err(`rootwork: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See \`rootwork --help\`.`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.out(await entry.usage());
      return 0;
    }
    const command = await entry.load();
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

/** Runs the command line of this process and exits with its code (bin/rootwork.js calls this). */
export async function runFromProcess(): Promise<never> {
  const code = await main(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  });
  // Long-running commands (serve, demo) never return here; everything else exits now.
  process.exit(code);
}

// Also runnable directly: `node dist/cli/main.js` or `tsx cli/main.ts`.
if (process.argv[1] && /cli[\\/]main\.[jt]s$/.test(process.argv[1])) await runFromProcess();
