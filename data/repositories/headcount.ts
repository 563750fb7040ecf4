// The bound on how many responses an organization can give in a wave: its headcount. The
// study team's cap (organizations.headcount_cap) when set, else the headcount of the
// organization's profile for the wave (the larger of its start and end headcounts: a
// growing organization's new staff answer too), else none. Why the cap comes first: the
// profile is filled in by the organization's contact, the very person who could pad the
// organization to k; the cap comes from the study team's own records. What is held to the bound is
// responses plus invite codes out and unanswered: a batch of invites is refused beyond it,
// and so is an open-link answer, so however staff answer the organization never has more
// responses than its headcount (but for answers sent at the same instant, and a cap lowered
// later); its report is withheld if it does.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { STAFF_GROUPS, type Database } from '../database.js';
import { InvalidInputError } from '../errors.js';
import { getOrganizationByCode } from './organizations.js';

type Db = Kysely<Database>;

export type HeadcountSource = 'cap' | 'profile';

export interface HeadcountLimit {
  limit: number;
  source: HeadcountSource;
}

export const START_COLUMNS = STAFF_GROUPS.map((g) => `start_${g}` as const);
export const END_COLUMNS = STAFF_GROUPS.map((g) => `end_${g}` as const);
const HEADCOUNT_COLUMNS = [...START_COLUMNS, ...END_COLUMNS];

type HeadcountCounts = Partial<Record<(typeof HEADCOUNT_COLUMNS)[number], number | string | null>>;

function sumOf(profile: HeadcountCounts | undefined, columns: readonly (keyof HeadcountCounts)[]): number | null {
  if (!profile) return null;
  const parts = columns.map((c) => profile[c]).filter((v) => v !== null && v !== undefined).map(Number);
  return parts.length === 0 ? null : parts.reduce((a, v) => a + v, 0);
}

/** A profile's start-of-period headcount over all groups; null when it gives none. */
export function startHeadcount(profile: HeadcountCounts | undefined): number | null {
  return sumOf(profile, START_COLUMNS);
}

/**
 * The bound in force: the cap when set, else the larger of the profile's start and end
 * headcounts, else null (unbounded).
 */
export function headcountLimit(cap: number | string | null | undefined, profile: HeadcountCounts | undefined): HeadcountLimit | null {
  if (cap !== null && cap !== undefined) return { limit: Number(cap), source: 'cap' };
  const counts = [sumOf(profile, START_COLUMNS), sumOf(profile, END_COLUMNS)].filter((v): v is number => v !== null);
  return counts.length === 0 ? null : { limit: Math.max(...counts), source: 'profile' };
}

export interface OrganizationRoom {
  /** The bound, or null when neither a cap nor a profile headcount is known. */
  limit: HeadcountLimit | null;
  /** Responses so far (0 without a bound: not counted). */
  responses: number;
  /** Invite codes out and not yet answered nor revoked: room kept for them (0 without a bound). */
  unusedInvites: number;
}

/**
 * The organization's bound, its responses so far in the wave and its unused invite codes.
 * Both are counted only when there is a bound, and at most up to it: a page costs the same
 * however many responses an unbounded organization has.
 */
export async function organizationRoom(db: Db, waveId: string, organizationId: string): Promise<OrganizationRoom> {
  const row = await db
    .selectFrom('organizations as o')
    .leftJoin('org_profiles as p', (j) => j.onRef('p.organization_id', '=', 'o.id').on('p.wave_id', '=', waveId))
    .select(['o.headcount_cap', ...HEADCOUNT_COLUMNS.map((c) => `p.${c}` as const)])
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
  const limit = row ? headcountLimit(row.headcount_cap, row as HeadcountCounts) : null;
  if (limit === null) return { limit: null, responses: 0, unusedInvites: 0 };
  const most = limit.limit + 1;
  const responses = await countUpTo(db.selectFrom('responses').where('wave_id', '=', waveId).where('organization_id', '=', organizationId), most);
  const unusedInvites = await countUpTo(db.selectFrom('invites').where('wave_id', '=', waveId).where('organization_id', '=', organizationId).where('used', '=', 0).where('revoked', '=', 0), most);
  return { limit, responses, unusedInvites };
}

/** Rows of a query, counted up to `most`. */
async function countUpTo(rows: SelectQueryBuilder<Database, any, object>, most: number): Promise<number> {
  const counted = await rows.select(sql<number>`1`.as('one')).limit(most).execute();
  return counted.length;
}

/**
 * Whether the open link can take one more response: responses and the unused invite codes
 * (each may still be answered) stay within the bound. Always, without a bound.
 */
export function openLinkHasRoom(room: OrganizationRoom): boolean {
  return room.limit === null || room.responses + room.unusedInvites < room.limit.limit;
}

export const MAX_HEADCOUNT_CAP = 100_000;

/**
 * Sets (or, with null, removes) the study team's headcount cap of an organization named by
 * its code. Returns the organization's id and code.
 */
export async function setHeadcountCap(db: Db, orgCode: string, cap: number | null): Promise<{ id: string; code: string; headcount_cap: number | null }> {
  if (cap !== null && (!Number.isInteger(cap) || cap < 1 || cap > MAX_HEADCOUNT_CAP)) {
    const message = `The headcount cap must be a whole number from 1 to ${MAX_HEADCOUNT_CAP}, or blank for none.`;
    throw new InvalidInputError(message, [{ path: 'headcount_cap', message }]);
  }
  const org = await getOrganizationByCode(db, orgCode.trim());
  await db.updateTable('organizations').set({ headcount_cap: cap }).where('id', '=', org.id).execute();
  return { id: org.id, code: org.code, headcount_cap: cap };
}
