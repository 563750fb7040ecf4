// The extracted wave as typed columns (one array per variable, one slot per respondent),
// plus organizations and profiles. Codes: 0 means missing in every categorical column,
// so no `null` objects exist per respondent and a million rows fit in a few dozen MB.
import type { OrgProfile, ProfileExit, Wave } from '../data/database.js';

/** A profile's departures of one staff group and tenure band (profile_exits, without the wave it is read for). */
export type DepartureRow = Omit<ProfileExit, 'wave_id'>;

export interface OrgRecord {
  id: string;
  /** Pseudonymous code: the only organization identifier that leaves the pipeline. */
  code: string;
  /** Respondents in this wave. */
  respondents: number;
  /** First respondent's slot; an organization's respondents are contiguous. */
  start: number;
  /** The study team's headcount cap (organizations.headcount_cap); absent or null when none is set. */
  headcountCap?: number | null;
}

export interface WaveData {
  wave: Wave;
  studyName: string;
  n: number;
  /** Every organization of the study, in extraction order (by id). */
  orgs: OrgRecord[];
  /** Respondent → index into `orgs`. */
  org: Int32Array;
  /** 0 missing, else 1 + index into ROLES. */
  role: Uint8Array;
  /** Whole years; −1 missing. */
  tenure: Int16Array;
  /** −1 missing (declined or blank), 0 white only, 1 person of color. */
  poc: Int8Array;
  raceDeclined: Uint8Array;
  /** −1 missing, 0 no, 1 yes. */
  looking: Int8Array;
  /** 0 missing, else 1 + index into GENDERS / AGE_BANDS. */
  gender: Uint8Array;
  ageBand: Uint8Array;
  /** Raw Likert answers per item; 0 = unanswered (or out of range, counted in invalidAnswers). */
  items: Record<string, Uint8Array>;
  invalidAnswers: number;
  instrumentVersions: string[];
  /** Submitted profiles by organization id. */
  profiles: Map<string, OrgProfile>;
  /** Profiles started but not submitted: not used, reported as omissions. */
  draftProfiles: Set<string>;
  exits: DepartureRow[];
  /** SHA-256 of everything extracted, in a canonical order. */
  fingerprint: string;
}
