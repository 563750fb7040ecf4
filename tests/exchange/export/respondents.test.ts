import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResponseRow } from '../../../data/database.js';
import { SUPPRESSION_ORDER as QUASI_IDENTIFIER_NAMES } from '../../../exchange/export/respondents.js';
import { generateStudy } from '../../../data/synthetic/generate.js';
import { DEFAULT_OPTIONS } from '../../../data/synthetic/params.js';
import { emptyRespondentStats, respondentRows } from '../../../exchange/export/respondents.js';

describe('respondentRows on random synthetic studies', () => {
  it('releases only organizations of at least k, k-anonymous over organization and the quasi-identifiers, fte included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 10 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 50 }), (seed, k, staffMin, spread) => {
        const opts = { ...DEFAULT_OPTIONS, seed, orgs: 6, staffMin, staffMax: staffMin + spread, k };
        const stats = emptyRespondentStats();
        const groups = new Map<string, number>();
        let expectedRows = 0;
        for (const org of generateStudy(opts, { studyId: 's', waveId: 'w' })) {
          const rows = respondentRows({ code: org.organization.code, responses: org.responses as ResponseRow[] }, k, stats);
          if (org.responses.length < k) expect(rows).toEqual([]);
          else expectedRows += org.responses.length;
          for (const r of rows) {
            const key = [r.org_code, ...QUASI_IDENTIFIER_NAMES.map((q) => (r[`${q}_suppressed`] === 1 ? '*' : r[q] ?? ''))].join('|');
            groups.set(key, (groups.get(key) ?? 0) + 1);
            for (const q of QUASI_IDENTIFIER_NAMES) if (r[`${q}_suppressed`] === 1) expect(r[q]).toBeNull();
            expect(r).not.toHaveProperty('comment');
          }
        }
        for (const n of groups.values()) expect(n).toBeGreaterThanOrEqual(k);
        expect(stats.rows).toBe(expectedRows);
        if (expectedRows > 0) expect(stats.smallestGroup).toBe(Math.min(...groups.values()));
      }),
      { numRuns: 60 },
    );
  });
});
