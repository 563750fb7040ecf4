// The organization report's statistics and rules, unit by unit: Welch's interval from
// moments (against R's t.test), the verdict rule (a direction only when the interval
// excludes 0), which breakdown cells may be shown (each and the rest of the organization
// at least k, the hidden remainder 0 or at least k), and separation rates only over a mean
// headcount of at least 5.
import { describe, expect, it } from 'vitest';
import { MIN_RATE_HEADCOUNT, shownParts, sizedSeparationRates, verdictOf, welchFromMoments } from '../../pipeline/org-breakdowns.js';
import { welchTTest } from '../../pipeline/stats/welch-t-test.js';

const moments = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, v) => s + v, 0), sumSq: xs.reduce((s, v) => s + v * v, 0), orgs: 1 });

describe('Welch interval of an organization against the rest of the study', () => {
  // Rscript -e 'x<-c(5.0,6.33,4.67,7,5.33,6,3.67); y<-c(4,4.33,5,3.67,6,2.33,4.67,5.33,3,4.67,5); t.test(x,y)'
  const x = [5.0, 6.33, 4.67, 7, 5.33, 6, 3.67];
  const y = [4, 4.33, 5, 3.67, 6, 2.33, 4.67, 5.33, 3, 4.67, 5];

  it("matches R's t.test (Welch) to 1e-9", () => {
    const w = welchFromMoments(moments(x), moments(y))!;
    expect(w.difference).toBeCloseTo(1.0649350649, 9);
    expect(w.ci_low).toBeCloseTo(-0.0834883576, 9);
    expect(w.ci_high).toBeCloseTo(2.2133584875, 9);
  });

  it('agrees with the pipeline’s own Welch test on random groups', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let r = 0; r < 50; r++) {
      const a = Array.from({ length: 5 + Math.floor(rnd() * 20) }, () => 1 + Math.floor(rnd() * 7));
      const b = Array.from({ length: 30 + Math.floor(rnd() * 300) }, () => 1 + Math.floor(rnd() * 7));
      const ref = welchTTest(a, b);
      const w = welchFromMoments(moments(a), moments(b))!;
      expect(w.ci_low).toBeCloseTo(ref.ciLow, 8);
      expect(w.ci_high).toBeCloseTo(ref.ciHigh, 8);
    }
  });

  it('gives no interval when the spread is zero in both groups or a group has one value', () => {
    expect(welchFromMoments(moments([3, 3, 3]), moments([4, 4, 4]))).toBeNull();
    expect(welchFromMoments(moments([3]), moments([4, 5, 6]))).toBeNull();
  });
});

describe('the verdict rule', () => {
  it('says "about the same" whenever the interval includes 0, however large the difference', () => {
    // The R case above: a difference of 1.06 points whose interval runs from −0.08 to 2.21.
    expect(verdictOf(-0.0834883576, 2.2133584875)).toBe('about_the_same');
    // The old rule called a 0.05 difference better or worse; with an interval across 0 it is neither.
    expect(verdictOf(0.05 - 0.3, 0.05 + 0.3)).toBe('about_the_same');
    expect(verdictOf(-0.4, 0)).toBe('about_the_same');
    expect(verdictOf(0, 0.4)).toBe('about_the_same');
  });

  it('gives a direction only when the interval excludes 0', () => {
    expect(verdictOf(0.01, 0.9)).toBe('higher');
    expect(verdictOf(-0.9, -0.01)).toBe('lower');
  });
});

describe('breakdown cells: which may be shown', () => {
  const k = 5;
  it('shows both groups when each and the rest hold at least k', () => {
    expect(shownParts([6, 7], 13, k)).toEqual([true, true]);
  });

  it('withholds a group under k, and its partner too when the total would give the small one back', () => {
    // 3 organizers and 9 other staff: "other staff" shown would give the 3 back as total − 9.
    expect(shownParts([3, 9], 12, k)).toEqual([false, false]);
  });

  it('withholds a group whose complement in the organization is under k', () => {
    // 9 of 11 are people of color, 2 white: the 9 cell's complement is 2.
    expect(shownParts([9, 2], 11, k)).toEqual([false, false]);
  });

  it('keeps people whose group is unknown 0 or at least k together with what is hidden', () => {
    // 6 + 6 shown would leave 2 with no race answer: total − both = a group of 2.
    expect(shownParts([6, 6], 14, k)).toEqual([false, true]);
    expect(shownParts([6, 6], 14, k).filter(Boolean)).toHaveLength(1);
    // 5 + 5 + 5 unknown: both shown, the remainder is 5.
    expect(shownParts([5, 5], 15, k)).toEqual([true, true]);
  });

  it('withholds a group whose answers are all alike (orgBreakdowns then hides the partner too, as the remainder is that group)', () => {
    expect(shownParts([6, 7], 13, k, [true, false])).toEqual([false, true]);
  });

  it('property: whatever is shown, each shown cell, its complement and the hidden remainder are 0 or at least k', () => {
    for (let a = 0; a <= 15; a++) {
      for (let b = 0; b <= 15; b++) {
        for (let rest = 0; rest <= 8; rest++) {
          const total = a + b + rest;
          const shown = shownParts([a, b], total, k);
          const sizes = [a, b];
          const hidden = total - sizes.reduce((s, n, i) => s + (shown[i] ? n : 0), 0);
          // With nothing shown, nothing is revealed beyond the organization's own total.
          if (shown.some(Boolean)) expect(hidden === 0 || hidden >= k, `${a} ${b} ${rest}`).toBe(true);
          sizes.forEach((n, i) => {
            if (shown[i]) {
              expect(n).toBeGreaterThanOrEqual(k);
              expect(total - n).toBeGreaterThanOrEqual(k);
            }
          });
        }
      }
    }
  });
});

describe('separation rates', () => {
  it('a group with a mean headcount under 5 gets no rate, only its counts', () => {
    const out = sizedSeparationRates({
      organizer_poc: { separations: 1, mean_headcount: 1.5, rate: 1 / 1.5 },
      other_white: { separations: 2, mean_headcount: 8, rate: 0.25 },
      other_poc: { separations: 1, mean_headcount: MIN_RATE_HEADCOUNT, rate: 0.2 },
    });
    expect(out.organizer_poc).toEqual({ separations: 1, mean_headcount: 1.5, rate: null, small_group: true });
    expect(out.other_white.rate).toBe(0.25);
    expect(out.other_poc.rate).toBe(0.2);
  });
});
