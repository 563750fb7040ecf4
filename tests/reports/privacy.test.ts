// The reports' own disclosure guard: bands with complementary suppression, survival tails,
// suppression reasons and omissions that would name a count under k.
import { describe, expect, it } from 'vitest';
import { bridgeBands, safeOmissions, safeReason, visibleCurve } from '../../reports/privacy.js';
import { syntheticResults } from '../kit/synthetic-results.js';

describe('bridgeBands', () => {
  it('shows every band when each is 0 or at least k', () => {
    expect(bridgeBands([0, 5, 0, 3, 3], 5)).toEqual({ disagree: 5, neutral: 0, agree: 6 });
  });
  it('hides a band under k and a second one so the total cannot give it away', () => {
    const b = bridgeBands([1, 1, 6, 4, 4], 5);
    expect(b).toEqual({ disagree: null, neutral: null, agree: 8 });
  });
  it('hides nothing more when two bands are already hidden, and everything when the total is under k', () => {
    expect(bridgeBands([1, 1, 3, 4, 4], 5)).toEqual({ disagree: null, neutral: null, agree: 8 });
    expect(bridgeBands([1, 0, 1, 1, 0], 5)).toBeNull();
    expect(bridgeBands(null, 5)).toBeNull();
  });
});

describe('visibleCurve', () => {
  it('drops points with fewer than k at risk, and whole curves under k', () => {
    const c = { group: 'g', n: 20, events: 5, suppressed: false, points: [20, 9, 4, 2].map((at_risk, i) => ({ time: i, survival: 1 - i / 10, ci_low: null, ci_high: null, at_risk })) };
    expect(visibleCurve(c, 5)?.points.map((p) => p.at_risk)).toEqual([20, 9]);
    expect(visibleCurve({ ...c, n: 4 }, 5)).toBeNull();
    expect(visibleCurve({ ...c, suppressed: true }, 5)).toBeNull();
  });
});

describe('safeReason and safeOmissions', () => {
  it('strips the actual size of a group under k', () => {
    expect(safeReason('group under k (4 < 5)')).toBe('group under k');
    expect(safeReason('3 < 5 respondents')).toBe('under 5 respondents');
    expect(safeReason('a group it needs has 4 respondent(s), fewer than k = 5', 5)).toBe('a group it needs has fewer than k respondents, fewer than k = 5');
    expect(safeReason('based on 40 respondents', 5)).toBe('based on 40 respondents');
    expect(safeReason('no race answer (3 declined, 0 blank)', 5)).toBe('no race answer (fewer than k declined, 0 blank)');
    expect(safeReason('H1 on the 1–7 scale, k = 5', 5)).toBe('H1 on the 1–7 scale, k = 5');
  });
  it('folds omissions about organizations under k into one count', () => {
    const r = syntheticResults({ orgs: 10, staffMin: 2, staffMax: 9, k: 5, seed: 3 });
    const small = r.organizations.filter((o) => !o.reportable);
    expect(small.length).toBeGreaterThan(0);
    r.omissions = [
      ...small.map((o) => ({ what: `organization ${o.code}`, why: 'fewer than k = 5 respondents', count: o.respondents })),
      { what: 'free-text comments', why: 'never released by default', count: 12 },
    ];
    const out = safeOmissions(r);
    expect(out[0]).toEqual(expect.objectContaining({ count: small.length }));
    expect(out.map((o) => o.what)).toContain('free-text comments');
    for (const o of out) for (const s of small) expect(o.what + o.why).not.toContain(s.code);
  });
});
