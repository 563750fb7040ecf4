// Checks a Data Package against the Frictionless Table Schema rules Rootwork relies on
// (descriptor shape, field types, constraints, missing values) and every CSV cell
// against its field — offline, the way `frictionless validate` would.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { DataPackage, DataResource, TableSchemaField } from '../../../exchange/export/datapackage.js';

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any']);
const NAME = /^[a-z0-9._-]+$/;

export function descriptorErrors(pkg: DataPackage): string[] {
  const errors: string[] = [];
  if (!Array.isArray(pkg.resources) || pkg.resources.length === 0) errors.push('package: resources must be a non-empty array');
  if (!NAME.test(pkg.name)) errors.push(`package: name "${pkg.name}" must be lower case letters, digits, . _ -`);
  const names = new Set<string>();
  for (const r of pkg.resources) {
    if (!NAME.test(r.name)) errors.push(`${r.name}: resource name must be lower case letters, digits, . _ -`);
    if (names.has(r.name)) errors.push(`${r.name}: duplicate resource name`);
    names.add(r.name);
    if (typeof r.path !== 'string' || r.path.includes('..') || path.isAbsolute(r.path)) errors.push(`${r.name}: path must be a relative path inside the package`);
    if (!Array.isArray(r.schema?.fields) || r.schema.fields.length === 0) errors.push(`${r.name}: schema.fields must be a non-empty array`);
    if (!Array.isArray(r.schema?.missingValues) || r.schema.missingValues.some((m) => typeof m !== 'string')) errors.push(`${r.name}: missingValues must be strings`);
    const fieldNames = new Set<string>();
    for (const f of r.schema.fields) {
      if (typeof f.name !== 'string' || f.name === '') errors.push(`${r.name}: a field has no name`);
      if (fieldNames.has(f.name)) errors.push(`${r.name}.${f.name}: duplicate field name`);
      fieldNames.add(f.name);
      if (!TYPES.has(f.type)) errors.push(`${r.name}.${f.name}: unknown type ${f.type}`);
      const c = f.constraints ?? {};
      for (const key of Object.keys(c)) if (!['enum', 'minimum', 'maximum', 'required', 'unique', 'pattern', 'minLength', 'maxLength'].includes(key)) errors.push(`${r.name}.${f.name}: unknown constraint ${key}`);
      if (c.enum !== undefined) {
        if (!Array.isArray(c.enum) || c.enum.length === 0) errors.push(`${r.name}.${f.name}: enum must be a non-empty array`);
        else for (const v of c.enum) if (castError(f, typeof v === 'number' ? String(v) : v) !== null) errors.push(`${r.name}.${f.name}: enum value ${JSON.stringify(v)} is not a ${f.type}`);
      }
      for (const key of ['minimum', 'maximum'] as const) {
        if (c[key] !== undefined && (f.type === 'string' || typeof c[key] !== 'number')) errors.push(`${r.name}.${f.name}: ${key} needs a numeric field and value`);
      }
    }
  }
  return errors;
}

function castError(f: TableSchemaField, cell: string): string | null {
  switch (f.type) {
    case 'integer':
      return /^[+-]?\d+$/.test(cell) ? null : 'not an integer';
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? null : 'not a number';
    default:
      return null;
  }
}

/** Every cell of a resource checked against its field: header order, type, enum, range. */
export function dataErrors(dir: string, r: DataResource, limit = 20): string[] {
  const errors: string[] = [];
  let text = fs.readFileSync(path.join(dir, r.path), 'utf8');
  // A UTF-8 file may start with a byte-order mark (--excel); readers skip it. No other encoding is written.
  if (r.encoding !== 'utf-8') errors.push(`${r.path}: encoding ${String(r.encoding)}, expected utf-8`);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: r.dialect.delimiter, newline: r.dialect.lineTerminator as '\r\n', skipEmptyLines: true });
  if (parsed.errors.length > 0) errors.push(`${r.path}: CSV errors ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const [header, ...rows] = parsed.data;
  const names = r.schema.fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) errors.push(`${r.path}: header ${JSON.stringify(header)} does not match the schema ${JSON.stringify(names)}`);
  rows.forEach((cells, i) => {
    if (cells.length !== names.length) return void errors.push(`${r.path} row ${i + 2}: ${cells.length} cells, schema has ${names.length}`);
    r.schema.fields.forEach((f, j) => {
      const cell = cells[j];
      if (r.schema.missingValues.includes(cell)) return;
      const bad = castError(f, cell);
      if (bad) return void errors.push(`${r.path} row ${i + 2} ${f.name}: ${JSON.stringify(cell)} ${bad}`);
      const value = f.type === 'string' ? cell : Number(cell);
      const c = f.constraints ?? {};
      if (c.enum && !c.enum.includes(value)) errors.push(`${r.path} row ${i + 2} ${f.name}: ${JSON.stringify(cell)} not in enum`);
      if (c.minimum !== undefined && (value as number) < c.minimum) errors.push(`${r.path} row ${i + 2} ${f.name}: ${cell} < minimum ${c.minimum}`);
      if (c.maximum !== undefined && (value as number) > c.maximum) errors.push(`${r.path} row ${i + 2} ${f.name}: ${cell} > maximum ${c.maximum}`);
    });
  });
  return errors.slice(0, limit);
}

/** Reads a CSV export into objects keyed by header (BOM dropped). */
export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}
