// `rootwork export --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork export --out DIR [--wave W [--study S]] [--k K] [--excel] [--include-comments]

Writes to DIR: respondents.csv (one row per response, k-anonymous over organization
and every quasi-identifier of the codebook — role, race group, gender, age, tenure, fte:
banded, then locally suppressed, monotone in k), respondents-all-waves.csv (every
published wave of the study, each as its own release has it, with a wave column),
extract-h1-h3.csv and extract-h5.csv (what the H1, H3 and H5 models need),
organizations.csv, results.csv (results.json as a table), codebook.csv (names, labels,
English and Spanish wording, values, missing codes, scales), rootwork.sps, rootwork.do
and rootwork.R (read the CSVs with variable and value labels), datapackage.json
(Frictionless, typed) and disclosure.json (what was banded and suppressed).
Text cells starting with = + - @ tab or CR get a leading ' in every file.
Written only from the wave's latest published release (rootwork publish), at its k, and
only while the wave's data are still those the release was computed from.
  --out DIR            folder to write into (created if missing)
  --wave W             the wave, by id or name (default: the most recently created wave)
  --study S            the study (id or name) whose wave W is, when several studies have a wave named W
  --k K                must be the release's k when given (to export at another k, run
                       and publish the pipeline at that k first)
  --excel              also write excel/NAME.csv: each CSV with a byte-order mark, so
                       Excel reads it as UTF-8 (the package's own CSVs stay without one)
  --include-comments   add comments.csv: free-text comments, with emails, URLs and
                       phone numbers scrubbed, from organizations with at least 10
                       respondents, not linked to any row of respondents.csv`;
