// The columns of respondents.csv, in their stable order: pseudonymous organization code,
// the quasi-identifiers (banded where a band exists) with suppression flags, item answers
// and scored scales. Raw race boxes, role, gender, age and tenure are never released
// unbanded; free text never appears here (comments.csv, only when asked for).
import { SCALES, VARIABLES, type Variable } from '../../instrument/codebook.js';
import { QUASI_IDENTIFIER_NAMES } from '../import/bands.js';
import { SCORED_SCALES } from '../../pipeline/score.js';
import { exportQuasiIdentifiers, type ExportQuasiIdentifier } from './quasi-identifiers.js';
import { flagField, WAVE_FIELD, type FieldSpec, type TableSpec } from './table-spec.js';
import { questionWording } from './wording.js';

/**
 * Stored variables released as they are: the answers the codebook marks `sensitive`, which
 * k-anonymity over the quasi-identifiers protects. A quasi-identifier never appears here.
 */
export function releasedItems(qis: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers(), variables: readonly Variable[] = VARIABLES): Variable[] {
  const viaQi = new Set(qis.flatMap((q) => q.from));
  return variables.filter((v) => v.disclosure === 'sensitive' && !viaQi.has(v.name));
}

export const RELEASED_ITEMS: readonly Variable[] = releasedItems();

/** Column order of the quasi-identifiers: the banded ones as before, then any released as answered (fte). */
export function quasiIdentifierColumns(qis: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers()): ExportQuasiIdentifier[] {
  const rank = (q: ExportQuasiIdentifier) => {
    const i = (QUASI_IDENTIFIER_NAMES as readonly string[]).indexOf(q.name);
    return i < 0 ? QUASI_IDENTIFIER_NAMES.length : i;
  };
  return [...qis].sort((a, b) => rank(a) - rank(b));
}

/** Plain names of the scales, for the labels of their scores. */
export const SCALE_TITLES: Readonly<Record<string, string>> = {
  org: 'Organizing practice', mob: 'Mobilizing practice', cul: 'Culture and belonging', lcb: 'Leadership commitment to community building',
  dec: 'Inclusive decision making', val: 'Organizing valued', sat: 'Job satisfaction', itl: 'Intent to leave',
};

export const suppressedFlagName = (qi: string) => `${qi}_suppressed`;

function itemField(v: Variable): FieldSpec {
  const t = v.type;
  // The label is the question as asked (English), so a labelled file reads as the survey did.
  const title = questionWording(v.name, 'en') ?? v.name;
  const base = { name: v.name, title, scale: v.scale, reverse: v.reverse };
  switch (t.kind) {
    case 'likert':
      return { ...base, type: 'integer', minimum: t.min, maximum: t.max };
    case 'integer':
      return { ...base, type: 'integer', minimum: t.min, maximum: t.max };
    case 'flag':
      return { ...flagField(v.name, title), scale: v.scale };
    case 'category':
      return { ...base, type: 'string', enum: t.values };
    case 'text':
      return { ...base, type: 'string' };
  }
}

export function respondentsSpec(qis: readonly ExportQuasiIdentifier[] = exportQuasiIdentifiers()): TableSpec {
  const fields: FieldSpec[] = [
    WAVE_FIELD,
    { name: 'org_code', type: 'string', title: 'Organization (pseudonymous code)', description: 'The same code as in organizations.csv; never the real name.' },
  ];
  const columns = quasiIdentifierColumns(qis);
  const stored = new Map(VARIABLES.map((v) => [v.name, v]));
  for (const q of columns) {
    const own = stored.get(q.name);
    if (own && q.from.length === 1 && q.from[0] === q.name) {
      // Released as answered (e.g. fte): its codebook type, blank when suppressed.
      fields.push({ ...itemField(own), description: `A quasi-identifier: ${q.rule}. Blank when not answered or suppressed (see ${suppressedFlagName(q.name)}).` });
      continue;
    }
    fields.push({
      name: q.name, type: 'string', title: q.label, description: `Banded: ${q.rule}. Blank when not answered or suppressed (see ${suppressedFlagName(q.name)}).`,
      enum: q.bands.map((b) => b.value), valueLabels: q.bands.map((b) => b.label), derivedFrom: q.from,
    });
  }
  for (const q of columns) {
    fields.push(flagField(suppressedFlagName(q.name), `${q.name} suppressed for k-anonymity`, `1 when ${q.name} was blanked so that every combination of organization and the quasi-identifiers has at least k rows.`));
  }
  for (const v of releasedItems(qis)) fields.push(itemField(v));
  for (const s of SCORED_SCALES) {
    fields.push({
      name: s.scoreName, type: 'number', title: `${SCALE_TITLES[s.id] ?? s.id} scale score (${s.min}–${s.max})`, minimum: s.min, maximum: s.max, scale: s.id, derivedFrom: s.items,
      description: `Mean of ${s.items.join(', ')} after reverse coding; blank unless at least two thirds of the items are answered.`,
    });
  }
  const org = SCALES.find((s) => s.id === 'org')!;
  const mob = SCALES.find((s) => s.id === 'mob')!;
  fields.push({
    name: 'orientation_index', type: 'number', title: 'Orientation index (organizing minus mobilizing)', minimum: org.min - mob.max, maximum: org.max - mob.min,
    derivedFrom: [org.scoreName, mob.scoreName], description: 'organizing_score − mobilizing_score; blank unless both exist.',
  });
  return {
    name: 'respondents',
    path: 'respondents.csv',
    title: 'Staff survey responses, one row per response',
    description: `k-anonymous over organization and every quasi-identifier the codebook marks (${columns.map((q) => q.name).join(', ')}), monotone in k.`,
    fields,
  };
}
