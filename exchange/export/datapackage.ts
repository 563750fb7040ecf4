// datapackage.json: a Frictionless Data Package (v1 descriptor) with a Table Schema per
// exported file — types, enums and ranges as constraints, blank as the missing value —
// so `frictionless validate`, R's frictionless and Python's frictionless load it typed.
// The encoding is always "utf-8", also with --excel: a byte-order mark is a UTF-8 file's
// optional first character that every Frictionless reader skips, while "utf-8-sig" is a
// Python codec name, not an IANA charset, and the JavaScript library throws on it.
import type { TableSpec } from './table-spec.js';
import { MISSING_VALUES } from './table-spec.js';
import { CSV_NEWLINE } from './csv-writer.js';

export interface TableSchemaField {
  name: string;
  type: string;
  title?: string;
  description?: string;
  constraints?: { enum?: (string | number)[]; minimum?: number; maximum?: number };
}

export interface DataResource {
  name: string;
  path: string;
  profile: 'tabular-data-resource';
  title: string;
  description: string;
  format: 'csv';
  mediatype: 'text/csv';
  encoding: 'utf-8';
  dialect: { delimiter: string; lineTerminator: string; quoteChar: string; doubleQuote: boolean; header: boolean };
  schema: { fields: TableSchemaField[]; missingValues: string[] };
}

export interface DataPackage {
  profile: 'tabular-data-package';
  name: string;
  title: string;
  description: string;
  licenses?: { name: string; title: string }[];
  resources: DataResource[];
}

export function schemaField(f: TableSpec['fields'][number]): TableSchemaField {
  const constraints: NonNullable<TableSchemaField['constraints']> = {};
  if (f.enum) constraints.enum = [...f.enum];
  if (f.minimum !== undefined) constraints.minimum = f.minimum;
  if (f.maximum !== undefined) constraints.maximum = f.maximum;
  return {
    name: f.name,
    type: f.type,
    title: f.title,
    ...(f.description ? { description: f.description } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

export function dataPackage(specs: readonly TableSpec[], options: { waveName: string }): DataPackage {
  return {
    profile: 'tabular-data-package',
    name: 'rootwork-export',
    title: `Rootwork export: ${options.waveName}`,
    description: 'Anonymous organizational health survey, released with disclosure control (see disclosure.json). Text cells starting with =, +, -, @, tab or CR carry a leading single quote so spreadsheets do not run them.',
    resources: specs.map((s) => ({
      name: s.name,
      path: s.path,
      profile: 'tabular-data-resource',
      title: s.title,
      description: s.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: CSV_NEWLINE, quoteChar: '"', doubleQuote: true, header: true },
      schema: { fields: s.fields.map(schemaField), missingValues: [...MISSING_VALUES] },
    })),
  };
}
