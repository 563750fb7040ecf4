// Scoring rules: reverse coding, the two-thirds rule, poc, and the columnar form agreeing
// with the record form on every response of a synthetic study.
import { describe, expect, it } from 'vitest';
import { SCALES } from '../../instrument/codebook.js';
import { generateStudy } from '../../data/synthetic/generate.js';
import { DEFAULT_OPTIONS } from '../../data/synthetic/params.js';
import { enoughItems, scaleScore, scoreColumns, scoreResponse } from '../../pipeline/score.js';

const scale = (id: string) => SCALES.find((s) => s.id === id)!;

describe('scaleScore', () => {
  it('reverse-codes sat_2r as 8 − answer on the 1–7 scale', () => {
    expect(scaleScore(scale('sat'), { sat_1: 7, sat_2r: 1, sat_3: 7 })).toBe(7);
    expect(scaleScore(scale('sat'), { sat_1: 1, sat_2r: 7, sat_3: 1 })).toBe(1);
    expect(scaleScore(scale('sat'), { sat_1: 6, sat_2r: 3, sat_3: 4 })).toBe(5);
  });

  it('applies the two-thirds rule: 3 of 4, 2 of 3, 2 of 2 items', () => {
    expect(scaleScore(scale('org'), { org_1: 4, org_2: 5, org_3: 3, org_4: null })).toBe(4);
    expect(scaleScore(scale('org'), { org_1: 4, org_2: 5, org_3: null, org_4: null })).toBeNull();
    expect(scaleScore(scale('cul'), { cul_1: 2, cul_2: 3 })).toBe(2.5);
    expect(scaleScore(scale('cul'), { cul_1: 2 })).toBeNull();
    expect(scaleScore(scale('val'), { val_1: 2, val_2: null })).toBeNull();
    expect(scaleScore(scale('val'), { val_1: 2, val_2: 5 })).toBe(3.5);
    expect([enoughItems(0, 3), enoughItems(2, 3), enoughItems(2, 4), enoughItems(3, 4)]).toEqual([false, true, false, true]);
  });

  it('treats out-of-range or non-integer answers as unanswered', () => {
    expect(scaleScore(scale('cul'), { cul_1: 9, cul_2: 3, cul_3: 0 })).toBeNull();
    expect(scaleScore(scale('cul'), { cul_1: 2.5, cul_2: 3, cul_3: 5 })).toBe(4);
  });
});

describe('scoreResponse', () => {
  it('gives the orientation index only when both orientation scales are scored', () => {
    const r = scoreResponse({ org_1: 5, org_2: 5, org_3: 4, org_4: 4, mob_1: 2, mob_2: 2, mob_3: 3, mob_4: 3, race_white: 1 });
    expect(r.scores.organizing_score).toBe(4.5);
    expect(r.scores.mobilizing_score).toBe(2.5);
    expect(r.orientation_index).toBe(2);
    expect(r.poc).toBe(0);
    expect(scoreResponse({ org_1: 5, org_2: 5, org_3: 4, mob_1: 2 }).orientation_index).toBeNull();
  });

  it('lets a refusal win over ticked race boxes', () => {
    expect(scoreResponse({ race_black: 1, race_decline: 1 }).poc).toBeNull();
    expect(scoreResponse({ race_black: 1, race_white: 1 }).poc).toBe(1);
  });
});

describe('scoreColumns', () => {
  it('agrees with scoreResponse on every response of a synthetic study', () => {
    const rows = [...generateStudy({ ...DEFAULT_OPTIONS, orgs: 6, seed: 11 }, { waveId: 'w', studyId: 's' })].flatMap((o) => o.responses);
    const items: Record<string, Uint8Array> = {};
    for (const s of SCALES) for (const item of s.items) items[item] = Uint8Array.from(rows, (r) => ((r as Record<string, unknown>)[item] as number | null) ?? 0);
    const { scores, index } = scoreColumns(items, rows.length);
    let checked = 0;
    rows.forEach((row, i) => {
      const one = scoreResponse(row as Record<string, unknown>);
      for (const s of SCALES.filter((x) => x.isScale)) {
        const col = scores[s.id]![i];
        const expected = one.scores[s.scoreName];
        if (expected === null) expect(Number.isNaN(col)).toBe(true);
        else expect(col).toBe(expected);
        checked++;
      }
      if (one.orientation_index === null) expect(Number.isNaN(index[i])).toBe(true);
      else expect(index[i]).toBe(one.orientation_index);
    });
    expect(checked).toBeGreaterThan(100);
  });
});
