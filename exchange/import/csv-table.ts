// Reads a CSV a person exported from a spreadsheet into named rows, tolerating what
// spreadsheets do (a BOM, `;` or tab delimiters, Windows line ends, quoted newlines) and
// refusing anything ambiguous with an error that names the row, column and problem.
import Papa from 'papaparse';
import { InvalidInputError } from '../../data/errors.js';

export interface CsvIssue {
  /** Row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string | null;
  message: string;
}

export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

export interface CsvSpec {
  /** What the rows are, for messages: "organizations", "profiles". */
  what: string;
  required: readonly string[];
  optional?: readonly string[];
  maxRows?: number;
}

/** Header cells compare loosely: "Size band", "size-band" and "size_band" are the same column. */
export function normalizeHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function csvError(what: string, issues: CsvIssue[]): InvalidInputError {
  const shown = issues.slice(0, 5).map(describeIssue).join('; ');
  const more = issues.length > 5 ? `; and ${issues.length - 5} more problem(s)` : '';
  return new InvalidInputError(
    `The ${what} CSV was not imported (nothing was saved): ${shown}${more}.`,
    issues.map((i) => ({ path: i.column ? `row ${i.row}, column ${i.column}` : `row ${i.row}`, message: i.message })),
  );
}

export function describeIssue(i: CsvIssue): string {
  return `row ${i.row}${i.column ? `, column ${i.column}` : ''}: ${i.message}`;
}

export function readCsvTable(text: string, spec: CsvSpec): CsvRow[] {
  const clean = text.replace(/^\uFEFF/, '');
  // PostgreSQL cannot store a NUL character in text (SQLite can): refuse it here, for both.
  const nul = clean.indexOf('\u0000');
  if (nul >= 0) {
    const row = clean.slice(0, nul).split('\n').length;
    throw csvError(spec.what, [{ row, column: null, message: 'contains a NUL character (byte 0), which is not text: save the file as plain UTF-8 text' }]);
  }
  if (clean.trim() === '') throw csvError(spec.what, [{ row: 1, column: null, message: 'the file is empty: the first row must name the columns' }]);
  const parsed = Papa.parse<string[]>(clean, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy' });
  const issues: CsvIssue[] = [];
  for (const e of parsed.errors) {
    // UndetectableDelimiter only means "one column": the header check below says it better.
    if (e.code === 'UndetectableDelimiter') continue;
    issues.push({ row: (e.row ?? 0) + 1, column: null, message: papaMessage(e) });
  }
  const [headerCells = [], ...body] = parsed.data;
  const header = headerCells.map(normalizeHeader);
  const known = new Set([...spec.required, ...(spec.optional ?? [])]);
  const missing = spec.required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const hint = header.length === 1 && /[|:]/.test(headerCells[0] ?? '') ? ' (the file seems to use a delimiter other than comma, semicolon or tab)' : '';
    issues.push({ row: 1, column: null, message: `missing column(s) ${missing.join(', ')}${hint}; the header row must name: ${spec.required.join(', ')}` });
  }
  header.forEach((h, i) => {
    if (h === '') issues.push({ row: 1, column: `#${i + 1}`, message: 'the header cell is empty' });
    else if (!known.has(h)) issues.push({ row: 1, column: h, message: `unknown column; expected ${[...known].join(', ')}` });
    else if (header.indexOf(h) !== i) issues.push({ row: 1, column: h, message: 'the column appears twice' });
  });
  if (issues.length === 0) {
    body.forEach((cells, i) => {
      if (cells.length !== header.length) {
        issues.push({ row: i + 2, column: null, message: `${cells.length} value(s) where the header has ${header.length}: quote values that contain the delimiter "${parsed.meta.delimiter}"` });
      }
    });
  }
  if (body.length === 0 && issues.length === 0) issues.push({ row: 2, column: null, message: `no ${spec.what} below the header row` });
  if (spec.maxRows !== undefined && body.length > spec.maxRows) issues.push({ row: spec.maxRows + 2, column: null, message: `too many rows: at most ${spec.maxRows} per file` });
  if (issues.length > 0) throw csvError(spec.what, dedupe(issues));
  return body.map((cells, i) => {
    const values: Record<string, string> = {};
    header.forEach((h, j) => { values[h] = (cells[j] ?? '').trim(); });
    return { row: i + 2, values };
  });
}

function papaMessage(e: Papa.ParseError): string {
  switch (e.code) {
    case 'MissingQuotes': return 'a quoted value is never closed: check for a stray double quote';
    case 'InvalidQuotes': return 'a quote appears inside an unquoted value: wrap the value in double quotes and double any quote inside it';
    default: return e.message;
  }
}

function dedupe(issues: CsvIssue[]): CsvIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = describeIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
