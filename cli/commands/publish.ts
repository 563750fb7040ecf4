// rootwork publish DIR: records a pipeline run as a release of its wave in the ledger, after
// the checks in pipeline/publish (the folder is what the pipeline wrote, the wave is closed,
// its data unchanged, the run checked against every earlier release, its k not lowered).
import { publishRun } from '../../pipeline/publish/index.js';
import { parse, UsageError, type Command, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';
import { usage } from '../usage/publish.js';

export const publishCommand: Command = {
  name: 'publish',
  usage,
  async run(argv, ctx) {
    const { positionals } = parse('publish', argv, {}, true);
    if (positionals.length !== 1 || positionals[0].trim() === '') {
      throw new UsageError('publish: give exactly one run folder, e.g. `rootwork publish reports/out/fall-2026`. See `rootwork publish --help`.');
    }
    const { config, handle } = await openConfigured(ctx.env);
    try {
      await publishAndSay(positionals[0], { db: handle.db, secret: config.secret }, ctx);
    } finally {
      await handle.close();
    }
  },
};

/** Publishes DIR and prints the release id (stdout) and where release.json went (stderr). */
export async function publishAndSay(dir: string, deps: Parameters<typeof publishRun>[1], ctx: CommandContext): Promise<string> {
  const { release, file } = await publishRun(dir, deps);
  ctx.err(`Published ${dir} as release ${release.id} of its wave (k = ${release.k}, ${release.published_on}); wrote ${file}.`);
  ctx.out(release.id);
  return release.id;
}
