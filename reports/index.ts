// writeReports: results.json in, reports out. DIR/study-report.html (charts inline as SVG),
// DIR/charts/NAME.vl.json (each chart's vega-lite spec, for reuse), DIR/orgs/CODE.html for
// every organization with at least k respondents. Reads nothing but the results.
import fs from 'node:fs';
import path from 'node:path';
import type { Results } from '../pipeline/results.js';
import { orgContext } from './org-context.js';
import { reportableOrgs } from './privacy.js';
import { renderOrgReport } from './render/org-report.js';
import { renderStudyReport, type RenderedChart } from './render/study-report.js';
import { renderSpec } from './render/vega-svg.js';
import { studyCharts } from './study-charts.js';
import { trendCharts } from './trend-charts.js';
import { replaceDirAtomic, writeFileAtomic } from '../pipeline/atomic-write.js';

export interface WriteReportsOptions {
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Called after each organization report is written (the CLI's progress display). */
  progress?: (done: number, total: number) => void;
}

export interface WrittenReports {
  studyReport: string;
  charts: string[];
  orgReports: string[];
}

export const STUDY_REPORT = 'study-report.html';

/** Codes become file names: anything else than letters, digits, '-' and '_' is refused. */
export function safeCode(code: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code);
}

export async function renderStudyCharts(results: Results): Promise<RenderedChart[]> {
  const defs = [...studyCharts(results), ...trendCharts(results)];
  return Promise.all(defs.map(async (def) => ({ def, svg: await renderSpec(def.spec, { name: def.name, title: def.title, description: def.description }) })));
}

export async function writeReports(results: Results, outDir: string, options: WriteReportsOptions = {}): Promise<WrittenReports> {
  const log = options.log ?? (() => {});
  fs.mkdirSync(outDir, { recursive: true });
  const orgs = reportableOrgs(results);
  const bad = orgs.find((o) => !safeCode(o.code));
  if (bad) throw new Error(`Organization code "${bad.code}" cannot be a file name: codes may use only letters, digits, '-' and '_'.`);

  const charts = await renderStudyCharts(results);
  const html = renderStudyReport(results, charts);

  const chartFiles: string[] = [];
  replaceDirAtomic(path.join(outDir, 'charts'), (staging) => {
    for (const c of charts) {
      fs.writeFileSync(path.join(staging, `${c.def.name}.vl.json`), JSON.stringify(c.def.spec, null, 2) + '\n');
      chartFiles.push(path.join(outDir, 'charts', `${c.def.name}.vl.json`));
    }
  });

  const ctx = orgContext(results);
  const orgFiles: string[] = [];
  replaceDirAtomic(path.join(outDir, 'orgs'), (staging) => {
    for (const org of orgs) {
      fs.writeFileSync(path.join(staging, `${org.code}.html`), renderOrgReport(org, ctx));
      orgFiles.push(path.join(outDir, 'orgs', `${org.code}.html`));
      options.progress?.(orgFiles.length, orgs.length);
    }
  });

  // The study report last: its presence marks a complete run for the service's listing.
  const studyReport = path.join(outDir, STUDY_REPORT);
  writeFileAtomic(studyReport, html);
  log(`Wrote ${studyReport}, ${chartFiles.length} chart specs and ${orgFiles.length} organization reports.`);
  return { studyReport, charts: chartFiles, orgReports: orgFiles };
}
