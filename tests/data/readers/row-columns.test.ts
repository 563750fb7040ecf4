// The one rows-to-columns loop: array rows (SQLite raw mode) and object rows (Kysely) give
// the same columns; `number` keeps numbers only, `numeric` converts driver strings, and
// `distinct` keeps each value once, in order of first appearance; `text` keeps every value.
import { describe, expect, it } from 'vitest';
import { buffersOf, rowsToColumns, type ColumnSpec } from '../../../data/readers/row-columns.mjs';

const SPECS: ColumnSpec[] = [
  { name: 'tenure', kind: 'number' },
  { name: 'version', kind: 'distinct' },
  { name: 'word', kind: 'numeric' },
];

describe('rowsToColumns', () => {
  it('reads array rows by position and object rows by name, to the same columns', () => {
    const arrays = [
      [3, 'v2', 17],
      ['7', 'v1', '2147483648'],
      [null, 'v2', 0],
      [4.5, 'v1', 5],
    ];
    const objects = arrays.map(([tenure, version, word]) => ({ word, version, tenure }));
    for (const rows of [arrays, objects]) {
      const c = rowsToColumns(rows, SPECS);
      expect(c.rows).toBe(4);
      // A text or null tenure is not a number: NaN, for the caller to treat as missing.
      expect(Array.from(c.numbers.tenure)).toEqual([3, NaN, NaN, 4.5]);
      // PostgreSQL sends bigint as text: converted, exactly.
      expect(Array.from(c.numbers.word)).toEqual([17, 2 ** 31, 0, 5]);
      expect(c.distinct.version).toEqual(['v2', 'v1']);
      expect(Object.keys(c.numbers)).toEqual(['tenure', 'word']);
    }
  });

  it('keeps a `text` column value for value, one per row, by position and by name', () => {
    const specs: ColumnSpec[] = [{ name: 'org', kind: 'text' }, { name: 'x', kind: 'number' }];
    const arrays = [['b', 1], ['a', 2], ['b', 3]];
    for (const rows of [arrays, arrays.map(([org, x]) => ({ x, org }))]) {
      const c = rowsToColumns(rows, specs);
      expect(c.texts.org).toEqual(['b', 'a', 'b']);
      expect(Array.from(c.numbers.x)).toEqual([1, 2, 3]);
      expect(Object.keys(c.numbers)).toEqual(['x']);
    }
  });

  it('counts a `runs` column’s runs of equal values in consecutive rows, in row order, by position and by name', () => {
    const specs: ColumnSpec[] = [{ name: 'x', kind: 'number' }, { name: 'org', kind: 'runs' }];
    const arrays = [[1, 'b'], [2, 'b'], [3, 'a'], [4, 'b']];
    for (const rows of [arrays, arrays.map(([x, org]) => ({ org, x }))]) {
      const c = rowsToColumns(rows, specs);
      // A value met again after another is a run of its own.
      expect(c.runs.org).toEqual([{ value: 'b', count: 2 }, { value: 'a', count: 1 }, { value: 'b', count: 1 }]);
      expect(Object.keys(c.numbers)).toEqual(['x']);
    }
    expect(rowsToColumns([], specs).runs.org).toEqual([]);
  });

  it('gives empty columns for no rows', () => {
    const c = rowsToColumns([], SPECS);
    expect(c.rows).toBe(0);
    expect(c.numbers.word).toHaveLength(0);
    expect(c.distinct.version).toEqual([]);
  });

  it('refuses a column kind it does not know, naming it and the column', () => {
    expect(() => rowsToColumns([[1]], [{ name: 'x', kind: 'blob' as never }])).toThrow('Unknown column kind "blob" for column x: use number, numeric, distinct, text or runs.');
  });

  it('lists the number columns’ buffers for a transfer', () => {
    const c = rowsToColumns([[1, 'v', 2]], SPECS);
    expect(buffersOf(c)).toEqual([c.numbers.tenure.buffer, c.numbers.word.buffer]);
  });
});
