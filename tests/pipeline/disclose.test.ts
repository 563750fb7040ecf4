// Disclosure control and the results.json guard: values resting on fewer than k people are
// withheld with a reason; complementary suppression and the difference rule; no NaN or
// Infinity can reach the file, and a failed write leaves no file behind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draft, notEstimable, type Base } from '../../pipeline/analyze/estimate.js';
import { differsByFewerThanK, discloseEstimate, discloseGroups, type SuppressionLog } from '../../pipeline/disclose.js';
import type { GroupSummary, Results } from '../../pipeline/results.js';
import { assertFiniteJson, writeResults } from '../../pipeline/write.js';
import { tempDir } from '../helpers/databases.js';

const base: Base = { id: 'X.test', label: 'test', population: 'p', method: 'm', confirmatory: true, scale: 'difference' };
const group = (name: string, n: number, mean: number): GroupSummary => ({ group: name, n, n_orgs: 2, mean, ci_low: mean - 1, ci_high: mean + 1, suppressed: false });

describe('discloseEstimate', () => {
  it('withholds value, n, CI, p and details when the smallest group is under k, with a note and a withheld reason', () => {
    const log: SuppressionLog = { suppressed: [] };
    const d = draft(base, { n: 40, n_orgs: 6, estimate: 0.7, ci_low: 0.2, ci_high: 1.2, p: 0.01 }, 4, { groups: [group('a', 36, 5), group('b', 4, 4)] });
    const e = discloseEstimate(d, 5, log);
    // A withheld cell has no value and no n (issue #18): n would be a count resting on the small group.
    expect(e).toMatchObject({ id: 'X.test', n: null, n_orgs: null, estimate: null, ci_low: null, ci_high: null, p: null, suppressed: true });
    expect(e.withheld).toEqual({ rule: 'primary', reason: expect.stringMatching(/fewer than k = 5/) });
    expect(e.details).toBeUndefined();
    expect(e.note).toMatch(/fewer than k = 5/);
    expect(log.suppressed).toEqual([{ id: 'X.test', reason: expect.stringMatching(/fewer than k = 5/), rule: 'primary' }]);
    // The reason never quotes the small group's size.
    expect(log.suppressed[0].reason).not.toMatch(/\b4\b/);
    // The draft itself is not changed.
    expect(d.estimate.estimate).toBe(0.7);
  });

  it('marks a not-estimable value over a small group as withheld for privacy (suppressed, no n), never quoting its data', () => {
    const log: SuppressionLog = { suppressed: [] };
    const d = notEstimable(base, 3, 1, 'all 3 values equal 6.333', 3);
    const e = discloseEstimate(d, 5, log);
    expect(e.note).toBe('Suppressed: a group it rests on has fewer than k = 5 respondents.');
    expect(e).toMatchObject({ suppressed: true, n: null, n_orgs: null, withheld: { rule: 'primary' } });
    expect(JSON.stringify(e)).not.toMatch(/6\.333|\b3\b/);
    const other = discloseEstimate(notEstimable(base, 30, 4, 'all 30 values equal 6', 30), 5, log);
    expect(other.note).toMatch(/all 30 values equal 6/);
    expect(other).toMatchObject({ suppressed: false, n: 30, withheld: { rule: 'not_estimable', reason: 'all 30 values equal 6' } });
  });

  it('releases an estimate resting on k or more, withholding only its small groups', () => {
    const log: SuppressionLog = { suppressed: [] };
    const d = draft(base, { n: 40, n_orgs: 6, estimate: 0.7, ci_low: 0.2, ci_high: 1.2, p: 0.01 }, 5, { groups: [group('a', 30, 5), group('b', 5, 4), group('c', 3, 4)] });
    const e = discloseEstimate(d, 5, log);
    expect(e.estimate).toBe(0.7);
    const groups = e.details!.groups as GroupSummary[];
    expect(groups.map((g) => g.suppressed)).toEqual([false, false, true]);
    expect(groups[2].mean).toBeNull();
  });
});

describe('discloseGroups', () => {
  it('adds complementary suppression when the groups partition a released total', () => {
    const log: SuppressionLog = { suppressed: [] };
    const out = discloseGroups([group('a', 20, 1), group('b', 2, 2), group('c', 9, 3)], 5, 'g', log, { totalReleased: true });
    expect(out.map((g) => g.suppressed)).toEqual([false, true, true]);
    expect(log.suppressed.map((s) => s.id)).toEqual(['g[b]', 'g[c]']);
    const alone = discloseGroups([group('a', 20, 1), group('b', 2, 2), group('c', 9, 3)], 5, 'g', { suppressed: [] });
    expect(alone.map((g) => g.suppressed)).toEqual([false, true, false]);
    // A withheld group has no n either: its size is a count under k.
    expect(out[1]).toMatchObject({ n: null, n_orgs: null, mean: null, withheld: { rule: 'primary' } });
    expect(out[2]).toMatchObject({ n: null, withheld: { rule: 'complementary' } });
  });

  it('withholds partners until the withheld groups together hold at least k, so the total gives back no sum of small groups', () => {
    const log: SuppressionLog = { suppressed: [] };
    // Two groups of 2: withheld together they would still sum to 4 < 5 beside a released total.
    const out = discloseGroups([group('a', 20, 1), group('b', 2, 2), group('c', 2, 3), group('d', 30, 4)], 5, 'g', log, { totalReleased: true });
    expect(out.map((g) => g.suppressed)).toEqual([true, true, true, false]);
    expect(log.suppressed.map((x) => x.rule)).toEqual(['primary', 'primary', 'complementary']);
  });

  it('applies the differ-by-fewer-than-k rule', () => {
    expect(differsByFewerThanK(30, 26, 5)).toBe(true);
    expect(differsByFewerThanK(30, 25, 5)).toBe(false);
    expect(differsByFewerThanK(30, 30, 5)).toBe(false);
  });
});

describe('results.json guard', () => {
  it('names the path of a NaN or Infinity', () => {
    expect(() => assertFiniteJson({ a: [{ b: 1 }, { b: Number.NaN }] })).toThrow(/results\.a\[1\]\.b is NaN/);
    expect(() => assertFiniteJson({ x: Infinity })).toThrow(/results\.x is Infinity/);
    expect(() => assertFiniteJson({ x: null, y: [1, 'a', true], z: undefined })).not.toThrow();
  });

  it('refuses to write a non-finite value and leaves no file, old or temporary, half-written', () => {
    const dir = tempDir();
    const bad = { study: { k: Number.NaN } } as unknown as Results;
    expect(() => writeResults(dir, bad)).toThrow(/results\.study\.k is NaN/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const file = writeResults(dir, { study: { k: 5 } } as unknown as Results);
    expect(path.basename(file)).toBe('results.json');
    expect(fs.readdirSync(dir)).toEqual(['results.json']);
  });
});
