// SPSS (rootwork.sps), Stata (rootwork.do) and R (rootwork.R) syntax that read the exported
// CSVs with their types, variable labels (the question as asked, or the field's title) and
// value labels from the codebook: generated from the same TableSpecs as the CSVs, so the
// three can never name a column the files do not have. Each script runs from the export
// folder; none of them needs a package beyond the program itself.
import { valueLabelsOf } from './codebook-table.js';
import type { FieldSpec, TableSpec } from './table-spec.js';

export const SYNTAX_FILES = ['rootwork.sps', 'rootwork.do', 'rootwork.R'] as const;

/** Stata's limits: variable labels of 80 characters, names of 32. */
export const STATA_LABEL_MAX = 80;
/** SPSS's limits in bytes: variable labels 256, value labels 120. */
const SPSS_VAR_LABEL_MAX = 255;
const SPSS_VALUE_LABEL_MAX = 120;

const clip = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 3) + '...');
const clipBytes = (s: string, max: number) => {
  if (Buffer.byteLength(s) <= max) return s;
  let out = s;
  while (Buffer.byteLength(out) > max - 3) out = out.slice(0, -1);
  return out + '...';
};
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The variable label of a field (its title, on one line). */
export const variableLabel = (f: FieldSpec) => oneLine(f.title);
/** The value labels of a field, or null. */
export function valueLabels(f: FieldSpec): { value: string | number; label: string }[] | null {
  return valueLabelsOf(f)?.map((v) => ({ value: v.value, label: oneLine(v.label) })) ?? null;
}

/** A column's name in Stata, whose names hold 32 characters at most. */
export const stataName = (name: string) => name.slice(0, 32);
/** The numeric companion Stata makes of a labelled string column (Stata labels only numbers). */
export const stataCodeName = (name: string) => `${name.slice(0, 27)}_code`;
const stataDataset = (spec: TableSpec) => spec.path.replace(/\.csv$/, '.dta');
const rName = (spec: TableSpec) => spec.name.replace(/-/g, '_');

// --- SPSS -------------------------------------------------------------------------------

/** A double-quoted SPSS string, split into +-joined pieces so no syntax line grows long. */
function spssString(s: string): string {
  const pieces = s.match(/.{1,60}/gsu) ?? [''];
  return pieces.map((p) => `"${p.replace(/"/g, '""')}"`).join(' +\n    ');
}

function spssFormat(f: FieldSpec): string {
  if (f.type === 'integer') return 'F8.0';
  if (f.type === 'number') return 'F24.14';
  if (f.enum) return `A${Math.max(1, ...f.enum.map((v) => Buffer.byteLength(String(v))))}`;
  return f.name === 'org_code' ? 'A32' : 'A1000';
}

function spss(all: readonly TableSpec[], waveName: string): string {
  // GET DATA reads one case per line: comments.csv's text may hold line breaks (R and Stata read it).
  const specs = all.filter((s) => s.name !== 'comments');
  const out = [
    '* Encoding: UTF-8.',
    `* Rootwork export (${oneLine(waveName)}): reads every CSV of this folder with variable and value labels.`,
    '* Run from the export folder (CD to it first); each file becomes a dataset named as the file (- as _).',
    '* Missing values are blank cells, read as system-missing (numbers) or empty (text).',
    ...(specs.length < all.length ? ['* comments.csv is not read here: its text may span lines, which GET DATA cannot read (rootwork.R and rootwork.do do).'] : []),
    '',
  ];
  for (const spec of specs) {
    out.push(
      `GET DATA /TYPE=TXT`,
      `  /FILE=${spssString(spec.path)}`,
      `  /ENCODING='UTF8'`,
      `  /DELCASE=LINE /DELIMITERS="," /QUALIFIER='"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2`,
      `  /VARIABLES=`,
      ...spec.fields.map((f) => `    ${f.name} ${spssFormat(f)}`),
      '.',
      'VARIABLE LABELS',
      '  ' + spec.fields.map((f) => `${f.name} ${spssString(clipBytes(variableLabel(f), SPSS_VAR_LABEL_MAX))}`).join('\n  /') + '.',
    );
    const labelled = spec.fields.flatMap((f) => {
      const vl = valueLabels(f);
      if (!vl) return [];
      const pairs = vl.map((v) => `    ${typeof v.value === 'number' ? v.value : spssString(v.value)} ${spssString(clipBytes(v.label, SPSS_VALUE_LABEL_MAX))}`);
      return [`${f.name}\n${pairs.join('\n')}`];
    });
    if (labelled.length > 0) out.push('VALUE LABELS', '  ' + labelled.join('\n  /') + '.');
    // A labelled copy under the file's name: the next GET DATA replaces the active dataset.
    out.push('EXECUTE.', `DATASET COPY ${rName(spec)}.`, '');
  }
  if (specs.length > 0) out.push(`DATASET ACTIVATE ${rName(specs[0])}.`, '');
  return out.join('\n');
}

// --- Stata ------------------------------------------------------------------------------

