// rootwork pipeline: run the research pipeline on a wave (the latest by default) and
// write DIR/results.json. A progress bar on a terminal, plain lines otherwise.
import { kFlag, parse, UsageError, type Command } from '../args.js';
import { progressReporter } from '../progress.js';
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
      const run = await writeRunFolder({ waveId: wave.id, outDir: out, k }, {
        db: handle.db, secret: config.secret, log: ctx.err,
        progress: progressReporter(ctx, { label: 'Reading responses', unit: 'organizations', line: (done, total) => `Read the responses of ${done} of ${total} organizations.` }),
        exportProgress: progressReporter(ctx, { label: 'Writing exports', unit: 'organizations' }),
        reportProgress: progressReporter(ctx, { label: 'Writing organization reports (English and Spanish)', unit: 'organizations' }),
      });
      ctx.out(run.resultsPath);
      if (values.publish) await publishAndSay(out, { db: handle.db, secret: config.secret }, ctx);
    } finally {
      await handle.close();
    }
  },
};
