// Organizations from a CSV (name, contact, size_band, region, budget_band), or one at a
// time: the same field rules either way, and a whole file goes in or nothing does.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Organization } from '../../data/database.js';
import { ConflictError } from '../../data/errors.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { getStudy } from '../../data/repositories/studies.js';
import { csvError, readCsvTable, type CsvIssue } from './csv-table.js';

type Db = Kysely<Database>;

const optionalText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).transform((v) => (v === '' ? null : v)).nullable().optional();

/** One organization as an admin describes it (API body, page form, CSV row). */
export const organizationInputSchema = z.object({
  name: z.string().trim().min(1, 'the name is required').max(200, 'at most 200 characters'),
  contact: optionalText(200),
  size_band: optionalText(50),
  region: optionalText(100),
  budget_band: optionalText(50),
});
export type OrganizationInput = z.infer<typeof organizationInputSchema>;

export const ORGANIZATION_COLUMNS = ['name', 'contact', 'size_band', 'region', 'budget_band'] as const;

/** Adds organizations to a study in one transaction; names must be new to the study (case-insensitively). */
export async function addOrganizations(db: Db, studyId: string, inputs: readonly OrganizationInput[], rowOf: (i: number) => number | null = () => null): Promise<Organization[]> {
  return db.transaction().execute(async (trx) => {
    await getStudy(trx, studyId);
    const existing = await trx.selectFrom('organizations').select('name').where('study_id', '=', studyId).execute();
    const taken = new Map(existing.map((o) => [o.name.toLowerCase(), o.name]));
    const issues: CsvIssue[] = [];
    inputs.forEach((input, i) => {
      const key = input.name.toLowerCase();
      const clash = taken.get(key);
      if (clash !== undefined) issues.push({ row: rowOf(i) ?? i + 1, column: 'name', message: `the study already has an organization named "${clash}"` });
      else taken.set(key, input.name);
    });
    if (issues.length > 0) {
      if (inputs.length === 1 && rowOf(0) === null) {
        throw new ConflictError(`The study already has an organization named "${inputs[0].name}": each organization in a study needs its own name.`);
      }
      throw csvError('organizations', issues);
    }
    return createOrganizations(trx, inputs.map((o) => ({
      studyId, name: o.name, contact: o.contact ?? null, sizeBand: o.size_band ?? null, region: o.region ?? null, budgetBand: o.budget_band ?? null,
    })));
  });
}

/** Parses and checks the whole file first; reports every bad row, then writes all rows or none. */
export function parseOrganizationsCsv(text: string): { rows: number[]; inputs: OrganizationInput[] } {
  const table = readCsvTable(text, { what: 'organizations', required: ['name'], optional: ['contact', 'size_band', 'region', 'budget_band'], maxRows: 10_000 });
  const issues: CsvIssue[] = [];
  const inputs: OrganizationInput[] = [];
  const firstRowOfName = new Map<string, number>();
  for (const { row, values } of table) {
    const parsed = organizationInputSchema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ row, column: String(issue.path[0] ?? ''), message: issue.message });
      continue;
    }
    const key = parsed.data.name.toLowerCase();
    const first = firstRowOfName.get(key);
    if (first !== undefined) issues.push({ row, column: 'name', message: `"${parsed.data.name}" is already on row ${first}: each organization needs its own name` });
    else firstRowOfName.set(key, row);
    inputs.push(parsed.data);
  }
  if (issues.length > 0) throw csvError('organizations', issues);
  return { rows: table.map((r) => r.row), inputs };
}

export async function importOrganizationsCsv(db: Db, studyId: string, text: string): Promise<Organization[]> {
  const { rows, inputs } = parseOrganizationsCsv(text);
  return addOrganizations(db, studyId, inputs, (i) => rows[i]);
}
