import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSED, suppressToK } from '../../../exchange/export/k-anonymity.js';

type Q = 'a' | 'b' | 'c';
const ORDER: readonly Q[] = ['a', 'b', 'c'];

const groups = (rows: Record<Q, string | null>[]) => {
  const m = new Map<string, number>();
  for (const r of rows) {
    const key = JSON.stringify(ORDER.map((q) => r[q]));
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
};

const value = fc.oneof(fc.constantFrom('x', 'y', 'z', 'w'), fc.constant(null));
const row = fc.record({ a: value, b: value, c: fc.constantFrom('p', 'q', 'r', 's', 't', null) });

describe('suppressToK', () => {
  it('leaves every released combination with at least k rows, and only ever blanks values (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 7 }), fc.array(row, { minLength: 0, maxLength: 60 }), (k, extra) => {
        // An organization under k never reaches suppressToK: give it at least k rows.
        const rows = [...Array.from({ length: k }, () => ({ a: 'x', b: 'y', c: 'p' })), ...extra] as Record<Q, string | null>[];
        const out = suppressToK(rows, ORDER, k);
        expect(out.rows).toHaveLength(rows.length);
        for (const size of groups(out.rows).values()) expect(size).toBeGreaterThanOrEqual(k);
        expect(out.smallestGroup).toBeGreaterThanOrEqual(k);
        let blanked = 0;
        out.rows.forEach((r, i) => {
          for (const q of ORDER) {
            if (r[q] === SUPPRESSED && rows[i][q] !== SUPPRESSED) blanked += 1;
            else expect(r[q]).toBe(rows[i][q]);
          }
        });
        expect(blanked).toBe(out.suppressed.a + out.suppressed.b + out.suppressed.c);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps rows already in groups of k untouched and blanks the first quasi-identifier first', () => {
    const rows: Record<Q, string | null>[] = [
      ...Array.from({ length: 3 }, () => ({ a: 'x', b: 'y', c: 'p' })),
      { a: 'x', b: 'z', c: 'q' }, { a: 'w', b: 'z', c: 'q' }, { a: 'y', b: 'z', c: 'q' },
    ];
    const out = suppressToK(rows, ORDER, 3);
    expect(out.rows.slice(0, 3)).toEqual(rows.slice(0, 3));
    // Blanking `a` alone merges the three small rows into one group of 3.
    expect(out.rows.slice(3)).toEqual(Array.from({ length: 3 }, () => ({ a: SUPPRESSED, b: 'z', c: 'q' })));
    expect(out.suppressed).toEqual({ a: 3, b: 0, c: 0 });
    expect(out.rowsTouched).toBe(3);
    expect(out.smallestGroup).toBe(3);
  });

  it('borrows rows from a group that can spare them when fully blanked rows are still under k', () => {
    const rows: Record<Q, string | null>[] = [
      ...Array.from({ length: 5 }, () => ({ a: 'x', b: 'y', c: 'p' })),
      { a: 'w', b: 'w', c: 'q' },
    ];
    const out = suppressToK(rows, ORDER, 3);
    const sizes = [...groups(out.rows).values()].sort();
    expect(sizes).toEqual([3, 3]);
    expect(out.rowsTouched).toBe(3);
  });

  it('refuses fewer than k rows (an organization under k is left out before this)', () => {
    expect(() => suppressToK([{ a: 'x', b: 'y', c: 'p' }], ORDER, 3)).toThrow(/at least k=3/);
  });
  it('withholds the smaller view: two white organizers give up their role rather than five organizers of color their race', () => {
    type R = 'race' | 'role';
    const rows: Record<R, string | null>[] = [
      ...Array.from({ length: 2 }, () => ({ role: 'organizer', race: 'white' })),
      ...Array.from({ length: 5 }, () => ({ role: 'organizer', race: 'poc' })),
      ...Array.from({ length: 3 }, () => ({ role: 'leadership', race: 'white' })),
    ];
    // Blanked first to last: race, then role (role is revealed first).
    const out = suppressToK(rows, ['race', 'role'] as const, 5);
    expect(out.rows.slice(2, 7)).toEqual(Array.from({ length: 5 }, () => ({ role: 'organizer', race: 'poc' })));
    for (const r of [...out.rows.slice(0, 2), ...out.rows.slice(7)]) expect(r).toEqual({ role: SUPPRESSED, race: 'white' });
    expect(out.smallestGroup).toBe(5);
  });
});
