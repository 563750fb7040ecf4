// Property: over random small studies, no report shows a number resting on fewer than k
// respondents. Two sources of studies: synthetic results.json with planted leaks (groups
// under k left unflagged, survival tails with few at risk, small organizations' counts) that
// the reports' own guard must drop; and real seeded studies run through the pipeline.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Results } from '../../pipeline/results.js';
import { writeReports } from '../../reports/index.js';
import { syntheticResults } from '../kit/synthetic-results.js';
import { createTestDatabase, tempDir } from '../helpers/databases.js';
import { allFiles } from './helpers/read-html.js';

/** Every check that does not depend on how the study was made. */
function checkNothingUnderK(results: Results, dir: string) {
  const k = results.study.k;
  const small = results.organizations.filter((o) => !o.reportable || o.respondents === null || o.respondents < k);
  // Each organization's report in English and in Spanish, and no other.
  const expectedOrgs = results.organizations.filter((o) => o.reportable && o.respondents !== null && o.respondents >= k).flatMap((o) => [`${o.code}.html`, `${o.code}.es.html`]).sort();
  expect(fs.readdirSync(path.join(dir, 'orgs')).sort()).toEqual(expectedOrgs);
  for (const [file, content] of allFiles(dir)) {
    if (file === 'results.json') continue;
    expect(content.includes('LEAK'), `a planted leak reached ${file}`).toBe(false);
    for (const o of small) expect(content.includes(o.code), `${o.code} (under k) named in ${file}`).toBe(false);
    // A count of people in words ("4 respondents", "4 personas") is at least k.
    for (const m of content.matchAll(/(\d[\d,]*)\s+(?:respondents?|people|persons?|staff|members?|declined|blank|personas?|miembros?)\b/gi)) {
      const n = Number(m[1].replace(/,/g, ''));
      expect(n === 0 || n >= k, `"${m[0]}" in ${file}`).toBe(true);
    }
    // Counts of answers in organization reports: zero or at least k.
    for (const m of content.matchAll(/<data class="count" value="(\d+)">/g)) {
      const n = Number(m[1]);
      expect(n === 0 || n >= k, `count ${n} in ${file}`).toBe(true);
    }
    if (file.endsWith('.vl.json')) {
      const data = JSON.stringify(JSON.parse(content));
      for (const m of data.matchAll(/"(?:at_risk|n)":(\d+)/g)) expect(Number(m[1]), `${m[0]} in ${file}`).toBeGreaterThanOrEqual(k);
    }
  }
  // Table cells of respondent counts in the study report.
  const html = fs.readFileSync(path.join(dir, 'study-report.html'), 'utf8');
  for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const head = [...table[1].matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    const col = head.findIndex((h) => h === 'Respondents' || h === 'At risk' || h === 'How many');
    if (col < 0) continue;
    for (const row of table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      const cells = [...row[1].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
      if (cells.length !== head.length || cells[col] === head[col] || cells[col] === '' || cells[col].startsWith('fewer than')) continue;
      expect(Number(cells[col].replace(/,/g, '')), `${head[col]} ${cells[col]}`).toBeGreaterThanOrEqual(k);
    }
  }
}

describe('no number under k in any report', () => {
  it('holds for synthetic results with planted leaks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ orgs: fc.integer({ min: 1, max: 12 }), staffMin: fc.integer({ min: 0, max: 6 }), extra: fc.integer({ min: 0, max: 25 }), k: fc.integer({ min: 3, max: 8 }), seed: fc.integer({ min: 1, max: 1_000_000 }) }),
        async ({ orgs, staffMin, extra, k, seed }) => {
          const results = syntheticResults({ orgs, staffMin, staffMax: staffMin + extra, k, seed, leaks: true });
          const dir = tempDir('rootwork-prop-');
          try {
            await writeReports(results, dir);
            checkNothingUnderK(results, dir);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('holds for small seeded studies run through the pipeline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ orgs: fc.integer({ min: 3, max: 10 }), staffMax: fc.integer({ min: 4, max: 14 }), k: fc.integer({ min: 3, max: 6 }), seed: fc.integer({ min: 1, max: 1_000_000 }) }),
        async ({ orgs, staffMax, k, seed }) => {
          // A fresh database per study: a seed fixes the study's ids too.
          const tdb = await createTestDatabase('sqlite');
          const dir = tempDir('rootwork-prop-');
          try {
            const s = await writeSyntheticStudy(tdb.handle.db, { orgs, staffMin: 1, staffMax, k, seed, studyName: 'Property study', waveName: 'W' });
            const { results } = await runPipeline({ waveId: s.waveId, outDir: dir }, { db: tdb.handle.db, log: () => {} });
            await writeReports(results, dir);
            checkNothingUnderK(results, dir);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            await tdb.destroy();
          }
        },
      ),
      { numRuns: 4 },
    );
  });
});
