// `organizations.headcount_cap`: the most staff an organization has, as the study team
// knows it from its own records (null: none set). Why: an organization's contact could
// plant responses through its open link or invites until a small organization reaches k; invites, open-link responses and the
// organization's report are bounded by this cap, or by the profile's headcount when no
// cap is set (issue #19). A nullable column: every existing organization keeps no cap.
// Frozen in time like the other migrations: it imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('headcount_cap', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('headcount_cap').execute();
}
