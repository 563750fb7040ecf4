// writeExports: the analyst release of one wave — respondents.csv, the analysis extracts,
// organizations.csv, results.csv, codebook.csv, the SPSS, Stata and R syntax that read them
// with labels, datapackage.json, disclosure.json, and comments.csv only when asked for —
// written to temporary names and renamed only when all succeed, so a failed run leaves no
// half-written export.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { InvalidInputError } from '../../data/errors.js';
import { getWave } from '../../data/repositories/studies.js';
import type { Results } from '../../pipeline/results.js';
import { CODEBOOK_SPEC, codebookRows } from './codebook-table.js';
import { CsvWriter } from './csv-writer.js';
import { dataPackage } from './datapackage.js';
import { disclosureLine, extractsDisclosure, respondentsDisclosure, type DisclosureSummary } from './disclosure.js';
import { ORGANIZATIONS_SPEC, organizationRows, smallestOrganizationGroup } from './organizations.js';
import { COMMENTS_SPEC, commentRows } from './comments.js';
import { emptyRespondentStats, exportWithheld, respondentRows, responsesByOrganization } from './respondents.js';
import { respondentsSpec } from './respondents-spec.js';
import { RESULTS_SPEC, resultRows, smallestResultGroup } from './results-table.js';
import { emptyExtractStats, EXTRACT_H1_H3_SPEC, EXTRACT_H5_SPEC, extractRows, type OrgFacts } from './extracts.js';
import { exportQuasiIdentifiers } from './quasi-identifiers.js';
import { SYNTAX_FILES, syntaxFiles } from './syntax.js';
import { allWavesSpec, writeAllWaves, type AllWavesStats, type PublishedWave } from './all-waves.js';

export const EXPORT_FILES = [
  'respondents.csv', 'extract-h1-h3.csv', 'extract-h5.csv', 'organizations.csv', 'results.csv', 'codebook.csv',
  ...SYNTAX_FILES, 'datapackage.json', 'disclosure.json',
] as const;

/** The folder --excel writes its byte-order-marked copies into. */
export const EXCEL_DIR = 'excel';

export interface ExportOptions {
  waveId: string;
  outDir: string;
  /** The pipeline's results for the same wave (organizations.csv and results.csv come from it). */
  results: Results;
  /** Minimum group size; never below the wave's own k. Default: the wave's k. */
  k?: number;
  /**
   * Also write excel/NAME.csv: each CSV with a byte-order mark, so Excel opens it as UTF-8.
   * The CSVs the data package and the syntax files describe stay without one: the
   * Frictionless JavaScript library reads a marked file's first header as "\uFEFFwave" and
   * refuses it. Formula neutralisation applies to every export regardless.
   */
  excel?: boolean;
  includeComments?: boolean;
  /** One line for the console (stderr). */
  log?: (line: string) => void;
  /**
   * Every published wave of the study (this one included), oldest first, each as its latest
   * release has it: writes respondents-all-waves.csv. Omitted: no all-waves file.
   */
  allWaves?: readonly PublishedWave[];
  /** Called after each organization's rows are written (a progress display). */
  progress?: (done: number, total: number) => void;
}

export interface ExportResult {
  files: string[];
  disclosure: DisclosureSummary;
}

