// results.json is streamed in pieces (pipeline/json-chunks.ts); readers and the release
// ledger compare its bytes, so the pieces must join to exactly what JSON.stringify(v, null, 2)
// writes, whatever the value holds and however deep it is split.
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../pipeline/json-chunks.js';

const joined = (value: unknown, levels?: number) => [...jsonChunks(value, levels)].join('');

class Point {
  constructor(readonly x: number) {}
}

const awkward = {
  study: { name: 'Étude “Roots” — 2026\nline two\u2028', k: 5, thresholds: {} },
  empty: [],
  nested: [[], [[]], {}, [{}], [1, [2, [3, [4]]]]],
  holes: [1, undefined, () => 1, Symbol('s'), null, -0, 1e-300, 0.1 + 0.2],
  // eslint-disable-next-line no-sparse-arrays
  sparse: [1, , 3],
  skipped: { a: undefined, b: () => 2, c: Symbol('c'), d: 'kept' },
  allSkipped: { a: undefined },
  when: new Date('2026-12-03T10:00:00Z'),
  custom: { toJSON: () => ({ replaced: [1, 2] }) },
  instance: new Point(3),
  map: new Map([['a', 1]]),
  noProto: Object.assign(Object.create(null) as object, { a: [1, { b: 2 }] }),
  organizations: Array.from({ length: 3 }, (_, i) => ({ code: `ORG-${i}`, scales: { sat: i / 3, itl: null }, breakdown: [{ group: 'poc', n: null }] })),
};

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) at every depth of splitting', () => {
    for (const levels of [0, 1, 2, 3, 4, 8]) expect(joined(awkward, levels)).toBe(JSON.stringify(awkward, null, 2));
  });

  it('writes top-level primitives, empty containers and lone values as JSON.stringify does', () => {
    for (const v of [null, 0, -1.5, 'x\ny', true, [], {}, [undefined], { a: undefined }]) expect(joined(v)).toBe(JSON.stringify(v, null, 2));
  });

  it('splits a large array into slices of elements, never one string', () => {
    const big = { organizations: Array.from({ length: 1000 }, (_, i) => ({ code: `ORG-${i}`, n: i, scales: { sat: i / 7 } })) };
    const pieces = [...jsonChunks(big)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(10_000);
    expect(pieces.join('')).toBe(JSON.stringify(big, null, 2));
  });
});

describe('jsonChunks on long lists of plain values', () => {
  it('writes them a slice at a time, joining to JSON.stringify across slice boundaries and depths', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? null : i % 5 === 0 ? i / 3 : i % 11 === 0 ? undefined : `org/ORG-${i}/breakdown “x”`));
    for (const v of [list, { withheld: list }, { a: { b: list } }, [list, []]]) expect([...jsonChunks(v)].join('')).toBe(JSON.stringify(v, null, 2));
    expect([...jsonChunks({ withheld: list })].length).toBeLessThan(20);
  });
});
