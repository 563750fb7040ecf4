// discloseCurve on random risk sets: whatever the departures and censorings, nothing a
// reader can read off the released curve — risk sets, departures per step (the drop times
// the risk set), censorings between steps, the curve's n and events — is 1..k−1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseCurve } from '../../pipeline/survival-disclosure.js';

const safe = (x: number, k: number) => x === 0 || x >= k;

describe('discloseCurve (property)', () => {
  it('releases no count under k, directly or read off the steps', () => {
    const row = fc.record({ time: fc.integer({ min: 0, max: 12 }), events: fc.integer({ min: 0, max: 4 }), censored: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer({ min: 3, max: 10 }), (rows, k) => {
        const c = discloseCurve('g', rows, k);
        expect(c.n === null || safe(c.n, k)).toBe(true);
        expect(c.events === null || safe(c.events, k)).toBe(true);
        let prev = 1;
        c.points.forEach((p, i) => {
          expect(p.at_risk).toBeGreaterThanOrEqual(k);
          const d = Math.round(p.at_risk * (1 - p.survival / prev));
          expect(safe(d, k), `departures ${d}`).toBe(true);
          prev = p.survival;
          const next = c.points[i + 1];
          if (next) expect(safe(p.at_risk - d - next.at_risk, k), 'censorings').toBe(true);
          // After the last step shown, what is left (censored there, or still at risk) is 0 or at least k too.
          else expect(safe(p.at_risk - d, k), 'left after the last step').toBe(true);
        });
        if (c.events !== null && c.points.length > 0) {
          const shown = c.points.reduce((s, p, i) => s + Math.round(p.at_risk * (1 - p.survival / (i === 0 ? 1 : c.points[i - 1].survival))), 0);
          expect(safe(c.events - shown, k), 'events after the last step').toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