export async function writeExports(db: Kysely<Database>, options: ExportOptions): Promise<ExportResult> {
  const wave = await getWave(db, options.waveId);
  const k = options.k ?? wave.k;
  if (!Number.isInteger(k) || k < wave.k) {
    throw new InvalidInputError(`k=${k} is below the wave's k=${wave.k}: k may be raised for a release, never lowered.`);
  }
  if (options.results.study.wave_id !== wave.id) {
    throw new InvalidInputError(`The results given are for wave ${options.results.study.wave_id}, not ${wave.id}: run the pipeline for this wave first.`);
  }
  const excel = options.excel ?? false;
  const includeComments = options.includeComments ?? false;
  fs.mkdirSync(options.outDir, { recursive: true });
  const suffix = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  const temp = (name: string) => path.join(options.outDir, name + suffix);
  const written: string[] = [];
  const open = (spec: ConstructorParameters<typeof CsvWriter>[1]) => {
    const w = new CsvWriter(temp(spec.path), spec, { bom: false });
    written.push(spec.path);
    return w;
  };

  try {
    const rSpec = respondentsSpec();
    const qiNames = exportQuasiIdentifiers().map((q) => q.name);
    // The extracts take what organizations.csv releases about each organization, after its suppression.
    const orgRows = organizationRows(options.results);
    const orgFacts = new Map<string, OrgFacts>(orgRows.map((r) => [String(r.org_code), {
      orientation_type: typeof r.orientation_type === 'string' ? r.orientation_type : null,
      orientation_index: typeof r.orientation_index === 'number' ? r.orientation_index : null,
    }]));
    const respondents = open(rSpec);
    const h13 = open(EXTRACT_H1_H3_SPEC);
    const h5 = open(EXTRACT_H5_SPEC);
    const comments = includeComments ? open(COMMENTS_SPEC) : null;
    const stats = emptyRespondentStats();
    const extractStats = emptyExtractStats();
    try {
      let done = 0;
      for await (const block of responsesByOrganization(db, wave.id, wave.study_id, exportWithheld(options.results), wave.name)) {
        const rows = respondentRows(block, k, stats);
        respondents.write(rows);
        const extracts = extractRows(rows, block.responses, orgFacts.get(block.code), qiNames, k, extractStats);
        h13.write(extracts.h13);
        h5.write(extracts.h5);
        comments?.write(commentRows(block, k, stats));
        options.progress?.(++done, block.of ?? done);
      }
    } finally {
      respondents.close();
      h13.close();
      h5.close();
      comments?.close();
    }

    let allWaves: AllWavesStats | null = null;
    const awSpec = options.allWaves ? allWavesSpec() : null;
    if (awSpec && options.allWaves) {
      const aw = open(awSpec);
      try {
        // This wave's rows are respondents.csv's, written at this k just above.
        const done = options.allWaves.some((w) => w.waveId === wave.id && w.k === k) ? { waveId: wave.id, file: temp(rSpec.path), rows: stats.rows } : undefined;
        allWaves = await writeAllWaves(db, aw, options.allWaves, done);
      } finally {
        aw.close();
      }
    }

    const organizations = open(ORGANIZATIONS_SPEC);
    organizations.write(orgRows);
    organizations.close();

    const results = open(RESULTS_SPEC);
    const resRows = resultRows(options.results);
    results.write(resRows);
    results.close();

    const specs = [rSpec, ...(awSpec ? [awSpec] : []), EXTRACT_H1_H3_SPEC, EXTRACT_H5_SPEC, ...(comments ? [COMMENTS_SPEC] : []), ORGANIZATIONS_SPEC, RESULTS_SPEC, CODEBOOK_SPEC];
    const codebook = open(CODEBOOK_SPEC);
    codebook.write(codebookRows(specs));
    codebook.close();

    const disclosure: DisclosureSummary = {
      k,
      wave_id: wave.id,
      respondents: respondentsDisclosure(stats, includeComments, k),
      extracts: extractsDisclosure(extractStats, k),
      ...(allWaves ? { all_waves: { file: 'respondents-all-waves.csv', rule: 'each wave\'s rows exactly as in its own latest published release, at its k', waves: allWaves.waves } } : {}),
      organizations: {
        rows: orgRows.length,
        reportable: orgRows.filter((r) => r.reportable === 1).length,
        smallest_group: smallestOrganizationGroup(options.results),
        suppressed_cells: orgRows.reduce((n, r) => n + (typeof r.suppressed_fields === 'string' ? r.suppressed_fields.split(';').length : 0), 0),
      },
      results: { rows: resRows.length, suppressed: resRows.filter((r) => r.suppressed === 1).length, smallest_group: smallestResultGroup(resRows) },
      neutralised_cells: { 'respondents.csv': respondents.neutralised, 'extract-h1-h3.csv': h13.neutralised, 'extract-h5.csv': h5.neutralised, ...(comments ? { 'comments.csv': comments.neutralised } : {}), 'organizations.csv': organizations.neutralised, 'results.csv': results.neutralised, 'codebook.csv': codebook.neutralised },
    };
    writeJson(temp('datapackage.json'), dataPackage(specs, { waveName: wave.name }));
    written.push('datapackage.json');
    writeJson(temp('disclosure.json'), disclosure);
    written.push('disclosure.json');
    // Syntax that reads the CSVs with the codebook's variable and value labels (the data tables only).
    for (const [name, text] of Object.entries(syntaxFiles(specs.filter((sp) => sp !== CODEBOOK_SPEC), { waveName: wave.name }))) {
      fs.writeFileSync(temp(name), text);
      written.push(name);
    }

    if (excel) {
      fs.mkdirSync(path.join(options.outDir, EXCEL_DIR), { recursive: true });
      for (const name of written.filter((n) => n.endsWith('.csv'))) {
        const copy = `${EXCEL_DIR}/${name}`;
        fs.writeFileSync(temp(copy), Buffer.concat([Buffer.from('\uFEFF'), fs.readFileSync(temp(name))]));
        written.push(copy);
      }
    }
    for (const name of written) fs.renameSync(temp(name), path.join(options.outDir, name));
    options.log?.(disclosureLine(disclosure));
    return { files: written.map((name) => path.join(options.outDir, name)), disclosure };
  } catch (err) {
    for (const name of written) fs.rmSync(temp(name), { force: true });
    throw err;
  }
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}
