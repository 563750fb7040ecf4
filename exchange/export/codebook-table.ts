// codebook.csv: every variable of every exported file — name, label, question wording in
// English and Spanish, type, allowed values and their labels, missing-value codes, scale
// membership, reverse coding and what a derived variable is made from.
import type { Lang } from '../../instrument/types.js';
import { DISCLOSURE_ROLES, VARIABLES, type DisclosureRole } from '../../instrument/codebook.js';
import type { CsvRow } from './csv-writer.js';
import { flagField, MISSING_VALUES, type FieldSpec, type TableSpec } from './table-spec.js';
import { questionWording, valueLabel } from './wording.js';

export const CODEBOOK_SPEC: TableSpec = {
  name: 'codebook',
  path: 'codebook.csv',
  title: 'Codebook: every variable of every exported file',
  description: 'Lists separated by ";" (allowed_values and value_labels line up). Missing values are blank cells in every file.',
  fields: [
    { name: 'file', type: 'string', title: 'File the variable is in' },
    { name: 'name', type: 'string', title: 'Variable (column) name' },
    { name: 'label', type: 'string', title: 'Short label' },
    { name: 'question_en', type: 'string', title: 'Question wording, English (as asked)' },
    { name: 'question_es', type: 'string', title: 'Question wording, Spanish (as asked)' },
    { name: 'type', type: 'string', title: 'Table Schema type', enum: ['string', 'integer', 'number'] },
    { name: 'allowed_values', type: 'string', title: 'Allowed values' },
    { name: 'value_labels', type: 'string', title: 'Labels of the allowed values' },
    { name: 'minimum', type: 'number', title: 'Smallest allowed value' },
    { name: 'maximum', type: 'number', title: 'Largest allowed value' },
    { name: 'missing_values', type: 'string', title: 'Values meaning missing, as the Table Schema missingValues property: a JSON list of strings ([""] = a blank cell)' },
    { name: 'scale', type: 'string', title: 'Scale the variable belongs to' },
    flagField('reverse_coded', 'Reverse-coded item (scored as min + max − answer)'),
    { name: 'derived_from', type: 'string', title: 'Stored variables a derived or banded variable is computed from' },
    { name: 'disclosure_role', type: 'string', title: 'Disclosure role of the stored variable(s) it comes from (blank for organization and study figures)', enum: DISCLOSURE_ROLES },
    { name: 'description', type: 'string', title: 'Notes' },
  ],
};

const BANDED_FROM: Record<string, string> = {
  role_group: 'role', race_group: 'race', gender_group: 'gender', age_group: 'age_band', tenure_group: 'tenure_years',
};

const STORED = new Map(VARIABLES.map((v) => [v.name, v]));

/** Files with one row per respondent: their columns carry the disclosure role of what they come from. */
const RESPONDENT_LEVEL = new Set(['respondents.csv', 'respondents-all-waves.csv', 'comments.csv', 'extract-h1-h3.csv', 'extract-h5.csv']);

/** The allowed values of a field and their labels (value labels of the syntax files), or null. */
export function valueLabelsOf(field: FieldSpec): { value: string | number; label: string }[] | null {
  const v = STORED.get(field.name);
  if (field.enum) return field.enum.map((value, i) => ({ value, label: field.valueLabels?.[i] ?? valueLabel(field.name, value) ?? String(value) }));
  if (v?.type.kind === 'likert') {
    const anchors = v.type.max === 7 ? 'agree7' : 'agree5';
    const min = v.type.min;
    return Array.from({ length: v.type.max - min + 1 }, (_, i) => ({ value: min + i, label: valueLabel(field.name, min + i, anchors) ?? String(min + i) }));
  }
  return null;
}

function allowed(field: FieldSpec): { values: string | null; labels: string | null } {
  const v = STORED.get(field.name);
  if (field.enum) {
    const labels = field.enum.map((value, i) => field.valueLabels?.[i] ?? valueLabel(field.name, value) ?? String(value));
    return { values: field.enum.join(';'), labels: labels.join(';') };
  }
  if (v?.type.kind === 'likert') {
    const anchors = v.type.max === 7 ? 'agree7' : 'agree5';
    const points = Array.from({ length: v.type.max - v.type.min + 1 }, (_, i) => v.type.kind === 'likert' ? v.type.min + i : i);
    return { values: points.join(';'), labels: points.map((p) => valueLabel(field.name, p, anchors) ?? String(p)).join(';') };
  }
  return { values: null, labels: null };
}

function wordingOf(field: FieldSpec, lang: Lang): string | null {
  // A banded variable was asked as the question of the stored variable it comes from.
  const source = STORED.has(field.name) ? field.name : BANDED_FROM[field.name] ?? null;
  return source ? questionWording(source, lang) : null;
}

/** The codebook's role of a staff-answer column: its own, or the strongest among what it is made from. */
function roleOf(field: FieldSpec): DisclosureRole | null {
  const own = STORED.get(field.name)?.disclosure;
  if (own) return own;
  const from = (field.derivedFrom ?? []).map((n) => STORED.get(n)?.disclosure).filter((r): r is DisclosureRole => r !== undefined);
  for (const r of ['quasi-identifier', 'free-text', 'sensitive', 'technical'] as const) if (from.includes(r)) return r;
  return null;
}

export function codebookRows(specs: readonly TableSpec[]): CsvRow[] {
  return specs.flatMap((spec) =>
    spec.fields.map((f) => {
      const { values, labels } = allowed(f);
      return {
        file: spec.path, name: f.name, label: f.title, question_en: wordingOf(f, 'en'), question_es: wordingOf(f, 'es'), type: f.type,
        allowed_values: values, value_labels: labels, minimum: f.minimum ?? null, maximum: f.maximum ?? null,
        missing_values: JSON.stringify(MISSING_VALUES), scale: f.scale ?? null, reverse_coded: f.reverse ? 1 : 0,
        derived_from: f.derivedFrom?.join(';') ?? null, disclosure_role: RESPONDENT_LEVEL.has(spec.path) ? roleOf(f) : null,
        description: f.description ?? null,
      };
    }),
  );
}
