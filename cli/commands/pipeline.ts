// rootwork pipeline: run the research pipeline on a wave (the latest by default) and
// write DIR/results.json. A progress bar on a terminal, plain lines otherwise.
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { NotFoundError } from '../../data/errors.js';
import { getWave, latestWave } from '../../data/repositories/studies.js';
import { runPipeline } from '../../pipeline/run.js';
import { writeExports } from '../../exchange/export/index.js';
import { writeReports } from '../../reports/index.js';
import { intFlag, parse, UsageError, type Command, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';

export const pipelineCommand: Command = {
  name: 'pipeline',
  usage: `Usage: rootwork pipeline --out DIR [--wave ID] [--k K]

Reads the wave from DATABASE_URL, scores every response, runs the measurement checks,
the confirmatory hypotheses H1–H5 and the exploratory analyses, withholds anything
resting on fewer than k respondents, and writes DIR/results.json (atomically).
Also writes the analyst exports to DIR/exports/ (see rootwork export --help).
And the reports: DIR/study-report.html, DIR/charts/, DIR/orgs/CODE.html (see rootwork report --help).
  --out DIR   folder for results.json (created if missing)
  --wave ID   the wave to analyze (default: the most recently created wave)
  --k K       minimum group size for this run; may raise the wave's k, never lower it`,
  async run(argv, ctx) {
    const { values } = parse('pipeline', argv, { out: { type: 'string' }, wave: { type: 'string' }, k: { type: 'string' } });
    const out = values.out as string | undefined;
    if (!out || out.trim() === '') throw new UsageError('pipeline: --out DIR is required (the folder to write results.json into). See `rootwork pipeline --help`.');
    const k = values.k === undefined ? undefined : intFlag('pipeline', 'k', values.k as string, 5);
    if (k !== undefined && k < 3) throw new UsageError(`pipeline: --k must be at least 3 (got ${k}).`);
    const { handle } = await openConfigured(ctx.env);
    try {
      let waveId = values.wave as string | undefined;
      if (waveId === undefined) {
        const latest = await latestWave(handle.db);
        if (!latest) throw new NotFoundError(`No wave in ${handle.location}: create a study and wave first (or \`rootwork synthetic\` for a synthetic one).`);
        waveId = latest.id;
        ctx.err(`No --wave given: using the most recent wave, "${latest.name}" (${latest.id}).`);
      } else {
        await getWave(handle.db, waveId);
      }
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