/** A Stata compound-quoted string; \ before ` and $ stops macro expansion. */
const stataString = (s: string) => '`"' + s.replace(/\\/g, '\\\\').replace(/[`$]/g, (c) => `\\${c}`) + `"'`;

function stata(specs: readonly TableSpec[], waveName: string): string {
  const out = [
    `* Rootwork export (${oneLine(waveName)}): reads every CSV of this folder with variable and`,
    '* value labels and saves each as a .dta beside it. Run from the export folder (cd to it first).',
    '* Labelled text columns get a numeric companion NAME_code carrying the value labels.',
    'version 14',
    '',
  ];
  for (const spec of specs) {
    const names = spec.fields.map((f) => stataName(f.name));
    const clash = names.find((n, i) => names.indexOf(n) !== i);
    if (clash) throw new Error(`${spec.path}: two columns share the Stata name ${clash} (names are cut to 32 characters): rename one in its TableSpec.`);
    const idx = (pred: (f: FieldSpec) => boolean) => spec.fields.flatMap((f, i) => (pred(f) ? [i + 1] : []));
    const strings = idx((f) => f.type === 'string');
    const numbers = idx((f) => f.type !== 'string');
    // No header row read: columns come in as v1, v2... and are renamed, so a name longer than
    // Stata's 32 characters gets a known short name instead of one Stata makes up.
    out.push(
      `import delimited using ${stataString(spec.path)}, clear varnames(nonames) rowrange(2) delimiters(",") bindquote(strict) encoding("utf-8")` +
        (strings.length > 0 ? ` stringcols(${strings.join(' ')})` : '') + (numbers.length > 0 ? ` numericcols(${numbers.join(' ')})` : ''),
    );
    spec.fields.forEach((f, i) => {
      if (stataName(f.name) !== f.name) out.push(`* ${f.name} is ${stataName(f.name)} here: Stata names hold 32 characters.`);
      out.push(`rename v${i + 1} ${stataName(f.name)}`);
    });
    for (const f of spec.fields) {
      const name = stataName(f.name);
      out.push(`label variable ${name} ${stataString(clip(variableLabel(f), STATA_LABEL_MAX))}`);
      const vl = valueLabels(f);
      if (!vl) continue;
      if (f.type === 'string') {
        const code = stataCodeName(f.name);
        out.push(`generate byte ${code} = .`);
        vl.forEach((v, i) => out.push(`replace ${code} = ${i + 1} if ${name} == ${stataString(String(v.value))}`));
        out.push(`label define ${code} ${vl.map((v, i) => `${i + 1} ${stataString(v.label)}`).join(' ')}, replace`);
        out.push(`label values ${code} ${code}`);
        out.push(`label variable ${code} ${stataString(clip(variableLabel(f), STATA_LABEL_MAX))}`);
      } else {
        out.push(`label define ${name} ${vl.map((v) => `${v.value} ${stataString(v.label)}`).join(' ')}, replace`);
        out.push(`label values ${name} ${name}`);
      }
    }
    out.push(`save ${stataString(stataDataset(spec))}, replace`, '');
  }
  return out.join('\n');
}

// --- R ------------------------------------------------------------------------------------

/** An R string literal (JSON's escapes are R's). */
const rString = (s: string) => JSON.stringify(s);
const R_CLASS = { string: 'character', integer: 'integer', number: 'numeric' } as const;

function r(specs: readonly TableSpec[], waveName: string): string {
  const out = [
    `# Rootwork export (${oneLine(waveName)}): reads every CSV of this folder into the list`,
    '# `rootwork`, one data frame per file, with the codebook\'s labels as attributes: "label" on each',
    '# column and "labels" (a named vector: label = value) where values have labels, the convention',
    '# haven, labelled and sjlabelled read. Base R only. Run with Rscript rootwork.R, or source()',
    '# it after setwd() to the export folder.',
    'rootwork_dir <- local({',
    '  file_arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)',
    '  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else "."',
    '})',
    'read_rootwork <- function(file, classes) {',
    '  # UTF-8-BOM reads the files with or without the byte-order mark --excel adds.',
    '  read.csv(file.path(rootwork_dir, file), colClasses = classes, na.strings = "", fileEncoding = "UTF-8-BOM",',
    '           check.names = FALSE, stringsAsFactors = FALSE)',
    '}',
    'rootwork <- list()',
  ];
  for (const spec of specs) {
    const classes = spec.fields.map((f) => `${rString(f.name)} = ${rString(R_CLASS[f.type])}`).join(', ');
    out.push(`rootwork[[${rString(rName(spec))}]] <- local({`, `  d <- read_rootwork(${rString(spec.path)}, c(${classes}))`);
    for (const f of spec.fields) {
      out.push(`  attr(d[[${rString(f.name)}]], "label") <- ${rString(variableLabel(f))}`);
      const vl = valueLabels(f);
      if (!vl) continue;
      const values = vl.map((v) => `${rString(v.label)} = ${f.type === 'string' ? rString(String(v.value)) : f.type === 'integer' ? `${v.value}L` : String(v.value)}`);
      out.push(`  attr(d[[${rString(f.name)}]], "labels") <- c(${values.join(', ')})`);
    }
    out.push('  d', '})');
  }
  out.push('invisible(rootwork)', '');
  return out.join('\n');
}

export function syntaxFiles(specs: readonly TableSpec[], options: { waveName: string }): Record<(typeof SYNTAX_FILES)[number], string> {
  return { 'rootwork.sps': spss(specs, options.waveName), 'rootwork.do': stata(specs, options.waveName), 'rootwork.R': r(specs, options.waveName) };
}
