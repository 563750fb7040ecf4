// The display cache: what a person is shown is kept per combination of the answers display
// logic depends on. Random answer sets (valid and not) must get exactly what working it out
// afresh gives, however the cache was filled before them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDisplay, display } from '../../instrument/display.js';
import type { Answers } from '../../instrument/types.js';

// The conditioning answers, with their real values and look-alikes (numbers for strings, odd text).
const value = fc.constantFrom<string | number | undefined>(undefined, '', 'organizer', 'director', 'staff', 'yes', 'no', 'unsure', 'self_describe', 'woman', 1, 0, '1', 'yes\u0001', 'null');
const answers: fc.Arbitrary<Answers> = fc.record({
  role: value, looking: value, stay_2y: value, gender: value, race_decline: value, race_white: value, comment: fc.string({ maxLength: 5 }),
}, { requiredKeys: [] }) as fc.Arbitrary<Answers>;

const plain = (d: ReturnType<typeof computeDisplay>) => ({ sections: d.sections.map((s) => [s.section.id, s.items.map((i) => i.id)]), variables: [...d.variables].sort() });

describe('display cache', () => {
  it('gives every answer set what working it out afresh gives', () => {
    fc.assert(fc.property(fc.array(answers, { minLength: 1, maxLength: 20 }), (sets) => {
      for (const a of sets) expect(plain(display(a))).toEqual(plain(computeDisplay(a)));
    }), { numRuns: 300 });
  });

  it('shares one result between answer sets that differ only where display logic does not look', () => {
    const a = display({ role: 'organizer', looking: 'yes', comment: 'first' } as Answers);
    expect(display({ role: 'organizer', looking: 'yes', comment: 'second', org_1: 4 } as Answers)).toBe(a);
    expect(display({ role: 'organizer', looking: 'no', comment: 'first' } as Answers)).not.toBe(a);
  });
});
