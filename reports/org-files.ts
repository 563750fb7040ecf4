// The file names of organization reports in a run folder: orgs/CODE.html in English and
// orgs/CODE.es.html in Spanish. English keeps the plain name that links, scripts and the
// service have always used; a language tag before ".html" is the usual way to mark a
// translated page, and reads as "Spanish" to a person browsing the folder.
import { REPORT_LANGS, type ReportLang } from './org-text.js';

/** Codes become file names: anything else than letters, digits, '-' and '_' is refused. */
export function safeCode(code: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code);
}

/** `CODE.html` (English) or `CODE.es.html` (Spanish). */
export function orgReportFile(code: string, lang: ReportLang): string {
  return lang === 'en' ? `${code}.html` : `${code}.${lang}.html`;
}

/** The organization and language of a report file name; undefined for any other name. */
export function parseOrgReportFile(file: string): { code: string; lang: ReportLang } | undefined {
  const m = /^(.+?)(?:\.([a-z]{2}))?\.html$/.exec(file);
  if (!m || !safeCode(m[1])) return undefined;
  const lang = (m[2] ?? 'en') as ReportLang;
  // `CODE.en.html` is not a name the reports use: refusing it keeps one name per report.
  if (m[2] === 'en' || !REPORT_LANGS.includes(lang)) return undefined;
  return { code: m[1], lang };
}

/** The organizations that have a report among `files` (a folder listing), by code, with their languages. */
export function orgReportsIn(files: string[]): { code: string; langs: ReportLang[] }[] {
  const byCode = new Map<string, ReportLang[]>();
  for (const f of files) {
    const r = parseOrgReportFile(f);
    if (r) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.lang]);
  }
  return [...byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, langs]) => ({ code, langs: REPORT_LANGS.filter((l) => langs.includes(l)) }));
}
