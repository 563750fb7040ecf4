// The schema's one source of truth: Kysely table interfaces for every table Rootwork
// keeps. Migrations create exactly these columns; repositories and the pipeline read
// through these types.
//
// Answers live in one wide `responses` row per submission (a typed column per codebook
// item) rather than one row per answer. Why: the pipeline reads whole waves, and a wide
// table reads them into memory several times faster than pivoting long answer rows in
// SQL; a submission is also one INSERT
// instead of ~60. The cost — a migration when the codebook gains an item — is the right
// trade for a versioned instrument whose variable names are promised to stay stable.
//
// Conventions (portable across SQLite and PostgreSQL): ids are random text; dates are
// 'YYYY-MM-DD' text (a day, never a time); booleans are integers 0/1.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgeBand, Fte, Gender, Role, Stay2y, YesNo } from '../instrument/codebook.js';
import type { Lang } from '../instrument/types.js';

export type Day = string; // 'YYYY-MM-DD'
export type Flag = 0 | 1;

export interface StudyTable {
  id: string;
  name: string;
  description: string | null;
  created_on: Day;
  /** IANA time zone: the study's wave dates, and its responses' days, are local days there. */
  time_zone: ColumnType<string, string | undefined, string>;
}

export type WaveStatus = 'draft' | 'open' | 'closed';

export interface WaveTable {
  id: string;
  study_id: string;
  name: string;
  status: WaveStatus;
  opens_on: Day | null;
  closes_on: Day | null;
  /** Minimum group size for any released number; fixed when the wave opens, only ever raised. */
  k: number;
  created_on: Day;
}

export interface OrganizationTable {
  id: string;
  study_id: string;
  /** Real name: shown to admins only, never in any output. */
  name: string;
  /** Pseudonymous code used in every report and export. */
  code: string;
  contact: string | null;
  size_band: string | null;
  region: string | null;
  budget_band: string | null;
  created_on: Day;
  /**
   * The most staff the organization has, set by the study team from its own records; null
   * when none is set. Bounds invites, open-link responses and the organization's report,
   * ahead of the profile's start headcount (which the organization's contact reports).
   */
  headcount_cap: ColumnType<number | null, number | null | undefined, number | null>;
}

export type LinkKind = 'open' | 'profile';

/** Per organization and wave: the open survey link and the secret profile link (hashes only). */
export interface OrgLinkTable {
  id: string;
  wave_id: string;
  organization_id: string;
  kind: LinkKind;
  token_hash: string;
  enabled: Flag;
  created_on: Day;
}

