// Organization profiles checked and reduced to what the analyses use: POC-led, headcount,
// and per staff group separations over mean headcount. Impossible numbers (negative counts,
// more separations than people, more exits by tenure than separations) are not used and
// are named, so the report can say what it left out and why.
import { STAFF_GROUPS, type OrgProfile, type StaffGroup } from '../data/database.js';
import type { DepartureRow } from './wave-data.js';
import { SCALES } from '../instrument/codebook.js';
import { pocLed } from './classify.js';
import { scaleScore } from './score.js';

export interface GroupTurnover {
  separations: number;
  /** (start + end) / 2: the HR convention's exposure. */
  meanHeadcount: number;
  start: number;
  end: number;
}

export interface ProfileFacts {
  pocLed: boolean | null;
  /** Staff at the end of the period, all groups; null when any group's count is missing or impossible. */
  headcount: number | null;
  /** Usable turnover per group; a group with missing or impossible numbers is absent. */
  groups: Partial<Record<StaffGroup, GroupTurnover>>;
  /** Departures by tenure band per group (only for usable groups). */
  exits: Partial<Record<StaffGroup, { band: number; count: number }[]>>;
  /** What could not be used, in words. */
  problems: string[];
  /** The organization's own answers to the orientation and bridge items, scored like staff answers. */
  self: { organizing_score: number | null; mobilizing_score: number | null; bridge: Record<string, number | null> };
}

const isCount = (v: number | null): v is number => v !== null && Number.isInteger(v) && v >= 0;

/** Whether a profile column holds a count; memoized, since every profile has the same columns. */
const countColumns = new Map<string, boolean>();
function isCountColumn(key: string): boolean {
  let yes = countColumns.get(key);
  if (yes === undefined) countColumns.set(key, (yes = /^(start|end|hires|sep)_/.test(key) || /_(total|poc)$/.test(key)));
  return yes;
}

// Column names built once: a key built per profile (`start_${g}`) is a new string to hash at
// every lookup, which cost more than the rest of the profile's checks.
const GROUP_KEYS = STAFF_GROUPS.map((g) => ({ g, startKey: `start_${g}` as const, endKey: `end_${g}` as const, hiresKey: `hires_${g}` as const, sepKey: `sep_${g}` as const }));
const ORGANIZING_SCALE = SCALES.find((s) => s.id === 'org')!;
const MOBILIZING_SCALE = SCALES.find((s) => s.id === 'mob')!;
const BRIDGE = ['br_1', 'br_2', 'br_3'];
/** The self-assessment columns are the staff items with a `self_` prefix. */
const SELF_ITEMS = [...ORGANIZING_SCALE.items, ...MOBILIZING_SCALE.items, ...BRIDGE].map((item) => ({ item, key: `self_${item}` }));

export function profileFacts(p: OrgProfile, exits: readonly DepartureRow[]): ProfileFacts {
  const problems: string[] = [];
  // for…in, not Object.entries: the same keys in the same order without an array per column.
  const columns = p as unknown as Record<string, unknown>;
  for (const key in columns) {
    const value = columns[key];
    if (isCountColumn(key) && typeof value === 'number' && (value < 0 || !Number.isInteger(value))) {
      problems.push(`${key} is ${value} (counts cannot be negative or fractional)`);
    }
  }
  if (isCount(p.senior_total) && isCount(p.senior_poc) && p.senior_poc > p.senior_total) {
    problems.push(`senior_poc (${p.senior_poc}) exceeds senior_total (${p.senior_total})`);
  }
  if (isCount(p.board_total) && isCount(p.board_poc) && p.board_poc > p.board_total) {
    problems.push(`board_poc (${p.board_poc}) exceeds board_total (${p.board_total})`);
  }
  const groups: ProfileFacts['groups'] = {};
  const exitBands: ProfileFacts['exits'] = {};
  let headcount: number | null = 0;
  for (const { g, startKey, endKey, hiresKey, sepKey } of GROUP_KEYS) {
    const start = p[startKey];
    const end = p[endKey];
    const hires = p[hiresKey];
    const sep = p[sepKey];
    const groupExits = exits.filter((e) => e.staff_group === g);
    const exitTotal = groupExits.reduce((s, e) => s + e.count, 0);
    if (!isCount(end)) headcount = null;
    else if (headcount !== null) headcount += end;
    if (!isCount(start) || !isCount(end) || !isCount(hires) || !isCount(sep)) continue;
    if (sep > start + hires) {
      problems.push(`${g}: ${sep} separations exceed start headcount plus hires (${start} + ${hires})`);
      continue;
    }
    if (exitTotal > sep) {
      problems.push(`${g}: ${exitTotal} departures by tenure exceed the ${sep} separations`);
      continue;
    }
    groups[g] = { separations: sep, meanHeadcount: (start + end) / 2, start, end };
    exitBands[g] = groupExits.map((e) => ({ band: e.tenure_band, count: e.count }));
  }
  const seniorsOk = !(isCount(p.senior_total) && isCount(p.senior_poc) && p.senior_poc > p.senior_total);
  const led = pocLed({
    ed_poc: p.ed_poc === 0 || p.ed_poc === 1 ? p.ed_poc : null,
    senior_total: seniorsOk ? p.senior_total : null,
    senior_poc: seniorsOk ? p.senior_poc : null,
  });
  return { pocLed: led, headcount, groups, exits: exitBands, problems, self: selfAssessment(p) };
}

function selfAssessment(p: OrgProfile): ProfileFacts['self'] {
  const record: Record<string, unknown> = {};
  for (const { item, key } of SELF_ITEMS) record[item] = (p as unknown as Record<string, unknown>)[key];
  const bridge = Object.fromEntries(BRIDGE.map((b) => {
    const v = record[b];
    return [b, typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null];
  }));
  return { organizing_score: scaleScore(ORGANIZING_SCALE, record), mobilizing_score: scaleScore(MOBILIZING_SCALE, record), bridge };
}
