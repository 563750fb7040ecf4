// Organization profiles (one per organization and wave) and their departures by tenure.
import type { Kysely } from 'kysely';
import type { Database, NewOrgProfile, OrgProfile, ProfileExit } from '../database.js';

type Db = Kysely<Database>;

export type ExitCount = Omit<ProfileExit, 'wave_id' | 'organization_id'>;

/** Inserts or replaces a profile and its exits in one transaction (or in the caller's). */
export async function saveProfile(db: Db, profile: NewOrgProfile, exits: readonly ExitCount[] = []): Promise<void> {
  // Kysely cannot nest transactions: an importer saving many profiles passes its own.
  const inTransaction = (work: (trx: Db) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  await inTransaction(async (trx) => {
    await trx
      .deleteFrom('org_profiles')
      .where('wave_id', '=', profile.wave_id)
      .where('organization_id', '=', profile.organization_id)
      .execute();
    await trx.insertInto('org_profiles').values(profile).execute();
    const rows = exits
      .filter((e) => e.count > 0)
      .map((e) => ({ ...e, wave_id: profile.wave_id, organization_id: profile.organization_id }));
    if (rows.length > 0) await trx.insertInto('profile_exits').values(rows).execute();
  });
}

export async function getProfile(db: Db, waveId: string, organizationId: string): Promise<{ profile: OrgProfile; exits: ProfileExit[] } | undefined> {
  const profile = await db
    .selectFrom('org_profiles')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!profile) return undefined;
  const exits = await db
    .selectFrom('profile_exits')
    .selectAll()
    .where('wave_id', '=', waveId)
    .where('organization_id', '=', organizationId)
    .orderBy('staff_group')
    .orderBy('tenure_band')
    .execute();
  return { profile, exits };
}
