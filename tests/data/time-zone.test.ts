// localDay remembers the last day it computed per zone for that whole second. Asked in any
// order, at instants around midnights and daylight-saving changes (including zones whose
// offsets are not whole hours), it gives what a formatter made afresh gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../data/time-zone.js';

const ZONES = ['UTC', 'America/Los_Angeles', 'America/St_Johns', 'Europe/Madrid', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** Instants where days or offsets change in these zones in 2026 (UTC). */
const EDGES = [
  '2026-03-08T10:00:00Z', // Los Angeles springs forward
  '2026-11-01T09:00:00Z', // and falls back
  '2026-03-08T05:30:00Z', // St. John's
  '2026-03-29T01:00:00Z', // Madrid
  '2026-04-04T15:00:00Z', // Lord Howe, half an hour back
  '2026-04-04T14:00:00Z', // Chatham
  '2026-12-01T08:00:00Z', // midnight in Los Angeles
  '2026-12-01T18:15:00Z', // midnight in Kathmandu (+5:45)
].map((t) => Date.parse(t));

function freshDay(zone: string, ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

describe('localDay', () => {
  it('gives a fresh formatter\'s day at instants around each change, asked in any order', () => {
    const instant = fc.tuple(fc.constantFrom(...EDGES), fc.integer({ min: -3_000, max: 3_000 })).map(([edge, ms]) => edge + ms);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...ZONES), instant), { minLength: 1, maxLength: 60 }), (asks) => {
      for (const [zone, ms] of asks) expect(localDay(zone, new Date(ms))).toBe(freshDay(zone, ms));
    }), { numRuns: 300 });
  });

  it('changes day on the millisecond of local midnight, one second after another ask', () => {
    const midnight = Date.parse('2026-12-01T08:00:00Z');
    expect(localDay('America/Los_Angeles', new Date(midnight - 1))).toBe('2026-11-30');
    expect(localDay('America/Los_Angeles', new Date(midnight))).toBe('2026-12-01');
    expect(localDay('America/Los_Angeles', new Date(midnight - 1))).toBe('2026-11-30');
  });

  it('refuses an invalid instant as the formatter does', () => {
    expect(() => localDay('UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});
