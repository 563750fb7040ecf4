// Attacks on the respondent export (issue #18): "our part-timer" looked up by full/part time
// (fte was released raw, not a quasi-identifier), and exports of one wave at k = 5, 6, 7, 8
// and 10 combined to give back values each withheld. The quasi-identifiers come from the
// codebook's disclosure roles, so one added later is covered without touching the export.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRow } from '../../data/database.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeExports } from '../../exchange/export/index.js';
import { SUPPRESSED, suppressToK, suppressToKMonotone } from '../../exchange/export/k-anonymity.js';
import { exportQuasiIdentifiers } from '../../exchange/export/quasi-identifiers.js';
import { emptyRespondentStats, respondentRows } from '../../exchange/export/respondents.js';
import { releasedItems } from '../../exchange/export/respondents-spec.js';
import { DISCLOSURE_ROLES, quasiIdentifierVariables, VARIABLES, type Variable } from '../../instrument/codebook.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Results } from '../../pipeline/results.js';
import { createTestDatabase, DIALECTS, tempDir, type TestDatabase } from '../helpers/databases.js';
import { readCsv } from '../exchange/export/table-schema.js';

const QI_COLUMNS = ['org_code', ...exportQuasiIdentifiers().map((q) => q.name)];
const keyOf = (row: Record<string, string>) => QI_COLUMNS.map((q) => (row[`${q}_suppressed`] === '1' ? '*' : row[q])).join('|');

describe('disclosure roles in the codebook', () => {
  it('gives every variable a role; the demographics, tenure and full/part time are quasi-identifiers; typed words are free text', () => {
    for (const v of VARIABLES) expect(DISCLOSURE_ROLES, v.name).toContain(v.disclosure);
    const qis = quasiIdentifierVariables().map((v) => v.name);
    for (const name of ['role', 'tenure_years', 'fte', 'gender', 'age_band', 'race_black', 'race_white', 'race_decline']) expect(qis).toContain(name);
    for (const name of ['comment', 'race_self', 'gender_self']) expect(VARIABLES.find((v) => v.name === name)!.disclosure).toBe('free-text');
    expect(VARIABLES.find((v) => v.name === 'sat_1')!.disclosure).toBe('sensitive');
  });

  it('the export covers every quasi-identifier the codebook marks, and releases none of them raw', () => {
    const covered = new Set(exportQuasiIdentifiers().flatMap((q) => q.from));
    for (const v of quasiIdentifierVariables()) expect(covered.has(v.name), v.name).toBe(true);
    expect(exportQuasiIdentifiers().map((q) => q.name)).toContain('fte');
    for (const v of releasedItems()) expect(v.disclosure).toBe('sensitive');
  });

  it('a demographic added to the codebook later is a quasi-identifier of the export without any other change', () => {
    const disability: Variable = { name: 'disability', type: { kind: 'category', values: ['yes', 'no', 'prefer_not'] }, disclosure: 'quasi-identifier' };
    const codebook = [...VARIABLES, disability];
    const qis = exportQuasiIdentifiers(codebook);
    expect(qis.map((q) => q.name)).toContain('disability');
    expect(releasedItems(qis, codebook).map((v) => v.name)).not.toContain('disability');
    // One person answers "yes" in an organization of 8: without suppression they are found.
    const responses = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, role: 'organizer', fte: 'full', gender: 'woman', age_band: '25_34', tenure_years: 2, race_black: 1, disability: i === 0 ? 'yes' : 'no' })) as unknown as ResponseRow[];
    const rows = respondentRows({ code: 'ORG', responses }, 5, emptyRespondentStats(qis), qis);
    const yes = rows.filter((r) => r.disability === 'yes');
    expect(yes).toEqual([]);
    expect(rows[0].disability_suppressed).toBe(1);
  });
  it('refuses a free-text quasi-identifier with no band (it could not be made k-anonymous)', () => {
    const bad: Variable = { name: 'hometown', type: { kind: 'text', maxLength: 100 }, disclosure: 'quasi-identifier' };
    expect(() => exportQuasiIdentifiers([...VARIABLES, bad])).toThrow(/hometown is marked quasi-identifier but is free text/);
  });
});

describe('suppressToKMonotone (property)', () => {
  const table = fc.array(fc.record({ a: fc.constantFrom('x', 'y', 'z', null), b: fc.constantFrom('p', 'q'), c: fc.constantFrom('1', '2', '3', '4') }), { minLength: 10, maxLength: 60 });
  it('is k-anonymous, and a higher k withholds a superset of what a lower k withheld', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 4 }), (rows, k1, step) => {
        const k2 = Math.min(k1 + step, rows.length);
        if (rows.length < k1 || k2 <= k1) return;
        const order = ['c', 'a', 'b'] as const;
        const low = suppressToKMonotone(rows, order, k1);
        const high = suppressToKMonotone(rows, order, k2);
        for (const [k, res] of [[k1, low], [k2, high]] as const) {
          const sizes = new Map<string, number>();
          for (const r of res.rows) sizes.set(JSON.stringify(order.map((q) => r[q])), (sizes.get(JSON.stringify(order.map((q) => r[q]))) ?? 0) + 1);
          expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(k);
        }
        low.rows.forEach((r, i) => {
          for (const q of order) if (r[q] === SUPPRESSED) expect(high.rows[i][q]).toBe(SUPPRESSED);
        });
      }),
      { numRuns: 300 },
    );
  });
  it('the plain top-down pass is not monotone on its own: the chain is what makes it so', () => {
    let found = false;
    fc.assert(
      fc.property(table, (rows) => {
        if (rows.length < 6) return;
        const order = ['c', 'a', 'b'] as const;
        const five = suppressToK(rows, order, 5);
        const six = suppressToK(rows, order, 6);
        five.rows.forEach((r, i) => {
          for (const q of order) if (r[q] === SUPPRESSED && six.rows[i][q] !== SUPPRESSED) found = true;
        });
      }),
      { numRuns: 300 },
    );
    expect(found).toBe(true);
  });
});

