// `rootwork report --help`: kept apart from the command so that printing it loads nothing else.
/** Where `rootwork pipeline` puts its runs unless told otherwise (the report command's default). */
export const DEFAULT_REPORTS_DIR = 'reports/out';

export const usage = `Usage: rootwork report [--run DIR] [--pdf]

Reads DIR/results.json (written by \`rootwork pipeline --out DIR\`) and writes
DIR/study-report.html, DIR/charts/NAME.vl.json, and for each organization with at least
k respondents its report in both languages, each linking to the other:
  DIR/orgs/CODE.html      in English
  DIR/orgs/CODE.es.html   in Spanish (send it to a contact who reads Spanish)
Nothing else is read: no database needed.
  --run DIR   the run folder (default: the newest run under ${DEFAULT_REPORTS_DIR}/)
  --pdf       also print DIR/study-report.pdf with Chromium (/usr/bin/chromium, or CHROMIUM_PATH):
              page numbers, bookmarks, tagged for screen readers`;
