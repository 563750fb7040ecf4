// Organization profiles from a CSV, for funders who collect them elsewhere: one row per
// organization (by its pseudonymous code) with the profile columns. Every row is parsed and
// checked as a submitted profile first; then all rows are written in one transaction, or none.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { saveProfile } from '../../data/repositories/profiles.js';
import { getWave } from '../../data/repositories/studies.js';
import { csvError, readCsvTable, type CsvIssue } from './csv-table.js';
import { checkProfile, EXIT_FIELDS, HEADCOUNT_FIELDS, LEADERSHIP_FIELDS, parseProfileFields, SELF_FIELDS, toProfileRows } from './profile-fields.js';
import { profileMessage } from './profile-messages.js';

type Db = Kysely<Database>;

export const PROFILE_CSV_REQUIRED = ['org_code', 'ed_poc', ...HEADCOUNT_FIELDS] as const;
export const PROFILE_CSV_OPTIONAL = ['ed_gender', ...LEADERSHIP_FIELDS, 'headcount_note', ...SELF_FIELDS, ...EXIT_FIELDS] as const;

export interface ProfilesImportResult {
  imported: number;
  replaced: number;
}

export async function importProfilesCsv(db: Db, waveId: string, text: string): Promise<ProfilesImportResult> {
  const table = readCsvTable(text, { what: 'profiles', required: PROFILE_CSV_REQUIRED, optional: PROFILE_CSV_OPTIONAL, maxRows: 10_000 });
  return db.transaction().execute(async (trx) => {
    const wave = await getWave(trx, waveId);
    const orgs = await trx.selectFrom('organizations').select(['id', 'code']).where('study_id', '=', wave.study_id).execute();
    const byCode = new Map(orgs.map((o) => [o.code.toUpperCase(), o.id]));
    const issues: CsvIssue[] = [];
    const seen = new Map<string, number>();
    const ready: { organizationId: string; rows: ReturnType<typeof toProfileRows> }[] = [];
    // A file without any tenure columns says nothing about tenure; one with some must account for every departure.
    const exitsGiven = table.length > 0 && EXIT_FIELDS.some((f) => f in table[0].values);
    for (const { row, values } of table) {
      const code = values.org_code.toUpperCase();
      const orgId = byCode.get(code);
      if (code === '') { issues.push({ row, column: 'org_code', message: 'the organization code is required' }); continue; }
      if (!orgId) { issues.push({ row, column: 'org_code', message: `no organization with code "${values.org_code}" in this study: see \`rootwork admin list-orgs\`` }); continue; }
      const dup = seen.get(code);
      if (dup !== undefined) { issues.push({ row, column: 'org_code', message: `${values.org_code} already has a profile on row ${dup}` }); continue; }
      seen.set(code, row);
      // Blank exit columns of an imported (submitted) profile mean none, as on the form.
      if (exitsGiven) for (const f of EXIT_FIELDS) if ((values[f] ?? '') === '') values[f] = '0';
      const parsed = parseProfileFields(values);
      const problems = parsed.issues.length > 0 ? parsed.issues : checkProfile(parsed.values, 'submit', { exitsRequired: exitsGiven });
      for (const p of problems) issues.push({ row, column: p.field, message: profileMessage(p, 'en') });
      if (problems.length === 0) ready.push({ organizationId: orgId, rows: toProfileRows(wave.id, orgId, 'submitted', parsed.values) });
    }
    if (issues.length > 0) throw csvError('profiles', issues);
    const existing = await trx.selectFrom('org_profiles').select('organization_id').where('wave_id', '=', wave.id).execute();
    const had = new Set(existing.map((e) => e.organization_id));
    for (const r of ready) await saveProfile(trx, r.rows.profile, r.rows.exits);
    return { imported: ready.length, replaced: ready.filter((r) => had.has(r.organizationId)).length };
  });
}
