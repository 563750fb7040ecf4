// rootwork pipeline: run the research pipeline on a wave (the latest by default) and
// write DIR/results.json. A progress bar on a terminal, plain lines otherwise.
import { kFlag, parse, UsageError, type Command } from '../args.js';
import { progressReporter } from '../progress.js';
import { openConfigured } from '../open.js';
import { writeRunFolder } from '../run-folder.js';
import { publishAndSay } from './publish.js';
import { resolveWave, waveChoice } from '../wave.js';

export const pipelineCommand: Command = {
  name: 'pipeline',
  usage: `Usage: rootwork pipeline --out DIR [--wave W [--study S]] [--k K] [--publish]

Reads the wave from DATABASE_URL, scores every response, runs the measurement checks,
the confirmatory hypotheses H1–H5 and the exploratory analyses, withholds anything
resting on fewer than k respondents, and writes DIR/results.json (atomically).
Also writes the analyst exports to DIR/exports/ (see rootwork export --help).
And the reports: DIR/study-report.html, DIR/charts/, DIR/orgs/CODE.html (see rootwork report --help).
The run is checked against every release of the study published so far, and DIR/manifest.json
(signed checksums of every file) lets \`rootwork publish DIR\` tell it is unchanged. A run is a
draft until published: organization reports and exports come only from published releases.
  --out DIR   folder for results.json (created if missing)
  --wave W    the wave to analyze, by id or name (default: the most recently created wave)
  --study S   the study (id or name) whose wave W is, when several studies have a wave named W
  --k K       minimum group size for this run; may raise the wave's k, never lower it
  --publish   publish the run as a release of its wave at once (see rootwork publish --help)`,
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
        progress: progressReporter(ctx, { label: 'Reading responses', unit: 'responses', line: (done, total) => `Read ${done} of ${total} responses.` }),
        exportProgress: progressReporter(ctx, { label: 'Writing exports', unit: 'organizations' }),
        reportProgress: progressReporter(ctx, { label: 'Writing organization reports', unit: 'reports' }),
      });
      ctx.out(run.resultsPath);
      if (values.publish) await publishAndSay(out, { db: handle.db, secret: config.secret }, ctx);
    } finally {
      await handle.close();
    }
  },
};
