// Progress for the commands that can run for more than a moment (export, report, pipeline,
// synthetic): a cli-progress bar on stderr when it is a terminal; otherwise (a pipe, CI) a
// plain line at each quarter of the way, so logs stay short and readable.
import cliProgress from 'cli-progress';
import type { CommandContext } from './args.js';

export type Progress = (done: number, total: number) => void;

export interface ProgressOptions {
  /** What is being done, shown before the bar: "Reading responses". */
  label: string;
  /** What is counted: "responses", "organizations". */
  unit: string;
  /** The plain line at each quarter (default: "LABEL: DONE of TOTAL UNIT."). */
  line?: (done: number, total: number) => string;
}

export function progressReporter(ctx: CommandContext, options: ProgressOptions): Progress {
  if (ctx.interactive) {
    let bar: cliProgress.SingleBar | null = null;
    return (done, total) => {
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: `${options.label} [{bar}] {value}/{total} ${options.unit}`, stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.setTotal(total);
      bar.update(done);
      if (done >= total) {
        bar.stop();
        bar = null;
      }
    };
  }
  const line = options.line ?? ((done, total) => `${options.label}: ${done} of ${total} ${options.unit}.`);
  let lastQuarter = 0;
  return (done, total) => {
    const quarter = total <= 0 ? 4 : Math.floor((4 * done) / total);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      ctx.err(line(done, total));
    }
  };
}
