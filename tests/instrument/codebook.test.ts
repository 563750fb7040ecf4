import { describe, expect, it } from 'vitest';
import { derivePoc, SCALES, VARIABLE_NAMES } from '../../instrument/codebook.js';

describe('derivePoc', () => {
  it('is 1 for any category other than white, 0 for white only', () => {
    expect(derivePoc({ race_black: 1, race_white: 0 })).toBe(1);
    expect(derivePoc({ race_white: 1, race_latine: 1 })).toBe(1);
    expect(derivePoc({ race_white: 1 })).toBe(0);
  });
  it('is missing when declined, even with boxes ticked (the refusal wins), or when blank', () => {
    expect(derivePoc({ race_black: 1, race_decline: 1 })).toBeNull();
    expect(derivePoc({ race_white: 1, race_decline: 1 })).toBeNull();
    expect(derivePoc({})).toBeNull();
  });
  it('counts a self-description as another identity', () => {
    expect(derivePoc({ race_self: 'Afro-Caribbean' })).toBe(1);
    expect(derivePoc({ race_self: '   ' })).toBeNull();
  });
});

describe('codebook', () => {
  it('names every scale item as a variable, once', () => {
    const names = new Set(VARIABLE_NAMES);
    expect(names.size).toBe(VARIABLE_NAMES.length);
    for (const s of SCALES) for (const item of s.items) expect(names.has(item)).toBe(true);
  });
});
