// Shapes the synthetic generator yields and the truths it reports.
import type { AgeBand, NewOrganization, NewOrgProfile, NewResponse, StaffGroup } from '../database.js';

export type { AgeBand };
export type LatentType = 'organizing' | 'mobilizing' | 'integrated' | 'low';
export type StaffGroupCounts = Record<StaffGroup, number>;
export interface ExitCountRow {
  staff_group: StaffGroup;
  tenure_band: number;
  count: number;
}

export interface OrgLatent {
  pocLed: boolean;
  index: number;
  orgMean: number;
  mobMean: number;
  type: LatentType;
  /** The planted (index-driven) part of satisfaction and intent to leave of each organizer of color who answered race. */
  expectedSat: number[];
  expectedItl: number[];
  /** Expected 12-month separation rate of organizers of color. */
  sepRatePoc: number;
  startPoc: number;
  endPoc: number;
}

export interface GeneratedOrg {
  organization: NewOrganization & { id: string; code: string };
  responses: NewResponse[];
  profile: NewOrgProfile | null;
  exits: ExitCountRow[];
  latent: OrgLatent;
}

/**
 * The population values the planted effects imply for this generated study, on the latent
 * scale (before answers are rounded to the response options). Tests check that the
 * pipeline's 95% CIs cover these. null when a group is empty.
 */
export interface SyntheticTruth {
  h1SatDiff: number | null;
  h2RateRatio: number | null;
  h3ItlDiff: number | null;
  h4IndexDiff: number | null;
  h5Interaction: number;
  orgTypes: Record<LatentType, number>;
}
