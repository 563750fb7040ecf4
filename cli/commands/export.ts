// rootwork export: the analyst release of a wave (respondents.csv, organizations.csv,
// results.csv, codebook.csv, datapackage.json, disclosure.json), written only from the
// wave's latest published release, at its k, while the wave's data are still the ones it
// was computed from: exports are part of a release, never of whatever the database holds.
import { ConflictError } from '../../data/errors.js';
import type { Kysely } from 'kysely';
import type { Database, Wave } from '../../data/database.js';
import { latestRelease } from '../../data/repositories/releases.js';
import { listWaves } from '../../data/repositories/studies.js';
import type { PublishedWave } from '../../exchange/export/all-waves.js';
import type { Results } from '../../pipeline/results.js';
import { writeExports } from '../../exchange/export/index.js';
import { extractWave } from '../../pipeline/extract.js';
import { parseResults } from '../../reports/schema.js';
import { kFlag, parse, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { progressReporter } from '../progress.js';
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
      const allWaves = await publishedWaves(db, wave, { id: release.id, k: release.k, results }, ctx.err);
      const written = await writeExports(db, {
        waveId: wave.id, outDir: out, results, k: release.k,
        excel: values.excel === true, includeComments: values['include-comments'] === true, log: ctx.err,
        progress: progressReporter(ctx, { label: 'Writing exports', unit: 'organizations' }), allWaves,
      });
      for (const file of written.files) ctx.out(file);
    } finally {
      await handle.close();
    }
  },
};

/**
 * Every published wave of the study, oldest first, each from its latest release — this one
 * from the release being exported. A wave whose data changed after its release is left out
 * (its rows could no longer be the release's), and the line says what to do.
 */
async function publishedWaves(db: Kysely<Database>, wave: Wave, current: { id: string; k: number; results: Results }, say: (line: string) => void): Promise<PublishedWave[]> {
  const out: PublishedWave[] = [];
  for (const w of await listWaves(db, wave.study_id)) {
    if (w.id === wave.id) {
      out.push({ waveId: w.id, name: w.name, studyId: w.study_id, k: current.k, results: current.results });
      continue;
    }
    const release = await latestRelease(db, w.id);
    if (!release) continue;
    if ((await extractWave(db, w.id)).fingerprint !== release.data_fingerprint) {
      say(`respondents-all-waves.csv leaves out wave "${w.name}": its data changed after release ${release.id} was published; rerun and publish that wave to include it.`);
      continue;
    }
    out.push({ waveId: w.id, name: w.name, studyId: w.study_id, k: release.k, results: parseResults(JSON.parse(release.results_json), `release ${release.id}`) });
  }
  return out;
}
