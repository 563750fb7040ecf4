// Profile checks: impossible numbers are named and the affected figures left out, while
// the rest of the profile is still used.
import { describe, expect, it } from 'vitest';
import type { OrgProfile, ProfileExit } from '../../data/database.js';
import { profileFacts } from '../../pipeline/profiles.js';

function profile(over: Partial<OrgProfile> = {}): OrgProfile {
  const groups = ['organizer_poc', 'organizer_white', 'organizer_unknown', 'other_poc', 'other_white', 'other_unknown'];
  const counts: Record<string, number> = {};
  for (const g of groups) Object.assign(counts, { [`start_${g}`]: 10, [`end_${g}`]: 9, [`hires_${g}`]: 2, [`sep_${g}`]: 3 });
  return {
    wave_id: 'w', organization_id: 'o', status: 'submitted', updated_on: '2026-10-01',
    ed_poc: 0, ed_gender: null, senior_total: 4, senior_poc: 1, board_total: 9, board_poc: 3,
    headcount_note: null,
    self_org_1: 4, self_org_2: 4, self_org_3: 5, self_org_4: null,
    self_mob_1: 2, self_mob_2: 2, self_mob_3: null, self_mob_4: null,
    self_br_1: 3, self_br_2: null, self_br_3: 9,
    ...counts,
    ...over,
  } as OrgProfile;
}
const exit = (staff_group: ProfileExit['staff_group'], tenure_band: number, count: number): ProfileExit => ({ wave_id: 'w', organization_id: 'o', staff_group, tenure_band, count });

describe('profileFacts', () => {
  it('computes turnover per group and the end headcount', () => {
    const f = profileFacts(profile(), [exit('organizer_poc', 0, 2), exit('organizer_poc', 2, 1)]);
    expect(f.problems).toEqual([]);
    expect(f.headcount).toBe(54);
    expect(f.groups.organizer_poc).toEqual({ separations: 3, meanHeadcount: 9.5, start: 10, end: 9 });
    expect(f.exits.organizer_poc).toEqual([{ band: 0, count: 2 }, { band: 2, count: 1 }]);
    expect(f.pocLed).toBe(false);
  });

  it('leaves out a group with more separations than people, naming it', () => {
    const f = profileFacts(profile({ sep_organizer_poc: 20 }), []);
    expect(f.groups.organizer_poc).toBeUndefined();
    expect(f.groups.organizer_white).toBeDefined();
    expect(f.problems.join(' ')).toMatch(/organizer_poc: 20 separations exceed start headcount plus hires \(10 \+ 2\)/);
  });

  it('flags negative counts, more tenure exits than separations and senior counts over the total', () => {
    const f = profileFacts(profile({ start_other_white: -3, senior_poc: 6 }), [exit('other_poc', 1, 5)]);
    expect(f.groups.other_white).toBeUndefined();
    expect(f.groups.other_poc).toBeUndefined();
    expect(f.headcount).toBe(54);
    const text = f.problems.join(' | ');
    expect(text).toMatch(/start_other_white is -3/);
    expect(text).toMatch(/other_poc: 5 departures by tenure exceed the 3 separations/);
    expect(text).toMatch(/senior_poc \(6\) exceeds senior_total \(4\)/);
    // The director is white and the senior counts are unusable: POC-led cannot be told.
    expect(f.pocLed).toBeNull();
  });

  it('gives no headcount when an end count is missing, and scores the self-assessment by the two-thirds rule', () => {
    const f = profileFacts(profile({ end_other_unknown: null }), []);
    expect(f.headcount).toBeNull();
    expect(f.self).toEqual({ organizing_score: 13 / 3, mobilizing_score: null, bridge: { br_1: 3, br_2: null, br_3: null } });
  });
});
