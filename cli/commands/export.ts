// rootwork export: the analyst release of a wave (respondents.csv, organizations.csv,
// results.csv, codebook.csv, datapackage.json, disclosure.json), written only from the
// wave's latest published release, at its k, while the wave's data are still the ones it
// was computed from: exports are part of a release, never of whatever the database holds.
import { ConflictError } from '../../data/errors.js';
import { latestRelease } from '../../data/repositories/releases.js';
import { writeExports } from '../../exchange/export/index.js';
import { extractWave } from '../../pipeline/extract.js';
import { parseResults } from '../../reports/schema.js';
import { kFlag, parse, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { progressReporter } from '../progress.js';
import { resolveWave, waveChoice } from '../wave.js';

export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: rootwork export --out DIR [--wave W [--study S]] [--k K] [--excel] [--include-comments]

Writes to DIR: respondents.csv (one row per response, k-anonymous over organization
and every quasi-identifier of the codebook — role, race group, gender, age, tenure, fte:
banded, then locally suppressed, monotone in k),
organizations.csv, results.csv (results.json as a table), codebook.csv (names, labels,
English and Spanish wording, values, missing codes, scales), datapackage.json
(Frictionless, typed) and disclosure.json (what was banded and suppressed).
Text cells starting with = + - @ tab or CR get a leading ' in every file.
Written only from the wave's latest published release (rootwork publish), at its k, and
only while the wave's data are still those the release was computed from.
  --out DIR            folder to write into (created if missing)
  --wave W             the wave, by id or name (default: the most recently created wave)
  --study S            the study (id or name) whose wave W is, when several studies have a wave named W
  --k K                must be the release's k when given (to export at another k, run
                       and publish the pipeline at that k first)
  --excel              add a byte-order mark so Excel reads the files as UTF-8
  --include-comments   add comments.csv: free-text comments, with emails, URLs and
                       phone numbers scrubbed, from organizations with at least 10
                       respondents, not linked to any row of respondents.csv`,
  async run(argv, ctx) {
    const { values } = parse('export', argv, {
      out: { type: 'string' }, wave: { type: 'string' }, study: { type: 'string' }, k: { type: 'string' },
      excel: { type: 'boolean' }, 'include-comments': { type: 'boolean' },
    });
    const out = values.out as string | undefined;
    if (!out || out.trim() === '') throw new UsageError('export: --out DIR is required (the folder to write the exports into). See `rootwork export --help`.');
    const k = kFlag('export', values.k as string | undefined);
    const choice = waveChoice('export', values, { required: false });
    const { handle } = await openConfigured(ctx.env);
    try {
      const db = handle.db;
      const wave = await resolveWave(db, choice, { verb: 'exporting', location: handle.location, announce: ctx.err });
      const release = await latestRelease(db, wave.id);
      if (!release) {
        throw new ConflictError(`Wave "${wave.name}" has no published release, and exports come only from one: after the wave closes, run \`rootwork pipeline --out DIR --wave ${wave.id} --publish\`, then export.`);
      }
      if (k !== undefined && k !== release.k) {
        throw new ConflictError(`Release ${release.id} of wave "${wave.name}" was published at k = ${release.k}, and exports are written at the release's k: to export at k = ${k}, run and publish the pipeline with --k ${k} first.`);
      }
      // The respondent rows are read from the database: they must still be the release's.
      const current = await extractWave(db, wave.id);
      if (current.fingerprint !== release.data_fingerprint) {
        throw new ConflictError(`The data of wave "${wave.name}" changed after release ${release.id} was published (a late response, an import or a profile edit): rerun the pipeline and publish it, then export.`);
      }
      const results = parseResults(JSON.parse(release.results_json), `release ${release.id}`);
      ctx.err(`Exporting release ${release.id} of wave "${wave.name}" (published ${release.published_on}, k = ${release.k}).`);
      const written = await writeExports(db, {
        waveId: wave.id, outDir: out, results, k: release.k,
        excel: values.excel === true, includeComments: values['include-comments'] === true, log: ctx.err,
        progress: progressReporter(ctx, { label: 'Writing exports', unit: 'organizations' }),
      });
      for (const file of written.files) ctx.out(file);
    } finally {
      await handle.close();
    }
  },
};
