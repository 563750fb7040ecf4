// `rootwork pipeline --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork pipeline --out DIR [--wave W [--study S]] [--k K] [--publish]

Reads the wave from DATABASE_URL, scores every response, runs the measurement checks,
the confirmatory hypotheses H1–H5 and the exploratory analyses, withholds anything
resting on fewer than k respondents, and writes DIR/results.json (atomically).
Also writes the analyst exports to DIR/exports/ (see rootwork export --help).
And the reports: DIR/study-report.html, DIR/charts/, DIR/orgs/CODE.html and CODE.es.html (see rootwork report --help).
The run is checked against every release of the study published so far, and DIR/manifest.json
(signed checksums of every file) lets \`rootwork publish DIR\` tell it is unchanged. A run is a
draft until published: organization reports and exports come only from published releases.
  --out DIR   folder for results.json (created if missing)
  --wave W    the wave to analyze, by id or name (default: the most recently created wave)
  --study S   the study (id or name) whose wave W is, when several studies have a wave named W
  --k K       minimum group size for this run; may raise the wave's k, never lower it
  --publish   publish the run as a release of its wave at once (see rootwork publish --help)`;