for (const dialect of DIALECTS) {
  describe(`respondent export attacks (${dialect})`, () => {
    let t: TestDatabase;
    let waveId: string;
    let results: Results;
    let partTimerOrg: string;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const s = await writeSyntheticStudy(t.handle.db, { orgs: 16, staffMin: 4, staffMax: 30, seed: 77, k: 5 });
      waveId = s.waveId;
      const db = t.handle.db;
      // "Our part-timer": in an organization of 6 to 12, exactly one respondent works part time.
      const sizes = await db.selectFrom('responses').select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')]).where('wave_id', '=', waveId).groupBy('organization_id').execute();
      partTimerOrg = sizes.find((r) => Number(r.n) >= 6 && Number(r.n) <= 12)!.organization_id;
      const ids = await db.selectFrom('responses').select('id').where('organization_id', '=', partTimerOrg).orderBy('id').execute();
      await db.updateTable('responses').set({ fte: 'full' }).where('organization_id', '=', partTimerOrg).execute();
      await db.updateTable('responses').set({ fte: 'part' }).where('id', '=', ids[2].id).execute();
      results = (await runPipeline({ waveId, outDir: tempDir('rootwork-qi-run-') }, { db, log: () => {} })).results;
    }, 120_000);
    afterAll(async () => t?.destroy());

    it('"our part-timer": no combination of organization and quasi-identifiers, fte included, holds fewer than k rows', async () => {
      const out = tempDir('rootwork-qi-');
      const r = await writeExports(t.handle.db, { waveId, outDir: out, results });
      const rows = readCsv(path.join(out, 'respondents.csv'));
      const groups = new Map<string, number>();
      for (const row of rows) groups.set(keyOf(row), (groups.get(keyOf(row)) ?? 0) + 1);
      expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(5);
      const code = (await t.handle.db.selectFrom('organizations').select('code').where('id', '=', partTimerOrg).executeTakeFirstOrThrow()).code;
      const theirs = rows.filter((row) => row.org_code === code);
      expect(theirs.length).toBeGreaterThanOrEqual(6);
      // The one part-timer is not findable: no released row says "part" in their organization.
      expect(theirs.filter((row) => row.fte === 'part')).toEqual([]);
      // Whoever the attacker thinks it is, at least k rows fit (part time or blanked).
      expect(theirs.filter((row) => row.fte === 'part' || row.fte_suppressed === '1').length).toBeGreaterThanOrEqual(5);
      expect(r.disclosure.respondents.quasi_identifiers).toContain('fte');
      expect(r.disclosure.respondents.suppressed_values.fte).toBeGreaterThanOrEqual(1);
      expect(r.disclosure.respondents.suppressed_share.fte).toBeGreaterThan(0);
      expect(r.disclosure.respondents.monotone.from_k).toBe(3);
      // codebook.csv tells the analyst each column's role.
      const cb = readCsv(path.join(out, 'codebook.csv')).filter((c) => c.file === 'respondents.csv');
      for (const name of ['fte', 'race_group', 'role_group', 'tenure_group']) expect(cb.find((c) => c.name === name)!.disclosure_role, name).toBe('quasi-identifier');
      expect(cb.find((c) => c.name === 'sat_1')!.disclosure_role).toBe('sensitive');
    });

    it('exports of one wave at k = 5, 6, 7, 8, 10 combined give back no value the k = 5 export withheld', async () => {
      const byK = new Map<number, Map<string, Record<string, string>>>();
      for (const k of [5, 6, 7, 8, 10]) {
        const out = tempDir('rootwork-qi-k-');
        await writeExports(t.handle.db, { waveId, outDir: out, results, k });
        // Rows come out in a stable order (organization, then random id): the n-th row of an
        // organization is the same person in every export, as an attacker matching answers would find.
        const seen = new Map<string, number>();
        const rows = new Map<string, Record<string, string>>();
        for (const row of readCsv(path.join(out, 'respondents.csv'))) {
          const i = seen.get(row.org_code) ?? 0;
          seen.set(row.org_code, i + 1);
          rows.set(`${row.org_code}#${i}`, row);
        }
        byK.set(k, rows);
      }
      let withheldAtFive = 0;
      let recovered = 0;
      for (const [id, row] of byK.get(5)!) {
        for (const q of QI_COLUMNS.slice(1)) {
          if (row[`${q}_suppressed`] !== '1') continue;
          withheldAtFive++;
          for (const k of [6, 7, 8, 10]) {
            const other = byK.get(k)!.get(id);
            if (other && other[`${q}_suppressed`] !== '1') recovered++;
          }
        }
      }
      expect(withheldAtFive).toBeGreaterThan(20);
      expect(recovered).toBe(0);
    }, 120_000);
  });
}
