// Per-organization links for a wave: the open survey link and the secret profile link.
// Tokens are shown once when created; only keyed hashes are stored.
import type { Kysely } from 'kysely';
import type { Database, LinkKind, OrgLink } from '../database.js';
import { keyedHash, randomCode, randomId, today } from '../ids.js';

type Db = Kysely<Database>;

/**
 * Creates (or replaces) the link of a kind for an organization and wave, returning the
 * token to hand out. Replacing invalidates the old link.
 */
export async function createOrgLink(db: Db, secret: string, waveId: string, organizationId: string, kind: LinkKind): Promise<string> {
  const token = randomCode(kind === 'profile' ? 24 : 16);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('org_links').where('wave_id', '=', waveId).where('organization_id', '=', organizationId).where('kind', '=', kind).execute();
    await trx
      .insertInto('org_links')
      .values({ id: randomId(), wave_id: waveId, organization_id: organizationId, kind, token_hash: keyedHash(secret, token), enabled: 1, created_on: today() })
      .execute();
  });
  return token;
}

/** Finds an enabled link by its token, or undefined. */
export async function findOrgLink(db: Db, secret: string, token: string, kind: LinkKind): Promise<OrgLink | undefined> {
  return db
    .selectFrom('org_links')
    .selectAll()
    .where('token_hash', '=', keyedHash(secret, token))
    .where('kind', '=', kind)
    .where('enabled', '=', 1)
    .executeTakeFirst();
}

export async function setOrgLinkEnabled(db: Db, waveId: string, organizationId: string, kind: LinkKind, enabled: boolean): Promise<void> {
  await db
    .updateTable('org_links')
    .set({ enabled: enabled ? 1 : 0 })
    .where('wave_id', '=', waveId)
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .execute();
}
