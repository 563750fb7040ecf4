// Reports of a published release, rendered from the results.json the ledger keeps (never
// from a run folder, which may have changed or gone since): the study report and one
// organization's report. A release never changes, so each rendering is kept, a few
// releases' worth, and a second reader pays nothing.
import type { Kysely } from 'kysely';
import type { Database, Release } from '../../data/database.js';
import { getRelease, latestRelease } from '../../data/repositories/releases.js';
import { renderStudyCharts } from '../../reports/index.js';
import { orgContext, type OrgContext } from '../../reports/org-context.js';
import { reportableOrgs } from '../../reports/privacy.js';
import { renderOrgReport } from '../../reports/render/org-report.js';
import { renderStudyReport } from '../../reports/render/study-report.js';
import { parseResults } from '../../reports/schema.js';
import type { ReportLang } from '../../reports/org-text.js';
import type { OrganizationSummary, Results } from '../../pipeline/results.js';

export const REPORT_CSS_PATH = '/assets/report.css';

interface Parsed {
  release: Release;
  results: Results;
  ctx: OrgContext;
  study?: string;
  /** Rendered organization reports by `lang:code`. */
  orgs: Map<string, string>;
}

const KEEP = 8;

/** Per service (the deps object): parsed releases by id, newest use last. */
export class ReleaseReports {
  private readonly cache = new Map<string, Parsed>();
  constructor(private readonly db: Kysely<Database>) {}

  private async load(release: Release | string): Promise<Parsed> {
    const id = typeof release === 'string' ? release : release.id;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const row = typeof release === 'string' ? await getRelease(this.db, release) : release;
    const results = parseResults(JSON.parse(row.results_json), `release ${row.id}`);
    const parsed: Parsed = { release: row, results, ctx: orgContext(results), orgs: new Map() };
    this.cache.set(id, parsed);
    if (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value as string);
    return parsed;
  }

  /** The wave's latest release, parsed; undefined before anything is published. */
  async latestOfWave(waveId: string): Promise<Parsed | undefined> {
    const release = await latestRelease(this.db, waveId);
    return release ? this.load(release) : undefined;
  }

  async byId(id: string): Promise<Parsed> {
    return this.load(id);
  }

  async studyReport(p: Parsed): Promise<string> {
    p.study ??= asServed(renderStudyReport(p.results, await renderStudyCharts(p.results)));
    return p.study;
  }

  /** The organization's report in `lang`, or undefined when the release has none for it (fewer than k respondents). */
  orgReport(p: Parsed, code: string, lang: ReportLang = 'en'): string | undefined {
    const org: OrganizationSummary | undefined = reportableOrgs(p.results).find((o) => o.code === code);
    if (!org) return undefined;
    const key = `${lang}:${code}`;
    let html = p.orgs.get(key);
    if (html === undefined) {
      html = asServed(renderOrgReport(org, p.ctx, lang));
      p.orgs.set(key, html);
    }
    return html;
  }
}

/**
 * A report as served: its inline <style> swapped for the same CSS as a file, so the
 * service's CSP (no inline styles, no scripts) holds for reports too.
 */
export function asServed(html: string): string {
  return html.replace(/<style id="report-css">[\s\S]*?<\/style>/, `<link rel="stylesheet" href="${REPORT_CSS_PATH}">`);
}

/** A `?lang=` that is neither en nor es: the message (in both languages) for a 400; undefined when fine or absent. */
export function unknownReportLang(asked: string | undefined): string | undefined {
  if (asked === undefined || asked === 'en' || asked === 'es') return undefined;
  return `“${asked}” is not a report language: use ?lang=en for English or ?lang=es for Spanish. / “${asked}” no es un idioma del informe: use ?lang=es para español o ?lang=en para inglés.`;
}
