// The columns of respondents.csv, in their stable order: pseudonymous organization code,
// banded quasi-identifiers with suppression flags, item answers, scored scales, and the
// free-text comment only when asked for. Raw race boxes, role, gender, age and tenure
// are never released unbanded.
import { LEAVE_REASONS, SCALES, VARIABLES, type Variable } from '../../instrument/codebook.js';
import { QUASI_IDENTIFIERS } from '../import/bands.js';
import { SCORED_SCALES } from '../../pipeline/score.js';
import { flagField, type FieldSpec, type TableSpec } from './table-spec.js';

/** Stored variables released as they are (item answers and plain categories). */
export const RELEASED_ITEMS: readonly Variable[] = VARIABLES.filter(
  (v) => v.name === 'fte' || v.name === 'looking' || v.name === 'stay_2y' || v.scale !== undefined || (LEAVE_REASONS as readonly string[]).includes(v.name),
);

export const suppressedFlagName = (qi: string) => `${qi}_suppressed`;

function itemField(v: Variable): FieldSpec {
  const t = v.type;
  const base = { name: v.name, title: v.name, scale: v.scale, reverse: v.reverse };
  switch (t.kind) {
    case 'likert':
      return { ...base, type: 'integer', minimum: t.min, maximum: t.max };
    case 'integer':
      return { ...base, type: 'integer', minimum: t.min, maximum: t.max };
    case 'flag':
      return { ...flagField(v.name, v.name), scale: v.scale };
    case 'category':
      return { ...base, type: 'string', enum: t.values };
    case 'text':
      return { ...base, type: 'string' };
  }
}

export function respondentsSpec(options: { includeComments: boolean }): TableSpec {
  const fields: FieldSpec[] = [
    { name: 'org_code', type: 'string', title: 'Organization (pseudonymous code)', description: 'The same code as in organizations.csv; never the real name.' },
  ];
  for (const q of QUASI_IDENTIFIERS) {
    fields.push({
      name: q.name, type: 'string', title: q.label, description: `Banded: ${q.rule}. Blank when not answered or suppressed (see ${suppressedFlagName(q.name)}).`,
      enum: q.bands.map((b) => b.value), valueLabels: q.bands.map((b) => b.label), derivedFrom: q.from,
    });
  }
  for (const q of QUASI_IDENTIFIERS) {
    fields.push(flagField(suppressedFlagName(q.name), `${q.name} suppressed for k-anonymity`, `1 when ${q.name} was blanked so that every combination of organization and banded quasi-identifiers has at least k rows.`));
  }
  for (const v of RELEASED_ITEMS) fields.push(itemField(v));
  for (const s of SCORED_SCALES) {
    fields.push({
      name: s.scoreName, type: 'number', title: `${s.id} scale score`, minimum: s.min, maximum: s.max, scale: s.id, derivedFrom: s.items,
      description: `Mean of ${s.items.join(', ')} after reverse coding; blank unless at least two thirds of the items are answered.`,
    });
  }
  const org = SCALES.find((s) => s.id === 'org')!;
  const mob = SCALES.find((s) => s.id === 'mob')!;
  fields.push({
    name: 'orientation_index', type: 'number', title: 'Orientation index (organizing minus mobilizing)', minimum: org.min - mob.max, maximum: org.max - mob.min,
    derivedFrom: [org.scoreName, mob.scoreName], description: 'organizing_score − mobilizing_score; blank unless both exist.',
  });
  if (options.includeComments) {
    fields.push({ name: 'comment', type: 'string', title: 'Comment (free text, scrubbed)', description: 'Emails, URLs and phone numbers replaced by [email], [url], [phone]; only from organizations with at least 10 released respondents.' });
  }
  return {
    name: 'respondents',
    path: 'respondents.csv',
    title: 'Staff survey responses, one row per response',
    description: 'k-anonymous over organization and the banded quasi-identifiers (role, race group, gender, age, tenure).',
    fields,
  };
}
