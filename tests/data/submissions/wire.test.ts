// Records framed as one string (data/wire.mjs) and the two framings built on it, for the
// intake thread's requests and the writer inlet's submissions: whatever the texts hold
// (newlines, spaces, digits, any Unicode, nothing at all), every batch reads back exactly as
// it was framed; a message cut short or with a broken header is refused, never misread.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameInletBatch, readInletBatch } from '../../../data/submissions/inlet-wire.mjs';
import { frameRecords, readRecords } from '../../../data/submissions/wire.mjs';
import { frameItems, readItems } from '../../../survey/api/intake-wire.js';

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const body = fc.string({ unit: 'binary', maxLength: 200 });
const ticket = fc.nat({ max: 2 ** 40 });

describe('framed records', () => {
  it('reads back any records as framed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }).chain((width) => fc.tuple(fc.constant(width), fc.array(fc.array(body, { minLength: width, maxLength: width }), { maxLength: 10 }))), ([width, records]) => {
      expect(readRecords(frameRecords(records), width, 'test message')).toEqual(records);
    }));
  });

  it('refuses a message cut short, with a broken header or of the wrong width', () => {
    const framed = frameRecords([['a', 'bc'], ['', 'def']]);
    expect(() => readRecords(framed.slice(0, -1), 2, 'test message')).toThrow(/test message: record 2 is cut short/);
    expect(() => readRecords(`x${framed}`, 2, 'test message')).toThrow(/Malformed test message at offset 0/);
    expect(() => readRecords(framed, 3, 'test message')).toThrow(/Malformed test message/);
    expect(() => readRecords('1 2', 2, 'test message')).toThrow(/Malformed test message/);
  });

  it("carries the intake thread's requests and the inlet's submissions whole", () => {
    const item = fc.record({ ticket, inlet: fc.nat(), id: text, receivedOn: text, secret: text, text: body });
    fc.assert(fc.property(fc.array(item, { maxLength: 12 }), (items) => {
      expect(readItems(frameItems(items))).toEqual(items);
    }));
    const submission = fc.record({ ticket, codeHash: text, day: text, json: body });
    fc.assert(fc.property(fc.array(submission, { maxLength: 12 }), (batch) => {
      expect(readInletBatch(frameInletBatch(batch))).toEqual(batch);
    }));
  });
});
