// rootwork publish DIR: records a pipeline run as a release of its wave in the ledger, after
// the checks in pipeline/publish (the folder is what the pipeline wrote, the wave is closed,
// its data unchanged, the run checked against every earlier release, its k not lowered).
import { publishRun } from '../../pipeline/publish/index.js';
import { parse, UsageError, type Command, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';

export const publishCommand: Command = {
  name: 'publish',
  usage: `Usage: rootwork publish DIR

Publishes the pipeline run in DIR (written by \`rootwork pipeline --out DIR\`) as a release
of its wave: the ledger records what was published, at which k, over which groups of
respondents, and from then on the organization reports (the /p/TOKEN/report links), the
study report in the admin pages and \`rootwork export\` come from this release.
Refused, with nothing recorded, when a file in DIR changed since the run, the wave is
still open, the wave's data changed since the run (late responses: rerun the pipeline),
a release was published that the run was not checked against, the run is older than
the wave's latest release, its k is below the wave's or an earlier release's, or DIR
was published already. Prints the release id; writes DIR/release.json.`,
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
