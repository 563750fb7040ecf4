// Per-organization links for a wave: the open survey link and the secret profile link.
// Tokens are shown once when created; only keyed hashes are stored.
import type { Kysely } from 'kysely';
import type { Database, LinkKind, OrgLink, Organization, Wave } from '../database.js';
import { ConflictError } from '../errors.js';
import { keyedHash, randomCode, randomId, today } from '../ids.js';
import { orgInWave } from './invites.js';
import { getWave } from './studies.js';

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

/**
 * Creates a link for an organization named by its code, checking it belongs to the wave's
 * study and that the wave is not closed. Returns the token (shown once) and the organization.
 */
export async function issueOrgLink(db: Db, secret: string, waveId: string, orgCode: string, kind: LinkKind): Promise<{ token: string; organization: Organization; wave: Wave }> {
  const wave = await getWave(db, waveId);
  if (wave.status === 'closed') throw new ConflictError(`The wave "${wave.name}" is closed: reopen it before handing out new links.`);
  const organization = await orgInWave(db, wave, orgCode);
  const token = await createOrgLink(db, secret, wave.id, organization.id, kind);
  return { token, organization, wave };
}
