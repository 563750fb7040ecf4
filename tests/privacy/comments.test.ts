// Attacks on free text (issue #18): `--include-comments` released every comment in groups
// of 5 to 9 — on its row of respondents.csv, inside the row's k-anonymous group. The promise
// is 10: a comment appears only from an organization of at least 10 respondents, in
// comments.csv, with nothing that ties it to a row, at every k.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRow } from '../../data/database.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { COMMENT_MIN_GROUP, commentRows } from '../../exchange/export/comments.js';
import { writeExports } from '../../exchange/export/index.js';
import { emptyRespondentStats } from '../../exchange/export/respondents.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Results } from '../../pipeline/results.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';
import { readCsv } from '../exchange/export/table-schema.js';

describe('commentRows', () => {
  it('releases comments only from organizations of at least 10 (and k), at every k (property)', () => {
    expect(COMMENT_MIN_GROUP).toBe(10);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 3, max: 12 }), (n, k) => {
        const responses = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, comment: `comment ${i}` })) as unknown as ResponseRow[];
        const stats = emptyRespondentStats();
        const rows = commentRows({ code: 'ORG', responses }, k, stats);
        expect(rows.length).toBe(n >= Math.max(10, k) ? n : 0);
        for (const r of rows) expect(Object.keys(r).sort()).toEqual(['comment', 'org_code']);
      }),
      { numRuns: 200 },
    );
  });
  it('sorts by text, so the order says nothing about which row wrote which', () => {
    const responses = ['zebra', 'apple', 'mango', ...Array.from({ length: 9 }, () => null)].map((comment, i) => ({ id: `r${i}`, comment })) as unknown as ResponseRow[];
    expect(commentRows({ code: 'ORG', responses }, 5, emptyRespondentStats()).map((r) => r.comment)).toEqual(['apple', 'mango', 'zebra']);
  });
});

for (const dialect of DIALECTS) {
  describe(`--include-comments (${dialect})`, () => {
    let t: TestDatabase;
    let waveId: string;
    let results: Results;
    const codeOf = new Map<string, string>();
    let midOrgs: string[];
    let bigOrg: string;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const s = await writeSyntheticStudy(t.handle.db, { orgs: 14, staffMin: 4, staffMax: 24, seed: 5, k: 5 });
      waveId = s.waveId;
      const db = t.handle.db;
      for (const o of await db.selectFrom('organizations').select(['id', 'code']).execute()) codeOf.set(o.id, o.code);
      const sizes = await db.selectFrom('responses').select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')]).where('wave_id', '=', waveId).groupBy('organization_id').execute();
      midOrgs = sizes.filter((r) => Number(r.n) >= 5 && Number(r.n) <= 9).map((r) => r.organization_id);
      bigOrg = sizes.find((r) => Number(r.n) >= 10)!.organization_id;
      expect(midOrgs.length).toBeGreaterThan(0);
      // Everyone comments, each comment naming its organization so a leak is visible.
      for (const id of [...midOrgs, bigOrg]) await db.updateTable('responses').set({ comment: `said in ${codeOf.get(id)}` }).where('organization_id', '=', id).execute();
      results = (await runPipeline({ waveId, outDir: tempDir('rootwork-comments-run-') }, { db, log: () => {} })).results;
    }, 120_000);
    afterAll(async () => t?.destroy());

    it('never releases a comment from an organization of 5 to 9, at k = 5 to 10, and never on a respondent row', async () => {
      for (const k of [5, 6, 7, 8, 9, 10]) {
        const out = tempDir('rootwork-comments-');
        const r = await writeExports(t.handle.db, { waveId, outDir: out, results, k, includeComments: true });
        const all = fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
        for (const id of midOrgs) expect(all, `k=${k}`).not.toContain(`said in ${codeOf.get(id)}`);
        const comments = readCsv(path.join(out, 'comments.csv'));
        expect(comments.filter((c) => c.comment === `said in ${codeOf.get(bigOrg)}`).length).toBeGreaterThanOrEqual(10);
        for (const c of comments) expect(midOrgs.map((id) => codeOf.get(id))).not.toContain(c.org_code);
        // Nothing ties a comment to a row: the rows carry no comment, the comments no answers.
        expect(Object.keys(readCsv(path.join(out, 'respondents.csv'))[0])).not.toContain('comment');
        expect(Object.keys(comments[0]).sort()).toEqual(['comment', 'org_code']);
        const ft = r.disclosure.respondents.free_text;
        expect(ft).toMatchObject({ included: true, file: 'comments.csv', min_group: 10 });
        expect(ft.withheld_small_organization === null || ft.withheld_small_organization >= k).toBe(true);
      }
    }, 120_000);

    it('releases no comment at all without --include-comments', async () => {
      const out = tempDir('rootwork-comments-');
      await writeExports(t.handle.db, { waveId, outDir: out, results });
      expect(fs.existsSync(path.join(out, 'comments.csv'))).toBe(false);
      for (const f of fs.readdirSync(out)) expect(fs.readFileSync(path.join(out, f), 'utf8')).not.toContain('said in');
    });
  });
}
