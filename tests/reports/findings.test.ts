// Findings text: hedging (a CI spanning the null is "no clear difference"), direction
// against the funder study, withheld and inestimable estimates, and number formatting.
import { describe, expect, it } from 'vitest';
import { allFindings, findingFor, nullValue, type Finding } from '../../reports/findings.js';
import { nextSteps } from '../../reports/next-steps.js';
import { syntheticResults } from '../kit/synthetic-results.js';
import { fmt, fmtP, ordinal, parseFormatted } from '../../reports/format.js';
import { est } from './helpers/estimates.js';

describe('findingFor', () => {
  it('reports a CI that excludes 0 as a difference in the funder study direction, with its numbers', () => {
    const f = findingFor(est({ id: 'H1.sat_diff', estimate: 0.6234, ci_low: 0.21, ci_high: 1.0349, p: 0.0042 }), 5);
    expect(f.verdict).toBe('expected');
    expect(f.sentence).toContain('more satisfied');
    expect(f.sentence).toContain('+0.62');
    expect(f.sentence).toContain('95% CI 0.21 to 1.03');
    expect(f.sentence).toContain('p = 0.004');
    expect(f.sentence).toContain('n = 120 in 20 organizations');
  });

  it('reads a CI spanning 0 as no clear difference, never as a finding', () => {
    const f = findingFor(est({ id: 'H1.sat_diff', estimate: 0.3, ci_low: -0.1, ci_high: 0.7, p: 0.14 }), 5);
    expect(f.verdict).toBe('unclear');
    expect(f.sentence).toMatch(/^No clear difference/);
    expect(f.sentence).not.toContain('more satisfied');
  });

  it('uses 1 as the null for ratios', () => {
    const e = est({ id: 'H2.sep_rate_ratio', scale: 'ratio', estimate: 0.7, ci_low: 0.45, ci_high: 1.08, p: 0.1 });
    expect(nullValue(e)).toBe(1);
    expect(findingFor(e, 5).verdict).toBe('unclear');
    const clear = findingFor({ ...e, ci_high: 0.95 }, 5);
    expect(clear.verdict).toBe('expected');
    expect(clear.sentence).toContain('less often');
    expect(clear.sentence).toContain('a rate ratio of 0.70');
  });

  it('says when a clear result runs opposite to the funder study', () => {
    const f = findingFor(est({ id: 'H3.itl_diff', estimate: 0.5, ci_low: 0.1, ci_high: 0.9 }), 5);
    expect(f.verdict).toBe('opposite');
    expect(f.sentence).toContain('more inclined to leave');
  });

  it('says a withheld estimate was withheld and why, with no number from it', () => {
    const f = findingFor(est({ id: 'H1.sat_diff', suppressed: true, estimate: null, ci_low: null, ci_high: null, p: null, n: null, note: 'a group under k' }), 7);
    expect(f.verdict).toBe('withheld');
    expect(f.sentence).toContain('fewer than 7 respondents');
    // The note is made plain ("under k" becomes "under 7"): k may appear, no other number.
    expect(f.sentence.replaceAll('7', '')).not.toMatch(/\d/);
  });

  it('reports an inestimable estimate with its note', () => {
    const f = findingFor(est({ id: 'H4.orientation_diff', estimate: null, ci_low: null, ci_high: null, p: null, note: 'no white-led organizations' }), 5);
    expect(f.verdict).toBe('not_estimable');
    expect(f.sentence).toContain('no white-led organizations');
  });

  it('uses the Holm-adjusted p for exploratory estimates and orders confirmatory H1–H5', () => {
    const x = est({ id: 'E.roots.cul_sat', confirmatory: false, scale: 'correlation', p: 0.01, p_holm: 0.08, label: 'Culture' });
    expect(findingFor(x, 5).sentence).toContain('Holm-adjusted p = 0.080');
    const all = allFindings([est({ id: 'H3.itl_diff' }), est({ id: 'H1.sat_diff' }), est({ id: 'H2.sep_rate_ratio', scale: 'ratio', estimate: 0.8, ci_low: 0.6, ci_high: 0.9 })], [x], 5);
    expect(all.confirmatory.map((f) => f.id)).toEqual(['H1.sat_diff', 'H2.sep_rate_ratio', 'H3.itl_diff']);
    expect(all.exploratory[0].confirmatory).toBe(false);
  });
});

describe('formatting', () => {
  it('rounds without a spurious minus and parses back', () => {
    expect(fmt(-0.001)).toBe('0.00');
    expect(fmt(-1.236)).toBe('\u22121.24');
    expect(fmt(0.5, 2, true)).toBe('+0.50');
    expect(parseFormatted(fmt(-1.236))).toBe(-1.24);
    expect(fmtP(0.0004)).toBe('< 0.001');
    expect(fmt(null)).toBe('—');
    expect([1, 2, 3, 11, 12, 13, 21, 76.4].map(ordinal)).toEqual(['1st', '2nd', '3rd', '11th', '12th', '13th', '21st', '76th']);
  });
});

describe('nextSteps', () => {
  const results = syntheticResults({ orgs: 12, staffMin: 3, staffMax: 30, k: 5, seed: 3 });
  const f = (id: string, verdict: Finding['verdict'], heading: string): Finding => ({ id, confirmatory: true, heading, verdict, sentence: '' });

  it('follows from the answers: survey again after clear ones, recruit after unclear or withheld ones, chase missing profiles', () => {
    const steps = nextSteps(results, [f('H1.sat_diff', 'expected', 'H1 · Satisfaction'), f('H2.sep_rate_ratio', 'unclear', 'H2 · Staying'), f('H3.itl_diff', 'unclear', 'H3 · Intent to leave'), f('H4.orientation_diff', 'withheld', 'H4 · Who leads')]);
    expect(steps.some((s) => /Survey the same organizations again/.test(s))).toBe(true);
    expect(steps.find((s) => s.startsWith('H2 and H3 gave no clear answer'))).toContain(`with ${results.participation.organizations} organizations`);
    expect(steps.some((s) => s.startsWith('H4 could not be reported because groups were too small'))).toBe(true);
    const missing = results.participation.organizations - results.participation.organizations_with_profile;
    expect(missing).toBeGreaterThan(0);
    expect(steps.some((s) => s.startsWith(`${missing} of ${results.participation.organizations} organizations did not fill in the organization profile`))).toBe(true);
  });

  it('asks for nothing that the answers do not call for', () => {
    const all = { ...results, participation: { ...results.participation, organizations_with_profile: results.participation.organizations, overall_response_rate: 0.8 } };
    const steps = nextSteps(all, [f('H1.sat_diff', 'expected', 'H1 · Satisfaction')]);
    expect(steps.join(' ')).not.toMatch(/no clear answer|too small|profile|Only \d+%/);
    const low = nextSteps({ ...all, participation: { ...all.participation, overall_response_rate: 0.42 } }, []);
    expect(low.some((s) => s.startsWith('Only 42% of staff answered'))).toBe(true);
  });
});
