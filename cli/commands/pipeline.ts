// rootwork pipeline: run the research pipeline on a wave (the latest by default) and
// write DIR/results.json. A progress bar on a terminal, plain lines otherwise.
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { runPipeline } from '../../pipeline/run.js';
import { writeExports } from '../../exchange/export/index.js';
import { writeReports } from '../../reports/index.js';
import { kFlag, parse, UsageError, type Command, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';
import { resolveWave, waveChoice } from '../wave.js';

export const pipelineCommand: Command = {
  name: 'pipeline',
  usage: `Usage: rootwork pipeline --out DIR [--wave W [--study S]] [--k K]

Reads the wave from DATABASE_URL, scores every response, runs the measurement checks,
the confirmatory hypotheses H1–H5 and the exploratory analyses, withholds anything
resting on fewer than k respondents, and writes DIR/results.json (atomically).
Also writes the analyst exports to DIR/exports/ (see rootwork export --help).
And the reports: DIR/study-report.html, DIR/charts/, DIR/orgs/CODE.html (see rootwork report --help).
  --out DIR   folder for results.json (created if missing)
  --wave W    the wave to analyze, by id or name (default: the most recently created wave)
  --study S   the study (id or name) whose wave W is, when several studies have a wave named W
  --k K       minimum group size for this run; may raise the wave's k, never lower it`,
  async run(argv, ctx) {
    const { values } = parse('pipeline', argv, { out: { type: 'string' }, wave: { type: 'string' }, study: { type: 'string' }, k: { type: 'string' } });
    const out = values.out as string | undefined;
    if (!out || out.trim() === '') throw new UsageError('pipeline: --out DIR is required (the folder to write results.json into). See `rootwork pipeline --help`.');
    const k = kFlag('pipeline', values.k as string | undefined);
    const choice = waveChoice('pipeline', values, { required: false });
    const { handle } = await openConfigured(ctx.env);
    try {
      const waveId = (await resolveWave(handle.db, choice, { verb: 'using', location: handle.location, announce: ctx.err })).id;
      const { path, results } = await runPipeline({ waveId, outDir: out, k }, { db: handle.db, log: ctx.err, progress: progressReporter(ctx) });
      ctx.out(path);
      // The analyst exports (reports/exports) beside results.json, from the same run.
      await writeExports(handle.db, { waveId, outDir: join(out, 'exports'), results, k: results.study.k, log: ctx.err });
      // The study and organization reports (reports/), from results.json alone; paths go to stderr.
      await writeReports(results, out, { log: ctx.err });
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
