// A response body is its values as one JSON object text in column order, and reads back
// as the same row (with the wave and organization it is sent to).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_COLUMNS, responseBody, responseRow, type ResponseValue } from '../../../data/submissions/response-body.js';

const value: fc.Arbitrary<ResponseValue> = fc.oneof(fc.constant(null), fc.integer({ min: -10, max: 100 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 10 }));

describe('response bodies', () => {
  it('read back as the row they were made from, every column in order', () => {
    fc.assert(fc.property(fc.uuid(), fc.array(value, { minLength: BODY_COLUMNS.length - 1, maxLength: BODY_COLUMNS.length - 1 }), (id, rest) => {
      const body = responseBody([id, ...rest]);
      expect(body.id).toBe(id);
      expect(Object.keys(JSON.parse(body.json))).toEqual(BODY_COLUMNS);
      const row = responseRow(body, 'wave-1', 'org-1') as unknown as Record<string, unknown>;
      expect(row.wave_id).toBe('wave-1');
      expect(row.organization_id).toBe('org-1');
      BODY_COLUMNS.forEach((column, i) => expect(row[column]).toEqual(i === 0 ? id : rest[i - 1]));
    }));
  });

  it('refuses values that do not fill the columns, or lack an id', () => {
    expect(() => responseBody(['only-an-id'])).toThrow(/takes \d+ values starting with its id \(got 1\)/);
    expect(() => responseBody(new Array(BODY_COLUMNS.length).fill(null))).toThrow(/starting with its id/);
  });
});