export interface InviteTable {
  /** Keyed hash (HMAC-SHA256 with ROOTWORK_SECRET) of the invite code; the code itself is never stored. */
  code_hash: string;
  wave_id: string;
  organization_id: string;
  batch: string;
  /** Marked in the same transaction as the response is written; nothing links the two. */
  used: Flag;
  revoked: Flag;
  /**
   * The keyed hash of the one-time token the invite was answered with (submissionTokenHash),
   * written by the claim; null while unused, for a submission without a token, and for one
   * stored before it existed (in `submission_tokens`). Read only by the writer and the survey
   * pages' replay check: never exported or shown.
   */
  token_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

// The codebook's enumerations are the one definition; the columns are typed from them.
export type { AgeBand, Fte, Gender, Role, Stay2y, YesNo } from '../instrument/codebook.js';
export type { Lang } from '../instrument/types.js';
export type ResponseSource = 'web' | 'api' | 'import' | 'synthetic';

type Likert = number | null; // integer on the item's scale, null when not answered
type Tick = Flag | null; // multi-select box: 1 ticked, 0 shown and not ticked, null not shown

export interface ResponseTable {
  /**
   * Random UUID made by Rootwork; carries no order or time. Unique by construction. On SQLite
   * the key is (wave_id, organization_id, id) (the responses-keyed-by-wave-org migration), so a
   * lookup by id alone scans; PostgreSQL indexes (wave_id, organization_id) only.
   */
  id: string;
  wave_id: string;
  organization_id: string;
  /** The day the response arrived — never a time. */
  received_on: Day;
  instrument_version: string;
  lang: Lang;
  source: ResponseSource;
  role: Role | null;
  tenure_years: number | null;
  fte: Fte | null;
  race_black: Tick;
  race_latine: Tick;
  race_asian: Tick;
  race_indigenous: Tick;
  race_pacific: Tick;
  race_mena: Tick;
  race_white: Tick;
  race_self: string | null;
  race_decline: Tick;
  gender: Gender | null;
  gender_self: string | null;
  age_band: AgeBand | null;
  org_1: Likert; org_2: Likert; org_3: Likert; org_4: Likert;
  mob_1: Likert; mob_2: Likert; mob_3: Likert; mob_4: Likert;
  br_1: Likert; br_2: Likert; br_3: Likert;
  cul_1: Likert; cul_2: Likert; cul_3: Likert;
  lcb_1: Likert; lcb_2: Likert; lcb_3: Likert;
  dec_1: Likert; dec_2: Likert; dec_3: Likert;
  val_1: Likert; val_2: Likert;
  sat_1: Likert; sat_2r: Likert; sat_3: Likert;
  itl_1: Likert; itl_2: Likert; itl_3: Likert;
  looking: YesNo | null;
  stay_2y: Stay2y | null;
  leave_reason_pay: Tick;
  leave_reason_workload: Tick;
  leave_reason_culture: Tick;
  leave_reason_leadership: Tick;
  leave_reason_growth: Tick;
  leave_reason_mission: Tick;
  leave_reason_personal: Tick;
  leave_reason_other: Tick;
  comment: string | null;
}

export type ProfileStatus = 'draft' | 'submitted';

/** Separation/hire groups used throughout the profile and the H2 analysis. */
export const STAFF_GROUPS = [
  'organizer_poc', 'organizer_white', 'organizer_unknown',
  'other_poc', 'other_white', 'other_unknown',
] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export interface OrgProfileTable {
  wave_id: string;
  organization_id: string;
  status: ProfileStatus;
  updated_on: Day;
  /** Executive director: 1 person of color, 0 white, null unknown/declined. */
  ed_poc: Flag | null;
  ed_gender: Gender | null;
  senior_total: number | null;
  senior_poc: number | null;
  board_total: number | null;
  board_poc: number | null;
  /** Headcount at the start and end of the last 12 months, by group. */
  start_organizer_poc: number | null; start_organizer_white: number | null; start_organizer_unknown: number | null;
  start_other_poc: number | null; start_other_white: number | null; start_other_unknown: number | null;
  end_organizer_poc: number | null; end_organizer_white: number | null; end_organizer_unknown: number | null;
  end_other_poc: number | null; end_other_white: number | null; end_other_unknown: number | null;
  hires_organizer_poc: number | null; hires_organizer_white: number | null; hires_organizer_unknown: number | null;
  hires_other_poc: number | null; hires_other_white: number | null; hires_other_unknown: number | null;
  sep_organizer_poc: number | null; sep_organizer_white: number | null; sep_organizer_unknown: number | null;
  sep_other_poc: number | null; sep_other_white: number | null; sep_other_unknown: number | null;
  /** Why end headcount differs from start + hires − separations, when it does. */
  headcount_note: string | null;
  /** The organization's own answers to the orientation and bridge items (1–5). */
  self_org_1: Likert; self_org_2: Likert; self_org_3: Likert; self_org_4: Likert;
  self_mob_1: Likert; self_mob_2: Likert; self_mob_3: Likert; self_mob_4: Likert;
  self_br_1: Likert; self_br_2: Likert; self_br_3: Likert;
}

/** Tenure at exit of departures in the last 12 months: a count per group and tenure band. */
export interface ProfileExitTable {
  wave_id: string;
  organization_id: string;
  staff_group: StaffGroup;
  /** Lower bound of the tenure band in whole years: 0 (<1), 1, 2, 3, 5, 10. */
  tenure_band: number;
  count: number;
}

export interface AdminTokenTable {
  id: string;
  label: string;
  token_hash: string;
  created_on: Day;
  revoked_on: Day | null;
}

/** One published pipeline run of a wave: the release ledger (DESIGN.md, Privacy model). */
export interface ReleaseTable {
  id: string;
  study_id: string;
  wave_id: string;
  /** Position in the study's ledger (1, 2, ...): the order of publication. */
  seq: number;
  /** The k the run was published at: never below the wave's, never below an earlier release's of the wave. */
  k: number;
  /** results.run.data_fingerprint: the wave's data the release was computed from. */
  data_fingerprint: string;
  /** results.run.generated_on of the published run (when the pipeline ran, not when anyone answered). */
  run_generated_on: string;
  published_on: Day;
  /** The published results.json: organization reports, the study report and exports are served from it. */
  results_json: string;
  /** JSON array of the ids of withheld cells (what the release did not publish). */
  withheld_json: string;
}

/** A group of respondents one published number of a release rests on: a stable key and its size, never ids. */
export interface ReleaseGroupTable {
  release_id: string;
  group_key: string;
  n: number;
}

/** A signed-in admin page session: the keyed hash of the cookie's random id, never the id. */
export interface AdminSessionTable {
  id_hash: string;
  token_id: string;
  /** Unix seconds after which the session no longer works. */
  expires_at: ColumnType<number, number, number>;
}

/**
 * The keyed hash of a stored submission's one-time token (HMAC with the service secret,
 * scoped to its open link, or to its invite when stored before `invites.token_hash`): a
 * replayed final submit finds it and stores nothing.
 * Written in the response's transaction but linked to nothing: no response id, no code, no
 * order (keyed by the hash).
 */
export interface SubmissionTokenTable {
  token_hash: string;
}

export interface Database {
  studies: StudyTable;
  waves: WaveTable;
  organizations: OrganizationTable;
  org_links: OrgLinkTable;
  invites: InviteTable;
  responses: ResponseTable;
  org_profiles: OrgProfileTable;
  profile_exits: ProfileExitTable;
  admin_tokens: AdminTokenTable;
  releases: ReleaseTable;
  release_groups: ReleaseGroupTable;
  admin_sessions: AdminSessionTable;
  submission_tokens: SubmissionTokenTable;
}

export type Study = Selectable<StudyTable>;
export type NewStudy = Insertable<StudyTable>;
export type Wave = Selectable<WaveTable>;
export type NewWave = Insertable<WaveTable>;
export type WaveUpdate = Updateable<WaveTable>;
export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrgLink = Selectable<OrgLinkTable>;
export type Invite = Selectable<InviteTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type OrgProfile = Selectable<OrgProfileTable>;
export type NewOrgProfile = Insertable<OrgProfileTable>;
export type ProfileExit = Selectable<ProfileExitTable>;
export type AdminToken = Selectable<AdminTokenTable>;
export type Release = Selectable<ReleaseTable>;
export type NewRelease = Insertable<ReleaseTable>;
export type ReleaseGroup = Selectable<ReleaseGroupTable>;
export type AdminSession = Selectable<AdminSessionTable>;

// Re-exported so other modules need not import Kysely's helpers for the common cases.
export type { ColumnType, Generated };
