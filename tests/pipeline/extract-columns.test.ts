// The person word decodes to what derivePoc and the codebook say, bit by bit.
import { describe, expect, it } from 'vitest';
import { decodePerson } from '../../pipeline/extract-columns.js';

const bit = (n: number) => 2 ** n;

describe('decodePerson', () => {
  it('derives poc as derivePoc does: any non-white box or a self-description, a refusal winning', () => {
    expect(decodePerson(bit(0)).poc).toBe(1); // race_black
    expect(decodePerson(bit(6)).poc).toBe(0); // race_white only
    expect(decodePerson(bit(6) + bit(2)).poc).toBe(1); // white and asian
    expect(decodePerson(bit(6) + bit(8)).poc).toBe(1); // white and a self-description
    expect(decodePerson(bit(1) + bit(7))).toMatchObject({ poc: -1, declined: 1 }); // latine, but declined
    expect(decodePerson(0).poc).toBe(-1); // blank
  });

  it('unpacks looking, role, gender and age band codes', () => {
    const word = 2 * bit(9) + 1 * bit(11) + 5 * bit(15) + 6 * bit(18);
    expect(decodePerson(word)).toMatchObject({ looking: 1, role: 1, gender: 5, ageBand: 6 });
    expect(decodePerson(bit(9)).looking).toBe(0);
    expect(decodePerson(0)).toMatchObject({ looking: -1, role: 0, gender: 0, ageBand: 0 });
  });
});
