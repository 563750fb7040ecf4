// The release ledger (issue #18): what was published about a wave, at which k, over which
// groups of respondents. `releases` keeps the published results.json itself, so reports
// served later show exactly what was released, not what the database holds by then;
// `release_groups` keeps each group a published number rests on, as a stable key and a
// count — never a respondent id. Frozen in time: it imports no application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('wave_id', 'text', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    // Position in the study's ledger (1, 2, ...): publication order, which a day cannot give.
    // Unique per study, so two publications racing for the same place cannot both commit.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('data_fingerprint', 'text', (c) => c.notNull())
    // When the pipeline run was generated (results.run.generated_on): orders runs of a wave.
    .addColumn('run_generated_on', 'text', (c) => c.notNull())
    // The day of publication only, like every other date Rootwork keeps.
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('withheld_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('releases_study_seq_unique', ['study_id', 'seq'])
    .execute();
  await db.schema.createIndex('releases_wave').on('releases').columns(['wave_id', 'run_generated_on']).execute();

  await db.schema
    .createTable('release_groups')
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id').onDelete('cascade'))
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('release_groups_pk', ['release_id', 'group_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('release_groups').execute();
  await db.schema.dropTable('releases').execute();
}
