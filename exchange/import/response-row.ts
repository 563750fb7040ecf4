// Validates one CSV row against the codebook and turns it into the stored columns of a
// response, or into a list of problems (column, value, what is wrong) — never both.
import type { NewResponse } from '../../data/database.js';
import type { ResolvedColumn } from './response-columns.js';
import type { ResponseMapping } from './response-mapping.js';

export interface RowIssue {
  /** Row in the file, the header being row 1 (as a spreadsheet numbers them). */
  row: number;
  column: string;
  value: string;
  problem: string;
}

export type ResponseFields = Omit<NewResponse, 'id' | 'wave_id' | 'received_on' | 'source'>;

export interface RowContext {
  columns: readonly ResolvedColumn[];
  mapping: ResponseMapping;
  /** Organization code → id, for the wave's study. */
  organizations: ReadonlyMap<string, string>;
  headerLength: number;
}

const WHOLE = /^[+-]?\d+$/;
const preview = (v: string) => (v.length > 80 ? v.slice(0, 77) + '...' : v);

export function validateRow(cells: readonly string[], rowNumber: number, ctx: RowContext): { fields: ResponseFields; issues: [] } | { fields: null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const issue = (column: string, value: string, problem: string) => issues.push({ row: rowNumber, column, value: preview(value), problem });
  if (cells.length !== ctx.headerLength) {
    issue('', '', `has ${cells.length} fields but the header has ${ctx.headerLength}: check for an unclosed quote or a stray delimiter`);
    return { fields: null, issues };
  }
  const out: Record<string, unknown> = { lang: 'en', instrument_version: 'import' };
  for (const c of ctx.columns) {
    const raw = cells[c.index];
    if (raw.includes('\uFFFD')) {
      issue(c.source, raw, 'is not valid UTF-8 text: save the file as "CSV UTF-8"');
      continue;
    }
    const t = c.target;
    const recode = ctx.mapping.values[t.name];
    // Free text is kept exactly as written; coded values tolerate stray spaces.
    const isText = t.kind === 'variable' && t.variable.type.kind === 'text';
    const trimmed = isText ? raw : raw.trim();
    const value = recode && Object.hasOwn(recode, trimmed) ? recode[trimmed] : trimmed;
    if (t.kind === 'org_code') {
      const id = ctx.organizations.get(value);
      if (value === '') issue(c.source, raw, 'is empty: every response needs its organization code');
      else if (id === undefined) issue(c.source, raw, 'is not the code of an organization in this wave\'s study (codes look like ORG-XXXXXX; list them with `rootwork admin`)');
      else out.organization_id = id;
      continue;
    }
    if (t.kind === 'lang') {
      if (value === '') continue;
      if (value !== 'en' && value !== 'es') issue(c.source, raw, 'must be en or es');
      else out.lang = value;
      continue;
    }
    if (t.kind === 'instrument_version') {
      if (value === '') continue;
      if (value.length > 100) issue(c.source, raw, 'is longer than 100 characters');
      else out.instrument_version = value;
      continue;
    }
    if (t.kind === 'band') {
      if (value === '') continue;
      const band = t.band.bands.find((b) => b.value === value);
      if (!band) issue(c.source, raw, `must be one of ${t.band.bands.map((b) => b.value).join(', ')} (or blank)`);
      else Object.assign(out, t.band.restore(value));
      continue;
    }
    const type = t.variable.type;
    if (value === '' || (isText && value.trim() === '')) {
      out[t.name] = null;
      continue;
    }
    switch (type.kind) {
      case 'category':
        if (!type.values.includes(value)) issue(c.source, raw, `must be one of ${type.values.join(', ')} (or blank)`);
        else out[t.name] = value;
        break;
      case 'likert':
      case 'integer': {
        const n = WHOLE.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < type.min || n > type.max) issue(c.source, raw, `must be a whole number from ${type.min} to ${type.max} (or blank)`);
        else out[t.name] = n;
        break;
      }
      case 'flag':
        if (value !== '0' && value !== '1') issue(c.source, raw, 'must be 1 (ticked), 0 (not ticked) or blank');
        else out[t.name] = Number(value);
        break;
      case 'text':
        if ([...value].length > type.maxLength) issue(c.source, raw, `is longer than ${type.maxLength} characters`);
        else out[t.name] = value;
        break;
    }
  }
  if (issues.length > 0) return { fields: null, issues };
  return { fields: out as unknown as ResponseFields, issues: [] };
}
