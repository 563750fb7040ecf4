// The quasi-identifiers of a respondent export, read from the codebook: every variable the
// codebook marks `quasi-identifier` is covered, either by a banded variable of
// exchange/import/bands.ts (role, race, gender, age, tenure) or, when no band covers it
// (`fte`, and any demographic added later), released as its own values and suppressed
// like the rest. A quasi-identifier that cannot be released that way (free text) is a
// configuration mistake, reported when the export starts.
import { quasiIdentifierVariables, VARIABLES, type Variable } from '../../instrument/codebook.js';
import type { NewResponse } from '../../data/database.js';
import { QUASI_IDENTIFIERS, type Band } from '../import/bands.js';

export interface ExportQuasiIdentifier {
  /** Column name in respondents.csv (a banded name such as `role_group`, or the variable itself, e.g. `fte`). */
  name: string;
  label: string;
  /** The stored variables it is made from. */
  from: readonly string[];
  bands: readonly Band[];
  rule: string;
  band(r: Partial<NewResponse>): string | null;
}

/**
 * Blanked first: a quasi-identifier the study's analyses do not use (fte, and any added
 * later) goes before age and gender; race group and role, which define the confirmatory
 * populations, are blanked last.
 */
const BANDED_ORDER = ['age_group', 'gender_group', 'tenure_group', 'race_group', 'role_group'] as const;

function ownValues(v: Variable): ExportQuasiIdentifier {
  const t = v.type;
  const values = t.kind === 'category' ? [...t.values] : t.kind === 'flag' ? ['0', '1'] : t.kind === 'integer' || t.kind === 'likert' ? null : undefined;
  if (values === undefined) {
    throw new Error(`Codebook variable ${v.name} is marked quasi-identifier but is free text: give it a band in exchange/import/bands.ts or mark it free-text.`);
  }
  return {
    name: v.name,
    label: `${v.name} (a quasi-identifier)`,
    from: [v.name],
    bands: (values ?? []).map((value) => ({ value, label: value })),
    rule: values ? 'released as answered; blanked where needed for k-anonymity' : 'released as answered (whole numbers); blanked where needed for k-anonymity',
    band: (r) => {
      const x = (r as Record<string, unknown>)[v.name];
      return x === null || x === undefined ? null : String(x);
    },
  };
}

/**
 * Every quasi-identifier of the export, in suppression order: the first is blanked first.
 * `variables` defaults to the codebook; tests pass a codebook with a demographic added.
 */
export function exportQuasiIdentifiers(variables: readonly Variable[] = VARIABLES): ExportQuasiIdentifier[] {
  const marked = quasiIdentifierVariables(variables);
  const banded = QUASI_IDENTIFIERS.filter((q) => q.from.some((f) => marked.some((v) => v.name === f)));
  const covered = new Set(banded.flatMap((q) => q.from));
  const own = marked.filter((v) => !covered.has(v.name)).map(ownValues);
  const rank = (name: string) => BANDED_ORDER.indexOf(name as (typeof BANDED_ORDER)[number]);
  const bandedSorted = [...banded].sort((a, b) => rank(a.name) - rank(b.name));
  return [...own, ...bandedSorted.map((q): ExportQuasiIdentifier => ({ name: q.name, label: q.label, from: q.from, bands: q.bands, rule: q.rule, band: q.band }))];
}

/** Names of the stored variables that leave only through a quasi-identifier column. */
export function quasiIdentifierSources(qis: readonly ExportQuasiIdentifier[]): Set<string> {
  return new Set(qis.flatMap((q) => q.from));
}
