// Resolves a CSV header against the codebook: each source column becomes a target (a
// stored variable, a banded variable from a Rootwork export, org_code, lang or
// instrument_version), is ignored, or is an error — every problem listed at once.
import { quasiIdentifierVariables, VARIABLES, type Variable } from '../../instrument/codebook.js';
import { SCORED_SCALES } from '../../pipeline/score.js';
import { QUASI_IDENTIFIERS, type BandedVariable } from './bands.js';
import type { ResponseMapping } from './response-mapping.js';

export type Target =
  | { kind: 'variable'; name: string; variable: Variable }
  | { kind: 'band'; name: string; band: BandedVariable }
  | { kind: 'org_code'; name: 'org_code' }
  | { kind: 'lang'; name: 'lang' }
  | { kind: 'instrument_version'; name: 'instrument_version' };

export interface ResolvedColumn {
  index: number;
  source: string;
  target: Target;
}

export interface HeaderProblem {
  column: string;
  problem: string;
}

/** Columns a Rootwork export derives from others: recomputed by the pipeline, so skipped on import. */
export const DERIVED_COLUMNS: ReadonlySet<string> = new Set([
  ...QUASI_IDENTIFIERS.map((q) => `${q.name}_suppressed`),
  // A quasi-identifier released as answered (fte) has its own suppression flag.
  ...quasiIdentifierVariables().map((v) => `${v.name}_suppressed`),
  ...SCORED_SCALES.map((s) => s.scoreName),
  'orientation_index',
  'poc',
  // The wave an exported row came from: an import names its wave with --wave.
  'wave',
]);

const TARGETS = new Map<string, Target>([
  ...VARIABLES.map((v) => [v.name, { kind: 'variable', name: v.name, variable: v }] as const),
  ...QUASI_IDENTIFIERS.map((q) => [q.name, { kind: 'band', name: q.name, band: q }] as const),
  ['org_code', { kind: 'org_code', name: 'org_code' }],
  ['lang', { kind: 'lang', name: 'lang' }],
  ['instrument_version', { kind: 'instrument_version', name: 'instrument_version' }],
]);

export const TARGET_NAMES: readonly string[] = [...TARGETS.keys()];

export function resolveHeader(header: readonly string[], mapping: ResponseMapping): { columns: ResolvedColumn[]; ignored: string[]; problems: HeaderProblem[] } {
  const problems: HeaderProblem[] = [];
  const columns: ResolvedColumn[] = [];
  const ignored: string[] = [];
  const ignore = new Set(mapping.ignore);
  const seenSource = new Set<string>();
  const byTarget = new Map<string, string>();

  for (const [to, from] of Object.entries(mapping.columns)) {
    if (!TARGETS.has(from)) problems.push({ column: to, problem: `the mapping sends it to "${from}", which is not a codebook variable (see codebook.csv for the names)` });
    if (!header.includes(to)) problems.push({ column: to, problem: 'is in the mapping but not in the file' });
  }
  for (const name of Object.keys(mapping.values)) {
    if (!TARGETS.has(name)) problems.push({ column: name, problem: 'has value recodes in the mapping but is not a codebook variable' });
  }

  header.forEach((source, index) => {
    if (seenSource.has(source)) {
      problems.push({ column: source, problem: 'appears twice in the header' });
      return;
    }
    seenSource.add(source);
    if (ignore.has(source)) return void ignored.push(source);
    const targetName = mapping.columns[source] ?? source;
    const target = TARGETS.get(targetName);
    if (!target) {
      if (DERIVED_COLUMNS.has(source)) return void ignored.push(source);
      problems.push({ column: source, problem: 'is not a codebook variable: map it with --map ({"columns": {"' + source + '": "<variable>"}}) or list it under "ignore"' });
      return;
    }
    const clash = byTarget.get(target.name);
    if (clash !== undefined) {
      problems.push({ column: source, problem: `maps to ${target.name}, as does column "${clash}"` });
      return;
    }
    byTarget.set(target.name, source);
    columns.push({ index, source, target });
  });

  // A banded variable and the stored variables it stands for cannot both be given.
  for (const c of columns) {
    if (c.target.kind !== 'band') continue;
    for (const stored of c.target.band.from) {
      const other = byTarget.get(stored);
      if (other !== undefined) problems.push({ column: c.source, problem: `gives ${c.target.name} but column "${other}" gives ${stored}: keep one of the two` });
    }
  }
  if (!byTarget.has('org_code')) problems.push({ column: 'org_code', problem: 'is missing: every row needs the organization code (map your column to org_code)' });
  return { columns, ignored, problems };
}
