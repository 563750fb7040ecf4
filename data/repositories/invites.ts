// Single-use invite codes. Only keyed hashes are stored; the codes are returned once, to
// be handed out, and can never be shown again. Batches for an admin come with the CSV of
// survey links for the organization's own mail merge.
import Papa from 'papaparse';
import type { Kysely } from 'kysely';
import type { Database, Organization, Wave } from '../database.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import { inviteCodeHash, keyedHash, randomCode, randomId } from '../ids.js';
import { organizationRoom } from './headcount.js';
import { getOrganizationByCode } from './organizations.js';
import { getWave } from './studies.js';

type Db = Kysely<Database>;

export interface IssuedInvites {
  batch: string;
  codes: string[];
}

export async function issueInvites(db: Db, secret: string, waveId: string, organizationId: string, count: number): Promise<IssuedInvites> {
  const batch = randomId();
  const codes: string[] = [];
  for (let i = 0; i < count; i++) codes.push(randomCode());
  const rows = codes.map((code) => ({
    code_hash: keyedHash(secret, code),
    wave_id: waveId,
    organization_id: organizationId,
    batch,
    used: 0 as const,
    revoked: 0 as const,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('invites').values(rows.slice(i, i + 1000)).execute();
  }
  return { batch, codes };
}

export type InviteState =
  | { status: 'valid'; codeHash: string; waveId: string; organizationId: string }
  | { status: 'unknown' | 'used' | 'revoked' };

/** Looks a typed code up by its keyed hash. */
export async function findInvite(db: Db, secret: string, code: string): Promise<InviteState> {
  const codeHash = inviteCodeHash(secret, code);
  const row = await db.selectFrom('invites').select(['wave_id', 'organization_id', 'used', 'revoked']).where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return { status: 'unknown' };
  if (row.revoked === 1) return { status: 'revoked' };
  if (row.used === 1) return { status: 'used' };
  return { status: 'valid', codeHash, waveId: row.wave_id, organizationId: row.organization_id };
}

/** Marks every unused code of an organization's wave revoked; returns how many. Used codes stay counted. */
export async function revokeUnusedInvites(db: Db, waveId: string, organizationId: string): Promise<number> {
  const result = await db
    .updateTable('invites')
    .set({ revoked: 1 })
    .where('wave_id', '=', waveId)
    .where('organization_id', '=', organizationId)
    .where('used', '=', 0)
    .where('revoked', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface InviteCounts {
  issued: number;
  used: number;
  revoked: number;
}

/** Per organization of a wave: codes issued, used and revoked (aggregates only). */
export async function inviteCountsByOrganization(db: Db, waveId: string): Promise<Map<string, InviteCounts>> {
  const rows = await db
    .selectFrom('invites')
    .select((eb) => [
      'organization_id',
      eb.fn.countAll<number | string>().as('issued'),
      eb.fn.sum<number | string | null>('used').as('used'),
      eb.fn.sum<number | string | null>('revoked').as('revoked'),
    ])
    .where('wave_id', '=', waveId)
    .groupBy('organization_id')
    .execute();
  return new Map(rows.map((r) => [r.organization_id, { issued: Number(r.issued), used: Number(r.used ?? 0), revoked: Number(r.revoked ?? 0) }]));
}

// --- Batches issued by an admin ---

export const MAX_INVITES_PER_BATCH = 5000;

export interface InviteBatchRequest {
  waveId: string;
  orgCode: string;
  count: number;
  /** Revoke this organization's unused codes from earlier batches first. */
  revokeUnused?: boolean;
}

export interface InviteBatch {
  wave: Wave;
  organization: Organization;
  batch: string;
  codes: string[];
  revoked: number;
}

/** Looks up an organization by code and checks it belongs to the wave's study. */
export async function orgInWave(db: Db, wave: Wave, orgCode: string): Promise<Organization> {
  const org = await getOrganizationByCode(db, orgCode.trim());
  if (org.study_id !== wave.study_id) throw new ConflictError(`Organization ${org.code} is not part of the study of wave "${wave.name}".`);
  return org;
}

export async function issueInviteBatch(db: Db, secret: string, req: InviteBatchRequest): Promise<InviteBatch> {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_INVITES_PER_BATCH) {
    throw new InvalidInputError(`The number of invites must be a whole number from 1 to ${MAX_INVITES_PER_BATCH} (got ${req.count}).`, [{ path: 'count', message: `1 to ${MAX_INVITES_PER_BATCH}.` }]);
  }
  return db.transaction().execute(async (trx) => {
    const wave = await getWave(trx, req.waveId);
    if (wave.status === 'closed') throw new ConflictError(`The wave "${wave.name}" is closed: reopen it before issuing invites.`);
    const organization = await orgInWave(trx, wave, req.orgCode);
    const revoked = req.revokeUnused ? await revokeUnusedInvites(trx, wave.id, organization.id) : 0;
    await refuseBeyondHeadcount(trx, wave.id, organization, req.count);
    const { batch, codes } = await issueInvites(trx, secret, wave.id, organization.id, req.count);
    return { wave, organization, batch, codes, revoked };
  });
}

/**
 * Refuses a batch that would give an organization more responses and unanswered codes than
 * its headcount: codes beyond its staff could only be answered by someone else, the way a
 * contact would pad a small organization to k. Revoked codes do not count.
 */
async function refuseBeyondHeadcount(db: Db, waveId: string, organization: Organization, count: number): Promise<void> {
  const { limit, responses, unusedInvites } = await organizationRoom(db, waveId, organization.id);
  if (limit === null || responses + unusedInvites + count <= limit.limit) return;
  const bound = limit.source === 'cap' ? `the headcount cap of ${limit.limit} set by the study team` : `a headcount of ${limit.limit} in its profile`;
  const room = Math.max(0, limit.limit - responses - unusedInvites);
  const message = `${organization.code} has ${responses} responses and ${unusedInvites} unanswered invite codes, and ${bound}: ${count} more codes would exceed it. Issue at most ${room}, revoke unused codes first, or raise the organization's headcount cap if it has more staff.`;
  throw new InvalidInputError(message, [{ path: 'count', message: `At most ${room} more for ${organization.code} (headcount ${limit.limit}).` }]);
}

/** The mail-merge CSV: one row per code, with the full survey link. No names: the organization adds its own. */
export function inviteLinksCsv(baseUrl: string, batch: Pick<InviteBatch, 'organization' | 'codes'>): string {
  const base = baseUrl.replace(/\/+$/, '');
  return Papa.unparse({
    fields: ['organization_code', 'invite_code', 'survey_link'],
    data: batch.codes.map((code) => [batch.organization.code, code, `${base}/s/${code}`]),
  }, { newline: '\r\n' }) + '\r\n';
}
