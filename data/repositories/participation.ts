// Participation in a wave, per organization: responses received against headcount,
// invites issued and used, and whether the profile is in. Aggregate counts only — never a
// breakdown of respondents, and no dates (no per-day counts), so nothing hints at who answered.
import type { Kysely } from 'kysely';
import { STAFF_GROUPS, type Database, type ProfileStatus, type Wave } from '../database.js';
import { inviteCountsByOrganization } from './invites.js';
import { countResponsesByOrganization } from './responses.js';
import { getWave } from './studies.js';

type Db = Kysely<Database>;

export interface OrgParticipation {
  code: string;
  /** Real name: admins only. */
  name: string;
  responses: number;
  /** Start-of-period headcount from the profile, summed over groups; null until reported. */
  headcount: number | null;
  /** responses / headcount, rounded to a whole percent; null without a headcount. */
  response_rate: number | null;
  /** Whether the organization has reached the wave's k (it gets a report only then). */
  reaches_k: boolean;
  invites_issued: number;
  invites_used: number;
  invites_revoked: number;
  open_link: boolean;
  profile: ProfileStatus | 'none';
}

export interface WaveParticipation {
  wave: Wave;
  organizations: OrgParticipation[];
  totals: { responses: number; organizations: number; reaching_k: number; profiles_submitted: number };
}

export async function waveParticipation(db: Db, waveId: string): Promise<WaveParticipation> {
  const wave = await getWave(db, waveId);
  const orgs = await db.selectFrom('organizations').select(['id', 'code', 'name']).where('study_id', '=', wave.study_id).orderBy('code').execute();
  const responses = await countResponsesByOrganization(db, wave.id);
  const invites = await inviteCountsByOrganization(db, wave.id);
  const starts = STAFF_GROUPS.map((g) => `start_${g}` as const);
  const profiles = await db.selectFrom('org_profiles').select(['organization_id', 'status', ...starts]).where('wave_id', '=', wave.id).execute();
  const profileOf = new Map(profiles.map((p) => [p.organization_id, p]));
  const links = await db.selectFrom('org_links').select('organization_id').where('wave_id', '=', wave.id).where('kind', '=', 'open').where('enabled', '=', 1).execute();
  const openLinks = new Set(links.map((l) => l.organization_id));
  const organizations = orgs.map((o): OrgParticipation => {
    const n = responses.get(o.id) ?? 0;
    const p = profileOf.get(o.id);
    const parts = p ? starts.map((s) => p[s]) : [];
    const headcount = p && parts.some((v) => v !== null) ? parts.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
    const inv = invites.get(o.id) ?? { issued: 0, used: 0, revoked: 0 };
    return {
      code: o.code,
      name: o.name,
      responses: n,
      headcount,
      response_rate: headcount && headcount > 0 ? Math.round((100 * n) / headcount) : null,
      reaches_k: n >= wave.k,
      invites_issued: inv.issued,
      invites_used: inv.used,
      invites_revoked: inv.revoked,
      open_link: openLinks.has(o.id),
      profile: p?.status ?? 'none',
    };
  });
  return {
    wave,
    organizations,
    totals: {
      responses: organizations.reduce((a, o) => a + o.responses, 0),
      organizations: organizations.length,
      reaching_k: organizations.filter((o) => o.reaches_k).length,
      profiles_submitted: organizations.filter((o) => o.profile === 'submitted').length,
    },
  };
}
