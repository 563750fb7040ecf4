// Participation in a wave, per organization: responses received against headcount,
// invites issued and used, and whether the profile is in. Aggregate counts only — never a
// breakdown of respondents, and no dates (no per-day counts), so nothing hints at who answered.
// Each organization's headcount bound (the study team's cap, else the profile's headcount)
// is shown, and an organization with more responses than it is flagged.
import type { Kysely } from 'kysely';
import { type Database, type ProfileStatus, type Wave } from '../database.js';
import { END_COLUMNS, headcountLimit, START_COLUMNS, startHeadcount, type HeadcountSource } from './headcount.js';
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
  /** The study team's headcount cap for the organization; null when none is set. */
  headcount_cap: number | null;
  /** The bound in force (the cap, else the larger of the profile's start and end headcounts); null when neither is known. */
  headcount_limit: number | null;
  headcount_source: HeadcountSource | null;
  /**
   * More responses than the headcount bound: some cannot be from the organization's staff
   * (planted, or a headcount set too low). Its report is withheld until this is resolved.
   */
  over_headcount: boolean;
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
  totals: { responses: number; organizations: number; reaching_k: number; profiles_submitted: number; over_headcount: number };
}

export async function waveParticipation(db: Db, waveId: string): Promise<WaveParticipation> {
  const wave = await getWave(db, waveId);
  const orgs = await db.selectFrom('organizations').select(['id', 'code', 'name', 'headcount_cap']).where('study_id', '=', wave.study_id).orderBy('code').execute();
  const responses = await countResponsesByOrganization(db, wave.id);
  const invites = await inviteCountsByOrganization(db, wave.id);
  const profiles = await db.selectFrom('org_profiles').select(['organization_id', 'status', ...START_COLUMNS, ...END_COLUMNS]).where('wave_id', '=', wave.id).execute();
  const profileOf = new Map(profiles.map((p) => [p.organization_id, p]));
  const links = await db.selectFrom('org_links').select('organization_id').where('wave_id', '=', wave.id).where('kind', '=', 'open').where('enabled', '=', 1).execute();
  const openLinks = new Set(links.map((l) => l.organization_id));
  const organizations = orgs.map((o): OrgParticipation => {
    const n = responses.get(o.id) ?? 0;
    const p = profileOf.get(o.id);
    const headcount = startHeadcount(p);
    const limit = headcountLimit(o.headcount_cap, p);
    const inv = invites.get(o.id) ?? { issued: 0, used: 0, revoked: 0 };
    return {
      code: o.code,
      name: o.name,
      responses: n,
      headcount,
      headcount_cap: o.headcount_cap === null ? null : Number(o.headcount_cap),
      headcount_limit: limit?.limit ?? null,
      headcount_source: limit?.source ?? null,
      over_headcount: limit !== null && n > limit.limit,
      response_rate: headcount && headcount > 0 ? Math.round((100 * n) / headcount) : null,
      // A report needs k responses within the headcount (pipeline/organizations.ts).
      reaches_k: n >= wave.k && !(limit !== null && n > limit.limit),
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
      over_headcount: organizations.filter((o) => o.over_headcount).length,
    },
  };
}
