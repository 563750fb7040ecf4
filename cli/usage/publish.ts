// `rootwork publish --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork publish DIR

Publishes the pipeline run in DIR (written by \`rootwork pipeline --out DIR\`) as a release
of its wave: the ledger records what was published, at which k, over which groups of
respondents, and from then on the organization reports (the /p/TOKEN/report links), the
study report in the admin pages and \`rootwork export\` come from this release.
Refused, with nothing recorded, when a file in DIR changed since the run, the wave is
still open, the wave's data changed since the run (late responses: rerun the pipeline),
a release was published that the run was not checked against, the run is older than
the wave's latest release, its k is below the wave's or an earlier release's, or DIR
was published already. Prints the release id; writes DIR/release.json.`;
