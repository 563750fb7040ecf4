// Profile CSV import on both dialects, and the profile checks it shares with the form:
// spreadsheet quirks accepted, every bad row reported by row and column, nothing half-written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_GROUPS } from '../../../data/database.js';
import { importProfilesCsv } from '../../../exchange/import/profiles-csv.js';
import { checkProfile, emptyProfileValues, headcountField } from '../../../exchange/import/profile-fields.js';
import { getProfile } from '../../../data/repositories/profiles.js';
import { createOrganizations } from '../../../data/repositories/organizations.js';
import { createStudy, createWave } from '../../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';
import { profileCsv } from '../../fixtures/admin/profile-csv.js';

describe('profile consistency checks', () => {
  it('accept exactly the headcounts that add up (property)', () => {
    fc.assert(fc.property(fc.nat(50), fc.nat(50), fc.nat(120), fc.integer({ min: -3, max: 3 }), (start, hires, sep, drift) => {
      const v = emptyProfileValues();
      v.ed_race = 'white';
      for (const g of STAFF_GROUPS) {
        v.numbers[headcountField('start', g)] = start;
        v.numbers[headcountField('hires', g)] = hires;
        v.numbers[headcountField('sep', g)] = sep;
        v.numbers[headcountField('end', g)] = Math.max(0, start + hires - sep + drift);
      }
      const issues = checkProfile(v, 'submit', { exitsRequired: false });
      const consistent = sep <= start + hires && (drift === 0 || start + hires - sep + drift < 0 && start + hires - sep === 0);
      expect(issues.length === 0).toBe(consistent);
      if (sep > start + hires) expect(issues.every((i) => i.code === 'sep_exceeds')).toBe(true);
    }));
  });
});

for (const dialect of DIALECTS) {
  describe(`profile CSV import (${dialect})`, () => {
    let t: TestDatabase;
    let waveId = '';
    let codes: string[] = [];
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const study = await createStudy(t.handle.db, { name: 'S' });
      waveId = (await createWave(t.handle.db, { studyId: study.id, name: 'W' })).id;
      codes = (await createOrganizations(t.handle.db, [{ studyId: study.id, name: 'A' }, { studyId: study.id, name: 'B' }])).map((o) => o.code);
    });
    afterAll(async () => t.destroy());

    it('writes nothing when any row is bad, naming row, column and problem', async () => {
      const text = profileCsv([codes[0], codes[1], codes[0], 'ORG-ZZZZZZ'], { sepOver: codes[1], extra: { board_total: '2', board_poc: '5' } });
      const err = await importProfilesCsv(t.handle.db, waveId, text).catch((e) => e);
      expect(err.issues.map((i: { path: string }) => i.path)).toEqual([
        'row 2, column board_poc', 'row 3, column board_poc', 'row 3, column sep_organizer_poc', 'row 3, column exits_organizer_poc', 'row 4, column org_code', 'row 5, column org_code',
      ]);
      expect(err.issues[0].message).toBe('People of color (5) cannot exceed the total (2).');
      expect(err.issues[4].message).toMatch(new RegExp(`${codes[0]} already has a profile on row 2`));
      expect(err.issues[5].message).toMatch(/no organization with code "ORG-ZZZZZZ"/);
      expect(err.message).toMatch(/nothing was saved/);
      expect(await t.handle.db.selectFrom('org_profiles').selectAll().execute()).toHaveLength(0);
      expect(await t.handle.db.selectFrom('profile_exits').selectAll().execute()).toHaveLength(0);
    });

    it('accepts a BOM, tab delimiters, CRLF and a quoted newline in the note; replaces on re-import', async () => {
      const text = '\uFEFF' + profileCsv([codes[0], codes[1]], { delimiter: '\t', newline: '\r\n', extra: { headcount_note: '"moved\r\nroles"' } });
      expect(await importProfilesCsv(t.handle.db, waveId, text)).toEqual({ imported: 2, replaced: 0 });
      const org = await t.handle.db.selectFrom('organizations').select('id').where('code', '=', codes[0]).executeTakeFirstOrThrow();
      const a = await getProfile(t.handle.db, waveId, org.id);
      expect(a?.profile).toMatchObject({ status: 'submitted', ed_poc: 1, senior_total: 3, senior_poc: 2, start_other_unknown: 2, headcount_note: 'moved\r\nroles' });
      expect(a?.exits).toHaveLength(6);
      expect(await importProfilesCsv(t.handle.db, waveId, profileCsv([codes[0]]))).toEqual({ imported: 1, replaced: 1 });
    });

    it('requires the headcount columns, and tenure for every departure only when tenure columns are given', async () => {
      const noExits = profileCsv([codes[1]]).split('\n').map((l) => l.split(',').slice(0, -6).join(',')).join('\n');
      expect(await importProfilesCsv(t.handle.db, waveId, noExits)).toEqual({ imported: 1, replaced: 1 });
      const missing = 'org_code,ed_poc\nX,1\n';
      await expect(importProfilesCsv(t.handle.db, waveId, missing)).rejects.toThrow(/missing column\(s\) start_organizer_poc/);
      const partialExits = profileCsv([codes[1]]).replace(/,1\n/, ',0\n');
      await expect(importProfilesCsv(t.handle.db, waveId, partialExits)).rejects.toThrow(/row 2, column exits_other_unknown: The departures by tenure add up to 0, but there were 1 separations/);
    });
  });
}
