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
import { resolveWave, waveChoice } from '../wave.js';
import { usage } from '../usage/export.js';

export const exportCommand: Command = {
  name: 'export',
  usage,
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
      });
      for (const file of written.files) ctx.out(file);
    } finally {
      await handle.close();
    }
  },
};
