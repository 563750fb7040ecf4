// rootwork pipeline: run the research pipeline on a wave (the latest by default) and
// write DIR/results.json. A progress bar on a terminal, plain lines otherwise.
import cliProgress from 'cli-progress';
import { kFlag, parse, UsageError, type Command, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';
import { writeRunFolder } from '../run-folder.js';
import { publishAndSay } from './publish.js';
import { resolveWave, waveChoice } from '../wave.js';
import { usage } from '../usage/pipeline.js';

export const pipelineCommand: Command = {
  name: 'pipeline',
  usage,
  async run(argv, ctx) {
    const { values } = parse('pipeline', argv, { out: { type: 'string' }, wave: { type: 'string' }, study: { type: 'string' }, k: { type: 'string' }, publish: { type: 'boolean' } });
    const out = values.out as string | undefined;
    if (!out || out.trim() === '') throw new UsageError('pipeline: --out DIR is required (the folder to write results.json into). See `rootwork pipeline --help`.');
    const k = kFlag('pipeline', values.k as string | undefined);
    const choice = waveChoice('pipeline', values, { required: false });
    const { config, handle } = await openConfigured(ctx.env);
    try {
      const wave = await resolveWave(handle.db, choice, { verb: 'using', location: handle.location, announce: ctx.err });
      const run = await writeRunFolder({ waveId: wave.id, outDir: out, k }, { db: handle.db, secret: config.secret, log: ctx.err, progress: progressReporter(ctx) });
      ctx.out(run.resultsPath);
      if (values.publish) await publishAndSay(out, { db: handle.db, secret: config.secret }, ctx);
    } finally {
      await handle.close();
    }
  },
};

/** A cli-progress bar on a terminal; in CI or a pipe, one line per quarter of the way. */
function progressReporter(ctx: CommandContext): (done: number, total: number) => void {
  if (ctx.interactive) {
    let bar: cliProgress.SingleBar | null = null;
    return (done, total) => {
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: 'Reading responses [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
      if (done >= total) bar.stop();
    };
  }
  let lastQuarter = 0;
  return (done, total) => {
    const quarter = total === 0 ? 4 : Math.floor((4 * done) / total);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      ctx.err(`Read ${done} of ${total} responses.`);
    }
  };
}
