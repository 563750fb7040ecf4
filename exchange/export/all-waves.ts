// respondents-all-waves.csv: every published wave of the study in one file, with the `wave`
// column. Each wave's rows are exactly the rows of that wave's own respondents.csv — taken
// from the wave's latest published release, at the release's k, leaving out what that release
// leaves out, with the same banding and monotone local suppression — so the file is
// k-anonymous over wave × organization × the quasi-identifiers and tells nothing that the
// waves' own releases did not. Waves are independent cross-sections of anonymous people:
// nothing links a row of one wave to a row of another.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import type { Results } from '../../pipeline/results.js';
import type { CsvWriter } from './csv-writer.js';
import { emptyRespondentStats, exportWithheld, respondentRows, responsesByOrganization, type RespondentStats } from './respondents.js';
import { respondentsSpec } from './respondents-spec.js';
import type { TableSpec } from './table-spec.js';

/** A published wave as its latest release has it (the caller checks the data still match). */
export interface PublishedWave {
  waveId: string;
  name: string;
  studyId: string;
  /** The release's k. */
  k: number;
  results: Results;
}

export function allWavesSpec(): TableSpec {
  const base = respondentsSpec();
  return {
    ...base,
    name: 'respondents-all-waves',
    path: 'respondents-all-waves.csv',
    title: 'Staff survey responses of every published wave of the study, one row per response',
    description: `Each wave's rows as in that wave's own respondents.csv (from its latest published release, at its k): k-anonymous over wave, organization and the quasi-identifiers. ${base.description}`,
  };
}

export interface AllWavesStats {
  waves: { wave: string; k: number; rows: number }[];
}

/**
 * Appends every wave's released rows to `writer`, oldest wave first; the rows of `done` (the
 * wave whose respondents.csv was just written) are copied from that file, not computed again.
 */
export async function writeAllWaves(db: Kysely<Database>, writer: CsvWriter, waves: readonly PublishedWave[], done?: { waveId: string; file: string; rows: number }): Promise<AllWavesStats> {
  const out: AllWavesStats = { waves: [] };
  for (const w of waves) {
    if (done && w.waveId === done.waveId) {
      writer.appendRowsOf(done.file, done.rows);
      out.waves.push({ wave: w.name, k: w.k, rows: done.rows });
      continue;
    }
    const stats: RespondentStats = emptyRespondentStats();
    for await (const block of responsesByOrganization(db, w.waveId, w.studyId, exportWithheld(w.results), w.name)) {
      writer.write(respondentRows(block, w.k, stats));
    }
    out.waves.push({ wave: w.name, k: w.k, rows: stats.rows });
  }
  return out;
}
