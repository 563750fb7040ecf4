// The elimination on safe integers (rational-small.ts) against the same elimination on
// bigint: the same reduced form, the same combinations and the same span answers on random
// sparse 0/1 rows; without the combinations, the same pivots, flat rows and span answers;
// and dense rows whose minors pass 2^53 fall back to bigint and still agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eliminate, eliminateBig, groupRows, inRowSpace, type Echelon } from '../../../pipeline/release/rational.js';

type Rows = { cols: number[]; view: number }[];

const toRows = (matrix: boolean[][]): Rows => matrix.map((r, view) => ({ cols: r.flatMap((x, c) => (x ? [c] : [])), view })).filter((r) => r.cols.length > 0);
/** Every pivot row as [pivot, sorted (col, value) pairs, sorted (view, value) pairs], values as text. */
function form(e: Echelon): string {
  const rows: [number, { cols: Map<number, number | bigint>; combo: Map<number, number | bigint> }][] = 'big' in e ? [...e.big] : [...e.small];
  const text = (m: Map<number, number | bigint>) => [...m].sort((a, b) => a[0] - b[0]).map(([c, x]) => `${c}:${x}`).join(',');
  return rows.map(([p, r]) => `${p}|${text(r.cols)}|${text(r.combo)}`).join('\n');
}

describe('elimination on safe integers', () => {
  it('gives the bigint elimination\'s reduced form, combinations and span answers on random sparse rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((cols) => fc.tuple(fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 14 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: cols, maxLength: cols }), fc.array(fc.boolean(), { minLength: cols, maxLength: cols }))), ([matrix, weights, probe]) => {
        const rows = toRows(matrix);
        const weight = (c: number) => weights[c];
        const small = eliminate(rows, weight);
        const big: Echelon = { big: eliminateBig(rows, weight) };
        expect('small' in small).toBe(true);
        expect(form(small)).toBe(form(big));
        expect(groupRows(small)).toEqual(groupRows(big));
        const cols = probe.flatMap((x, c) => (x ? [c] : []));
        expect(inRowSpace(small, cols)).toBe(inRowSpace(big, cols));
      }),
      { numRuns: 300 },
    );
  });

  it('gives, without the combinations, the same pivots, flat rows and span answers', () => {
    const shape = (e: Echelon) => ('big' in e ? [...e.big] : [...e.small]).map(([p, r]) => [p, [...r.cols.keys()].sort((a, b) => a - b)]).sort((a, b) => (a[0] as number) - (b[0] as number));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((cols) => fc.tuple(fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 14 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: cols, maxLength: cols }), fc.array(fc.boolean(), { minLength: cols, maxLength: cols }))), ([matrix, weights, probe]) => {
        const rows = toRows(matrix);
        const weight = (c: number) => weights[c];
        const full = eliminate(rows, weight);
        const bare = eliminate(rows, weight, false);
        expect(shape(bare)).toEqual(shape(full));
        expect(groupRows(bare).map((g) => g.cols)).toEqual(groupRows(full).map((g) => g.cols));
        expect(groupRows(bare).every((g) => g.combo.length === 0)).toBe(true);
        const cols = probe.flatMap((x, c) => (x ? [c] : []));
        expect(inRowSpace(bare, cols)).toBe(inRowSpace(full, cols));
      }),
      { numRuns: 300 },
    );
    // On bigint too (dense rows pass 2^53).
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const dense = toRows(Array.from({ length: 60 }, () => Array.from({ length: 70 }, () => rand() < 0.5)));
    expect(shape({ big: eliminateBig(dense, () => 0, false) })).toEqual(shape({ big: eliminateBig(dense) }));
  });

  it('falls back to bigint when an entry passes 2^53, with the same result', () => {
    // Dense random 0/1 rows: the combinations are minors of the matrix, far past 2^53 at this size.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const matrix = Array.from({ length: 70 }, () => Array.from({ length: 80 }, () => rand() < 0.5));
    const rows = toRows(matrix);
    const e = eliminate(rows);
    expect('big' in e).toBe(true);
    expect(form(e)).toBe(form({ big: eliminateBig(rows) }));
  });
});
