// writeReports: results.json in, reports out. DIR/study-report.html (charts inline as SVG),
// DIR/charts/NAME.vl.json (each chart's vega-lite spec, for reuse), and for every
// organization with at least k respondents its report in English (DIR/orgs/CODE.html) and
// in Spanish (DIR/orgs/CODE.es.html), each linking to the other. Reads nothing but the results.
import fs from 'node:fs';
import path from 'node:path';
import type { Results } from '../pipeline/results.js';
import { orgContext } from './org-context.js';
import { orgReportFile, safeCode } from './org-files.js';
import { REPORT_LANGS, type ReportLang } from './org-text.js';
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
  /** Called after each organization's reports (both languages) are written (the CLI's progress display). */
  progress?: (done: number, total: number) => void;
}

/** One organization's report files, by language. */
export interface OrgReportFiles {
  code: string;
  files: Record<ReportLang, string>;
}

export interface WrittenReports {
  studyReport: string;
  charts: string[];
  orgReports: OrgReportFiles[];
}

export const STUDY_REPORT = 'study-report.html';

export { safeCode };

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
  const orgFiles: OrgReportFiles[] = [];
  replaceDirAtomic(path.join(outDir, 'orgs'), (staging) => {
    for (const org of orgs) {
      const files = {} as Record<ReportLang, string>;
      for (const lang of REPORT_LANGS) {
        const name = orgReportFile(org.code, lang);
        // Each file links to its other language by the sibling file's name.
        fs.writeFileSync(path.join(staging, name), renderOrgReport(org, ctx, lang, orgReportFile));
        files[lang] = path.join(outDir, 'orgs', name);
      }
      orgFiles.push({ code: org.code, files });
      options.progress?.(orgFiles.length, orgs.length);
    }
  });

  // The study report last: its presence marks a complete run for the service's listing.
  const studyReport = path.join(outDir, STUDY_REPORT);
  writeFileAtomic(studyReport, html);
  log(`Wrote ${studyReport}, ${chartFiles.length} chart specs and the reports of ${orgFiles.length} organizations in English (orgs/CODE.html) and Spanish (orgs/CODE.es.html).`);
  return { studyReport, charts: chartFiles, orgReports: orgFiles };
}
