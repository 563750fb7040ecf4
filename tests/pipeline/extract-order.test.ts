// The unpacker appends organization after organization whatever its starting capacity:
// grown from nothing, short, or exact, it gives the same columns, each organization's rows
// in canonical order (by content, so the order they came in does not matter), and leaves
// no slot past the ones filled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_WORDS, ITEMS } from '../../pipeline/extract-columns.js';
import { canonicalColumns, Unpacker, type PackedRows, type RespondentColumns } from '../../pipeline/extract-order.js';

const rowArb = fc.record({
  person: fc.integer({ min: 0, max: 2 ** 21 - 1 }),
  tenure: fc.integer({ min: -1, max: 60 }),
  words: fc.array(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { minLength: ITEM_WORDS, maxLength: ITEM_WORDS }),
});
type Row = { person: number; tenure: number; words: number[] };

function packedOf(rows: Row[]): PackedRows {
  return {
    person: Int32Array.from(rows, (r) => r.person),
    tenure: Int16Array.from(rows, (r) => r.tenure),
    words: Array.from({ length: ITEM_WORDS }, (_, w) => Int32Array.from(rows, (r) => r.words[w])),
  };
}

const plain = (c: RespondentColumns) => ({
  org: Array.from(c.org),
  role: Array.from(c.role),
  tenure: Array.from(c.tenure),
  poc: Array.from(c.poc),
  looking: Array.from(c.looking),
  items: ITEMS.map(({ item }) => Array.from(c.items[item])),
});

describe('Unpacker', () => {
  it('gives the same columns from any starting capacity, with exactly the slots filled', () => {
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { maxLength: 12 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 40 }), (orgs, capacity) => {
        const rows = orgs.flat();
        const packed = packedOf(rows);
        let start = 0;
        const records = orgs.map((o) => {
          const rec = { start, respondents: o.length, id: '', code: '' };
          start += o.length;
          return rec;
        });
        const exact = canonicalColumns(packed, records);
        const unpacker = new Unpacker(capacity);
        records.forEach((r, o) => unpacker.organization(o, packed, r.start, r.respondents));
        const grown = unpacker.finish();
        expect(unpacker.length).toBe(rows.length);
        expect(grown.org).toHaveLength(rows.length);
        for (const { item } of ITEMS) expect(grown.items[item]).toHaveLength(rows.length);
        expect(plain(grown)).toEqual(plain(exact));
      }),
      { numRuns: 200 },
    );
  });

  it('puts an organization’s rows in the same order whatever order they came in', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 20 }), (rows) => {
        const once = new Unpacker(0);
        once.organization(0, packedOf(rows), 0, rows.length);
        const again = new Unpacker(0);
        again.organization(0, packedOf([...rows].reverse()), 0, rows.length);
        expect(plain(again.finish())).toEqual(plain(once.finish()));
      }),
    );
  });
});
