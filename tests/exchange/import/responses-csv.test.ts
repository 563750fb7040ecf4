import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganizations } from '../../../data/repositories/organizations.js';
import { createStudy, createWave } from '../../../data/repositories/studies.js';
import { importResponsesCsv, ImportRejectedError, type RowIssue } from '../../../exchange/import/responses-csv.js';
import { loadMapping } from '../../../exchange/import/response-mapping.js';
import { POC_BAND_SELF_DESCRIPTION } from '../../../exchange/import/bands.js';
import { derivePoc } from '../../../instrument/codebook.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../../helpers/databases.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const clock = () => new Date('2026-11-20T15:42:07Z');

for (const dialect of DIALECTS) {
  describe(`importResponsesCsv (${dialect})`, () => {
    let t: TestDatabase;
    let waveId: string;
    let otherWaveId: string;
    const count = async (w = waveId) => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('wave_id', '=', w).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const study = await createStudy(t.handle.db, { name: 'Import study' });
      waveId = (await createWave(t.handle.db, { studyId: study.id, name: 'Wave 1' })).id;
      otherWaveId = (await createWave(t.handle.db, { studyId: study.id, name: 'Wave 2' })).id;
      await createOrganizations(t.handle.db, [
        { studyId: study.id, name: 'Alpha', code: 'ORG-AAAAAA' },
        { studyId: study.id, name: 'Beta', code: 'ORG-BBBBBB' },
      ]);
      const other = await createStudy(t.handle.db, { name: 'Another study' });
      await createOrganizations(t.handle.db, [{ studyId: other.id, name: 'Gamma', code: 'ORG-CCCCCC' }]);
    });
    afterAll(async () => t?.destroy());

    it('imports an Excel file (BOM, semicolons, CRLF, a quoted line break) exactly, with random ids and only the import day', async () => {
      const summary = await importResponsesCsv(t.handle.db, { file: fixture('excel-semicolon.csv'), waveId, clock });
      expect(summary.rows).toBe(4);
      expect(summary.dialect).toEqual({ delimiter: ';', newline: '\r\n' });
      const rows = await t.handle.db.selectFrom('responses').innerJoin('organizations', 'organizations.id', 'responses.organization_id')
        .selectAll('responses').select('organizations.code').where('wave_id', '=', waveId).execute();
      expect(rows).toHaveLength(4);
      const byComment = new Map(rows.map((r) => [r.comment, r]));
      const first = byComment.get('Quotes "like this"; semicolons, commas')!;
      expect([first.code, first.role, first.tenure_years, first.race_black, first.race_white, first.org_4, first.sat_2r, first.looking]).toEqual(['ORG-AAAAAA', 'organizer', 3, 1, 0, 4, 2, 'no']);
      expect(byComment.get('line one\r\nline two')!.org_4).toBeNull();
      // Formulas are stored as written: neutralising is the exports' job, on the way out.
      expect(byComment.get('=HYPERLINK("http://x")')!.race_decline).toBe(1);
      const last = byComment.get('😀 שלום عربي')!;
      expect([last.role, last.fte, last.gender, last.org_1]).toEqual(['other', null, null, null]);
      for (const r of rows) {
        expect(r.source).toBe('import');
        expect(r.received_on).toBe('2026-11-20');
        expect(r.lang).toBe('en');
        expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      await t.handle.db.deleteFrom('responses').execute();
    });

    it('lists every problem of every bad row (row, column, value, problem) and writes nothing', async () => {
      const issues: RowIssue[] = [];
      const err = await importResponsesCsv(t.handle.db, { file: fixture('bad-rows.csv'), waveId, onIssue: (i) => issues.push(i) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportRejectedError);
      expect((err as ImportRejectedError).badRows).toBe(5);
      const brief = issues.map((i) => [i.row, i.column, i.value]);
      expect(brief).toEqual([
        [3, 'org_code', 'ORG-ZZZZZZ'], [3, 'role', 'organiser'],
        [4, 'tenure_years', '-1'], [4, 'race_black', '2'], [4, 'org_1', '6'], [4, 'sat_1', '8'], [4, 'looking', 'maybe'],
        [5, 'tenure_years', '2.5'],
        [6, 'org_code', ''],
        [7, '', ''],
      ]);
      expect(issues.find((i) => i.column === 'sat_1')!.problem).toBe('must be a whole number from 1 to 7 (or blank)');
      expect(issues.find((i) => i.column === 'role')!.problem).toMatch(/must be one of organizer, campaign/);
      expect(issues.at(-1)!.problem).toMatch(/has 5 fields but the header has 8/);
      expect((err as Error).message).toMatch(/^.*bad-rows\.csv: 10 problem\(s\) in 5 row\(s\), nothing imported\. First: row 3, column org_code, value "ORG-ZZZZZZ"/);
      expect(await count()).toBe(0);
    });

    it('refuses an organization code from another study', async () => {
      const dir = tempDir('rootwork-import-');
      const file = path.join(dir, 'x.csv');
      fs.writeFileSync(file, 'org_code,role\nORG-AAAAAA,organizer\nORG-CCCCCC,organizer\n');
      const issues: RowIssue[] = [];
      await expect(importResponsesCsv(t.handle.db, { file, waveId, onIssue: (i) => issues.push(i) })).rejects.toThrow(ImportRejectedError);
      expect(issues.map((i) => [i.row, i.value])).toEqual([[3, 'ORG-CCCCCC']]);
      expect(await count()).toBe(0);
    });

    it('maps another tool\'s columns and answer labels with a mapping file, ignoring its timestamps', async () => {
      const mapping = loadMapping(fixture('other-tool-map.json'));
      const summary = await importResponsesCsv(t.handle.db, { file: fixture('other-tool.csv'), waveId: otherWaveId, mapping, clock });
      expect(summary.ignored).toEqual(['Response ID', 'Start Date']);
      const rows = await t.handle.db.selectFrom('responses').select(['role', 'tenure_years', 'sat_1', 'looking', 'comment', 'received_on']).where('wave_id', '=', otherWaveId).orderBy('role').execute();
      expect(rows).toEqual([
        { role: 'operations', tenure_years: 0, sat_1: 1, looking: 'yes', comment: null, received_on: '2026-11-20' },
        { role: 'organizer', tenure_years: 4, sat_1: 6, looking: 'no', comment: 'Good place', received_on: '2026-11-20' },
      ]);
      await t.handle.db.deleteFrom('responses').execute();
    });

    it('reports every header problem at once', async () => {
      const dir = tempDir('rootwork-import-');
      const file = path.join(dir, 'x.csv');
      fs.writeFileSync(file, 'Org,role,role_group,IP address,sat_1,sat_1\nORG-AAAAAA,organizer,organizer,1.2.3.4,5,5\n');
      const issues: RowIssue[] = [];
      await expect(importResponsesCsv(t.handle.db, { file, waveId, onIssue: (i) => issues.push(i) })).rejects.toThrow(/nothing imported/);
      expect(issues.map((i) => i.column).sort()).toEqual(['IP address', 'Org', 'org_code', 'role_group', 'sat_1'].sort());
      expect(issues.find((i) => i.column === 'IP address')!.problem).toMatch(/--map/);
      expect(await count()).toBe(0);
    });

    it('restores banded columns of a Rootwork export as documented', async () => {
      const dir = tempDir('rootwork-import-');
      const file = path.join(dir, 'x.csv');
      fs.writeFileSync(file, [
        'org_code,role_group,race_group,gender_group,age_group,tenure_group,role_group_suppressed,satisfaction_score,orientation_index',
        'ORG-AAAAAA,other_staff,poc,another_gender,under_35,3_5,0,5.5,-0.25',
        'ORG-AAAAAA,,white,,,11_plus,1,,',
        'ORG-AAAAAA,organizer,,,,,0,,',
      ].join('\n'));
      const summary = await importResponsesCsv(t.handle.db, { file, waveId, clock });
      expect(summary.ignored).toEqual(['role_group_suppressed', 'satisfaction_score', 'orientation_index']);
      const rows = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', waveId).execute();
      const other = rows.find((r) => r.role === 'other')!;
      expect([other.race_self, other.gender, other.age_band, other.tenure_years, derivePoc(other)]).toEqual([POC_BAND_SELF_DESCRIPTION, 'self_describe', '25_34', 3, 1]);
      const white = rows.find((r) => r.role === null)!;
      expect([white.race_white, white.race_black, white.tenure_years, derivePoc(white)]).toEqual([1, 0, 11, 0]);
      expect(derivePoc(rows.find((r) => r.role === 'organizer')!)).toBeNull();
      await t.handle.db.deleteFrom('responses').execute();
    });

    it('rolls back every row already inserted when the write fails part-way (one transaction or none)', async () => {
      const dir = tempDir('rootwork-import-');
      const file = path.join(dir, 'x.csv');
      const lines = ['org_code,role,sat_1'];
      for (let i = 0; i < 12_000; i++) lines.push(`ORG-AAAAAA,organizer,${(i % 7) + 1}`);
      fs.writeFileSync(file, lines.join('\n'));
      // A failure after 10,000 rows are in (here the progress callback, as when a run is
      // cancelled): the 10,000 must not stay behind.
      const seen: string[] = [];
      await expect(importResponsesCsv(t.handle.db, {
        file, waveId,
        onProgress: (pass, rows) => {
          seen.push(`${pass}:${rows}`);
          if (pass === 'write') throw new Error('cancelled');
        },
      })).rejects.toThrow('cancelled');
      expect(seen).toEqual(['validate:10000', 'write:10000']);
      expect(await count()).toBe(0);
    });

    it('gives one clear error for a missing, empty, header-only or non-UTF-8 file and an unknown wave', async () => {
      const dir = tempDir('rootwork-import-');
      const write = (name: string, content: string | Buffer) => {
        fs.writeFileSync(path.join(dir, name), content);
        return path.join(dir, name);
      };
      await expect(importResponsesCsv(t.handle.db, { file: path.join(dir, 'none.csv'), waveId })).rejects.toThrow(/Cannot read .*none\.csv: no such file/);
      await expect(importResponsesCsv(t.handle.db, { file: write('empty.csv', ''), waveId })).rejects.toThrow(/is empty/);
      await expect(importResponsesCsv(t.handle.db, { file: write('head.csv', 'org_code,role\r\n'), waveId })).rejects.toThrow(/no responses/);
      await expect(importResponsesCsv(t.handle.db, { file: write('latin1.csv', Buffer.from('org_code,comment\nORG-AAAAAA,caf\xe9\n', 'latin1')), waveId })).rejects.toThrow(/not UTF-8.*CSV UTF-8/);
      await expect(importResponsesCsv(t.handle.db, { file: write('ok.csv', 'org_code\nORG-AAAAAA\n'), waveId: 'nope' })).rejects.toThrow(/No wave with id nope/);
      expect(await count()).toBe(0);
    });
  });
}
