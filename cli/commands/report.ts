// rootwork report: (re)writes the study report and the organization reports (English and
// Spanish) of a pipeline run from its results.json, and with --pdf prints the study report
// to PDF with Chromium.
import path from 'node:path';
import { writeReports } from '../../reports/index.js';
import { chromiumPath, printPdf } from '../../reports/pdf.js';
import { listRuns } from '../../reports/runs.js';
import { readResults } from '../../reports/schema.js';
import { parse, UsageError, type Command } from '../args.js';
import { progressReporter } from '../progress.js';
import { DEFAULT_REPORTS_DIR, usage } from '../usage/report.js';

export { DEFAULT_REPORTS_DIR };

export const reportCommand: Command = {
  name: 'report',
  usage,
  async run(argv, ctx) {
    const { values } = parse('report', argv, { run: { type: 'string' }, pdf: { type: 'boolean' } });
    const dir = (values.run as string | undefined) ?? latestRun();
    const results = readResults(path.join(dir, 'results.json'));
    const written = await writeReports(results, dir, { log: ctx.err, progress: progressReporter(ctx, { label: 'Writing organization reports (English and Spanish)', unit: 'organizations' }) });
    ctx.out(written.studyReport);
    if (values.pdf) {
      const pdf = path.join(dir, 'study-report.pdf');
      await printPdf(written.studyReport, pdf, chromiumPath(ctx.env));
      ctx.out(pdf);
    }
  },
};

function latestRun(): string {
  const runs = listRuns(DEFAULT_REPORTS_DIR);
  if (runs.length === 0) {
    throw new UsageError(`report: no pipeline run found under ${DEFAULT_REPORTS_DIR}/; run \`rootwork pipeline --out DIR\` first or pass --run DIR.`);
  }
  return runs[0].dir;
}
