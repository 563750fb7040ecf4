// Orientation type at its inclusive boundaries (floating-point error must not move an
// index of exactly ±0.5), and POC-led from the profile's leadership counts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, orientationType, pocLed, validateThresholds } from '../../pipeline/classify.js';

describe('orientationType', () => {
  it('puts an index of exactly +0.5 in organizing-focused even when floating point lands just below', () => {
    // 4.1 − 3.6 is 0.49999999999999956 in binary floating point.
    expect(4.1 - 3.6).toBeLessThan(0.5);
    expect(orientationType(4.1, 3.6)).toBe('organizing');
    expect(orientationType(3.6, 4.1)).toBe('mobilizing');
    expect(orientationType(3.75, 3.25)).toBe('organizing');
    expect(orientationType(3.74, 3.25)).not.toBe('organizing');
  });

  it('separates integrated from low-intensity by both means at or above 3.5', () => {
    expect(orientationType(3.9, 3.6)).toBe('integrated');
    expect(orientationType(3.5, 3.5)).toBe('integrated');
    expect(orientationType(3.1 + 0.4, 3.5)).toBe('integrated');
    expect(orientationType(3.8, 3.4)).toBe('low');
    expect(orientationType(2.0, 2.2)).toBe('low');
  });

  it('uses configured thresholds', () => {
    const t = { ...DEFAULT_THRESHOLDS, organizing: 1, mobilizing: -1 };
    expect(orientationType(4, 3.25, t)).toBe('low');
    expect(orientationType(4.5, 3.5, t)).toBe('organizing');
    expect(validateThresholds(t)).toBeNull();
    expect(validateThresholds({ ...t, mobilizing: 2 })).toMatch(/must be below/);
    expect(validateThresholds({ ...t, tolerance: Number.NaN })).toMatch(/finite/);
  });
});

describe('pocLed', () => {
  it('is true when the director is a person of color, whatever the senior team', () => {
    expect(pocLed({ ed_poc: 1, senior_total: 6, senior_poc: 0 })).toBe(true);
    expect(pocLed({ ed_poc: 1, senior_total: null, senior_poc: null })).toBe(true);
  });

  it('is true when at least half of senior leaders are people of color (exactly half counts)', () => {
    expect(pocLed({ ed_poc: 0, senior_total: 4, senior_poc: 2 })).toBe(true);
    expect(pocLed({ ed_poc: null, senior_total: 5, senior_poc: 3 })).toBe(true);
    expect(pocLed({ ed_poc: 0, senior_total: 5, senior_poc: 2 })).toBe(false);
  });

  it('is unknown when the deciding facts are missing or impossible', () => {
    expect(pocLed({ ed_poc: null, senior_total: 5, senior_poc: 2 })).toBeNull();
    expect(pocLed({ ed_poc: 0, senior_total: null, senior_poc: null })).toBeNull();
    expect(pocLed({ ed_poc: 0, senior_total: 3, senior_poc: 7 })).toBeNull();
    expect(pocLed({ ed_poc: 0, senior_total: 0, senior_poc: 0 })).toBe(false);
  });
});
