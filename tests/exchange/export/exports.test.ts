import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { countResponsesByOrganization } from '../../../data/repositories/responses.js';
import { writeExports, EXPORT_FILES } from '../../../exchange/export/index.js';
import type { DataPackage } from '../../../exchange/export/datapackage.js';
import type { DisclosureSummary } from '../../../exchange/export/disclosure.js';
import { TEXT_EN } from '../../../instrument/text-en.js';
import { TEXT_ES } from '../../../instrument/text-es.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../../helpers/databases.js';
import { fixtureResults } from '../../fixtures/exports/results.js';
import { dataErrors, descriptorErrors, readCsv } from './table-schema.js';

const K = 5;
const QIS = ['org_code', 'role_group', 'race_group', 'gender_group', 'age_group', 'tenure_group', 'fte'];

for (const dialect of DIALECTS) {
  describe(`writeExports (${dialect})`, () => {
    let t: TestDatabase;
    let waveId: string;
    let counts: Map<string, number>;
    let codes: Map<string, string>;
    let results: ReturnType<typeof fixtureResults>;
    let bigOrg: string;
    let smallOrg: string;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const s = await writeSyntheticStudy(t.handle.db, { orgs: 8, staffMin: 2, staffMax: 24, seed: 12, k: K });
      waveId = s.waveId;
      counts = await countResponsesByOrganization(t.handle.db, waveId);
      const orgs = await t.handle.db.selectFrom('organizations').select(['id', 'code']).execute();
      codes = new Map(orgs.map((o) => [o.id, o.code]));
      results = fixtureResults(waveId, orgs.map((o) => ({ code: o.code, respondents: counts.get(o.id) ?? 0 })), K);
      bigOrg = [...counts].find(([, n]) => n >= 10)![0];
      smallOrg = [...counts].find(([, n]) => n >= K && n < 10)?.[0] ?? '';
      // The seed is chosen so the study has an organization under k and one under 10 (for comments).
      expect([...counts.values()].some((n) => n < K)).toBe(true);
      expect(smallOrg).not.toBe('');
      // Adversarial free text: kept out by default, scrubbed and neutralised when asked for.
      const ids = await t.handle.db.selectFrom('responses').select('id').where('organization_id', '=', bigOrg).orderBy('id').execute();
      const comments = ['=1+1', 'say "hi", then\r\nleave', 'mail me at ana@example.org 😀', 'שלום عربي', '@SUM(A1)', '-3'];
      for (const [i, c] of comments.entries()) await t.handle.db.updateTable('responses').set({ comment: c, race_self: 'Secret identity' }).where('id', '=', ids[i].id).execute();
      await t.handle.db.updateTable('responses').set({ comment: 'small org comment' }).where('organization_id', '=', smallOrg).execute();
    });
    afterAll(async () => t?.destroy());

    it('writes every file, a data package that validates against the Table Schema rules, and k-anonymous respondents', async () => {
      const out = tempDir('rootwork-export-');
      const lines: string[] = [];
      const r = await writeExports(t.handle.db, { waveId, outDir: out, results, log: (l) => lines.push(l) });
      expect(fs.readdirSync(out).sort()).toEqual([...EXPORT_FILES].sort());
      expect(r.files).toHaveLength(EXPORT_FILES.length);

      const pkg = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8')) as DataPackage;
      expect(descriptorErrors(pkg)).toEqual([]);
      expect(pkg.resources.map((x) => x.path)).toEqual(['respondents.csv', 'extract-h1-h3.csv', 'extract-h5.csv', 'organizations.csv', 'results.csv', 'codebook.csv']);
      for (const res of pkg.resources) expect(dataErrors(out, res)).toEqual([]);

      const rows = readCsv(path.join(out, 'respondents.csv'));
      const released = [...counts].filter(([, n]) => n >= K);
      expect(rows).toHaveLength(released.reduce((s, [, n]) => s + n, 0));
      const under = [...counts].filter(([, n]) => n > 0 && n < K).map(([id]) => codes.get(id));
      for (const row of rows) expect(under).not.toContain(row.org_code);
      // k-anonymity on the released file alone: a blank-by-suppression is its own value.
      const groups = new Map<string, number>();
      for (const row of rows) {
        const key = QIS.map((q) => (row[`${q}_suppressed`] === '1' ? '*' : row[q])).join('|');
        groups.set(key, (groups.get(key) ?? 0) + 1);
        for (const q of QIS.slice(1)) if (row[`${q}_suppressed`] === '1') expect(row[q]).toBe('');
      }
      expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(K);

      const header = Object.keys(rows[0]);
      for (const forbidden of ['id', 'received_on', 'lang', 'source', 'role', 'tenure_years', 'race_black', 'race_white', 'race_self', 'gender', 'gender_self', 'age_band', 'comment', 'poc']) expect(header).not.toContain(forbidden);
      expect(fs.readFileSync(path.join(out, 'respondents.csv'), 'utf8')).not.toContain('Secret identity');

      const d = JSON.parse(fs.readFileSync(path.join(out, 'disclosure.json'), 'utf8')) as DisclosureSummary;
      expect(d.k).toBe(K);
      expect(d.respondents.rows).toBe(rows.length);
      expect(d.respondents.organizations_under_k_left_out).toBe(under.length);
      expect(d.respondents.smallest_group).toBe(Math.min(...groups.values()));
      const flagged = rows.reduce((s, row) => s + QIS.slice(1).filter((q) => row[`${q}_suppressed`] === '1').length, 0);
      expect(Object.values(d.respondents.suppressed_values).reduce((a, b) => a + b, 0)).toBe(flagged);
      expect(d.respondents.free_text.included).toBe(false);
      // Fewer than k people left out: their count is not released, and the pipeline left them
      // out of results.csv too, so nothing differs by fewer than k between the files.
      expect(d.respondents.respondents_left_out).toBeNull();
      expect(d.respondents.notes).toHaveLength(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Disclosure \\(k=${K}\\): respondents.csv ${rows.length} rows .*fewer than ${K} respondents.* smallest group ${d.respondents.smallest_group}`));

      // Scores are the pipeline's: a row's satisfaction score is the mean of its reverse-coded items.
      const scored = rows.find((row) => row.sat_1 !== '' && row.sat_2r !== '' && row.sat_3 !== '')!;
      expect(Number(scored.satisfaction_score)).toBeCloseTo((Number(scored.sat_1) + 8 - Number(scored.sat_2r) + Number(scored.sat_3)) / 3, 12);
    });

    it('blanks and flags what rests on fewer than k in organizations.csv, and keeps numbers numeric in results.csv', async () => {
      const out = tempDir('rootwork-export-');
      await writeExports(t.handle.db, { waveId, outDir: out, results });
      const orgs = readCsv(path.join(out, 'organizations.csv'));
      expect(orgs).toHaveLength(counts.size);
      for (const o of orgs) {
        const n = [...counts].find(([id]) => codes.get(id) === o.org_code)![1];
        if (n < K) {
          expect(o.reportable).toBe('0');
          expect([o.respondents, o.orientation_index, o.organizing_score, o.orientation_type, o.satisfaction_score, o.br_1_mean]).toEqual(['', '', '', '', '', '']);
          expect(o.suppressed_fields).toContain('orientation_index');
          // Profile figures do not rest on staff answers: they stay.
          expect(o.separations_organizer_poc).toBe('2');
        } else {
          expect(o.respondents).toBe(String(n));
          expect(o.suppressed_fields).toBe('');
        }
      }
      const text = fs.readFileSync(path.join(out, 'results.csv'), 'utf8');
      expect(text).toContain(`"'=HYPERLINK(""x"") culture, ""quoted"", comma"`);
      expect(text).toMatch(/,H1\.sat_diff,,H1\.sat_diff,organizers of color,,120,12,-0\.31,-0\.9,0\.28,/);
      const res = readCsv(path.join(out, 'results.csv'));
      expect(res.filter((r) => r.id === 'X.culture_sat_r')).toHaveLength(1);
      const h2 = res.find((r) => r.id === 'H2.sep_rate_ratio')!;
      expect([h2.estimate, h2.ci_low, h2.suppressed, h2.note]).toEqual(['', '', '1', 'group under k']);
      expect(res.find((r) => r.id === 'H1.sat_diff.welch')!.parent_id).toBe('H1.sat_diff');
      expect(res.find((r) => r.id === 'H1.sat_diff.groups.mobilizing')!.suppressed).toBe('1');
      expect(res.find((r) => r.id === 'H1.sat_diff.hedges_g')!.estimate).toBe('-0.21');
    });

    it('writes codebook.csv with wording in English and Spanish, value labels and reverse coding', async () => {
      const out = tempDir('rootwork-export-');
      await writeExports(t.handle.db, { waveId, outDir: out, results });
      const cb = readCsv(path.join(out, 'codebook.csv'));
      const respondentCols = Object.keys(readCsv(path.join(out, 'respondents.csv'))[0]);
      expect(cb.filter((r) => r.file === 'respondents.csv').map((r) => r.name)).toEqual(respondentCols);
      const sat2 = cb.find((r) => r.name === 'sat_2r')!;
      expect([sat2.question_en, sat2.question_es, sat2.reverse_coded, sat2.scale]).toEqual([TEXT_EN['q.sat_2r'], TEXT_ES['q.sat_2r'], '1', 'sat']);
      expect(sat2.allowed_values).toBe('1;2;3;4;5;6;7');
      expect(sat2.value_labels.split(';')[0]).toBe(TEXT_EN['anchor.agree7.1']);
      const race = cb.find((r) => r.name === 'race_group')!;
      expect([race.question_en, race.allowed_values, race.missing_values]).toEqual([TEXT_EN['q.race'], 'poc;white', '[""]']);
      expect(cb.find((r) => r.name === 'leave_reason_pay')!.question_en).toBe(`${TEXT_EN['q.leave_reason']} — ${TEXT_EN['opt.leave_reason_pay']}`);
      expect(cb.find((r) => r.name === 'fte')!.value_labels).toBe(`${TEXT_EN['opt.fte.full']};${TEXT_EN['opt.fte.part']}`);
      expect(cb.some((r) => r.file === 'organizations.csv' && r.name === 'poc_led')).toBe(true);
      // The extracts are respondent-level too: their poc and tenure are quasi-identifiers, their scores sensitive.
      for (const [file, name, role] of [['extract-h1-h3.csv', 'poc', 'quasi-identifier'], ['extract-h5.csv', 'tenure_years', 'quasi-identifier'], ['extract-h5.csv', 'satisfaction_score', 'sensitive']]) {
        expect(cb.find((r) => r.file === file && r.name === name)!.disclosure_role, `${file} ${name}`).toBe(role);
      }
      // An item's label is the question as asked, not its name.
      expect(cb.find((r) => r.file === 'respondents.csv' && r.name === 'sat_1')!.label).toBe(TEXT_EN['q.sat_1']);
      // Values and labels line up one to one (a ";" inside a label would break every reader).
      for (const r of cb) if (r.value_labels !== '') expect(r.value_labels.split(';'), r.name).toHaveLength(r.allowed_values.split(';').length);
    });

    it('--excel adds byte-order-marked copies in excel/; --include-comments releases scrubbed, neutralised comments only from groups of 10, in comments.csv apart from the rows', async () => {
      const out = tempDir('rootwork-export-');
      const r = await writeExports(t.handle.db, { waveId, outDir: out, results, excel: true, includeComments: true });
      // The byte-order-marked copies are in excel/; the files the data package describes stay unmarked.
      for (const f of ['respondents.csv', 'comments.csv', 'organizations.csv', 'results.csv', 'codebook.csv']) {
        expect(fs.readFileSync(path.join(out, 'excel', f), 'utf8').startsWith('\uFEFF')).toBe(true);
        expect(fs.readFileSync(path.join(out, f), 'utf8').startsWith('\uFEFF')).toBe(false);
      }
      const pkg = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8')) as DataPackage;
      expect(pkg.resources.map((x) => x.path)).toContain('comments.csv');
      for (const res of pkg.resources) {
        // "utf-8-sig" is no IANA charset (the Frictionless JavaScript library throws on it): a BOM is part of UTF-8.
        expect(res.encoding).toBe('utf-8');
        expect(dataErrors(out, res)).toEqual([]);
      }
      // The rows never carry the comment: it would sit in the row's group of k to 9.
      expect(Object.keys(readCsv(path.join(out, 'respondents.csv'))[0])).not.toContain('comment');
      const rows = readCsv(path.join(out, 'comments.csv'));
      expect(Object.keys(rows[0]).sort()).toEqual(['comment', 'org_code']);
      const comments = rows.filter((row) => row.org_code === codes.get(bigOrg) && row.comment !== '').map((row) => row.comment);
      for (const c of ["'=1+1", 'say "hi", then\r\nleave', 'mail me at [email] 😀', 'שלום عربي', "'@SUM(A1)", "'-3"]) expect(comments).toContain(c);
      expect(rows.filter((row) => row.org_code === codes.get(smallOrg) && row.comment !== '')).toEqual([]);
      expect(r.disclosure.respondents.free_text.scrubbed.emails).toBeGreaterThanOrEqual(1);
      expect(r.disclosure.neutralised_cells['comments.csv']).toBeGreaterThanOrEqual(3);
      expect(fs.readFileSync(path.join(out, 'respondents.csv'), 'utf8')).not.toContain('Secret identity');
      expect(fs.readFileSync(path.join(out, 'comments.csv'), 'utf8')).not.toContain('Secret identity');
    });

    it('refuses a k below the wave\'s and results of another wave, leaving nothing behind', async () => {
      const out = tempDir('rootwork-export-');
      await expect(writeExports(t.handle.db, { waveId, outDir: out, results, k: K - 1 })).rejects.toThrow(/never lowered/);
      await expect(writeExports(t.handle.db, { waveId, outDir: out, results: { ...results, study: { ...results.study, wave_id: 'other' } } })).rejects.toThrow(/run the pipeline for this wave/);
      await expect(writeExports(t.handle.db, { waveId: 'nope', outDir: out, results })).rejects.toThrow(/No wave with id nope/);
      expect(fs.readdirSync(out)).toEqual([]);
    });

    it('a larger k gives larger groups', async () => {
      const out = tempDir('rootwork-export-');
      const r = await writeExports(t.handle.db, { waveId, outDir: out, results, k: 8 });
      expect(r.disclosure.respondents.smallest_group).toBeGreaterThanOrEqual(8);
      const rows = readCsv(path.join(out, 'respondents.csv'));
      expect(rows).toHaveLength([...counts.values()].filter((n) => n >= 8).reduce((a, b) => a + b, 0));
    });
  });
}
