// The typed description of every exported table: one list of fields per file drives the
// CSV column order, formula neutralisation (text fields only), codebook.csv and the
// Table Schemas in datapackage.json, so the four can never disagree.

export type FieldType = 'string' | 'integer' | 'number';

export interface FieldSpec {
  name: string;
  type: FieldType;
  title: string;
  description?: string;
  /** Allowed values (strings for string fields, whole numbers for integer fields). */
  enum?: readonly (string | number)[];
  /** Labels of the allowed values, in enum order. */
  valueLabels?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** Scale the variable belongs to (codebook.csv). */
  scale?: string;
  reverse?: boolean;
  /** Stored variables a derived or banded field is computed from. */
  derivedFrom?: readonly string[];
}

export interface TableSpec {
  /** Data Package resource name (lower case, no extension). */
  name: string;
  path: string;
  title: string;
  description: string;
  fields: readonly FieldSpec[];
}

/** Every export writes a blank cell for a missing value; nothing else means missing. */
export const MISSING_VALUES: readonly string[] = [''];

/** The first column of every respondent-level file: which wave (survey round) a row is from. */
export const WAVE_FIELD: FieldSpec = {
  name: 'wave', type: 'string', title: 'Wave (survey round) the response belongs to',
  description: 'The wave\'s name as the study named it; in the all-waves file a quasi-identifier like the organization (each wave is k-anonymous on its own).',
};

export const flagField = (name: string, title: string, description?: string): FieldSpec => ({
  name, type: 'integer', title, description, enum: [0, 1], valueLabels: ['no', 'yes'],
});
