// Initial schema. Frozen in time: it never imports application code, so later changes
// to the codebook or types cannot silently change what this migration creates.
import { sql, type Kysely } from 'kysely';

// Exported for later migrations that rebuild responses (as frozen as this file).
export const RESPONSE_TEXT = [
  'role', 'fte', 'race_self', 'gender', 'gender_self', 'age_band', 'looking', 'stay_2y', 'comment',
];
export const RESPONSE_INT = [
  'tenure_years',
  'race_black', 'race_latine', 'race_asian', 'race_indigenous', 'race_pacific', 'race_mena', 'race_white', 'race_decline',
  'org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4', 'br_1', 'br_2', 'br_3',
  'cul_1', 'cul_2', 'cul_3', 'lcb_1', 'lcb_2', 'lcb_3', 'dec_1', 'dec_2', 'dec_3', 'val_1', 'val_2',
  'sat_1', 'sat_2r', 'sat_3', 'itl_1', 'itl_2', 'itl_3',
  'leave_reason_pay', 'leave_reason_workload', 'leave_reason_culture', 'leave_reason_leadership',
  'leave_reason_growth', 'leave_reason_mission', 'leave_reason_personal', 'leave_reason_other',
];
const GROUPS = [
  'organizer_poc', 'organizer_white', 'organizer_unknown', 'other_poc', 'other_white', 'other_unknown',
];
const PROFILE_INT = [
  'ed_poc', 'senior_total', 'senior_poc', 'board_total', 'board_poc',
  ...['start', 'end', 'hires', 'sep'].flatMap((p) => GROUPS.map((g) => `${p}_${g}`)),
  ...['org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4', 'br_1', 'br_2', 'br_3'].map((i) => `self_${i}`),
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('waves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sqlIn('status', ['draft', 'open', 'closed'])))
    .addColumn('opens_on', 'text')
    .addColumn('closes_on', 'text')
    .addColumn('k', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('waves_study_name_unique', ['study_id', 'name'])
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('contact', 'text')
    .addColumn('size_band', 'text')
    .addColumn('region', 'text')
    .addColumn('budget_band', 'text')
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('organizations_study_name_unique', ['study_id', 'name'])
    .execute();

  await db.schema
    .createTable('org_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['open', 'profile'])))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('invites_org_wave').on('invites').columns(['wave_id', 'organization_id']).execute();

  let responses = db.schema
    .createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull());
  for (const col of RESPONSE_TEXT) responses = responses.addColumn(col, 'text');
  for (const col of RESPONSE_INT) responses = responses.addColumn(col, 'integer');
  await responses.execute();
  await db.schema.createIndex('responses_wave_org').on('responses').columns(['wave_id', 'organization_id']).execute();

  let profiles = db.schema
    .createTable('org_profiles')
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['draft', 'submitted'])))
    .addColumn('updated_on', 'text', (c) => c.notNull())
    .addColumn('ed_gender', 'text')
    .addColumn('headcount_note', 'text')
    .addPrimaryKeyConstraint('org_profiles_pk', ['wave_id', 'organization_id']);
  for (const col of PROFILE_INT) profiles = profiles.addColumn(col, 'integer');
  await profiles.execute();

  await db.schema
    .createTable('profile_exits')
    .addColumn('wave_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('staff_group', 'text', (c) => c.notNull())
    .addColumn('tenure_band', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_exits_pk', ['wave_id', 'organization_id', 'staff_group', 'tenure_band'])
    .addForeignKeyConstraint('profile_exits_profile_fk', ['wave_id', 'organization_id'], 'org_profiles', ['wave_id', 'organization_id'], (c) => c.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('admin_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('revoked_on', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['admin_tokens', 'profile_exits', 'org_profiles', 'responses', 'invites', 'org_links', 'organizations', 'waves', 'studies']) {
    await db.schema.dropTable(t).execute();
  }
}

function sqlIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
