// `rootwork admin` on both dialects, run in-process through the real CLI entry (main) with
// real database URLs and files: a whole study set up from the terminal, and one clear
// stderr line with a non-zero exit for every mistake, with nothing half-written.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { verifyAdminToken } from '../../data/repositories/admin-tokens.js';
import { findInvite } from '../../data/repositories/invites.js';
import { findOrgLink } from '../../data/repositories/links.js';
import { createTestDatabase, DIALECTS, tempDir, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { profileCsv } from '../fixtures/admin/profile-csv.js';

for (const dialect of DIALECTS) {
  describe(`rootwork admin (${dialect})`, () => {
    let t: TestDatabase;
    const dir = tempDir();
    async function rootwork(...argv: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['admin', ...argv], { env: { DATABASE_URL: t.url, ROOTWORK_SECRET: TEST_SECRET, PORT: '8123' }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false });
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    }
    async function fails(args: string[], message: RegExp) {
      const r = await rootwork(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      return r;
    }
    const file = (name: string, text: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    };

    beforeAll(async () => { t = await createTestDatabase(dialect); });
    afterAll(async () => t.destroy());

    it('creates a token shown once (only its hash stored), lists and revokes it', async () => {
      const r = await rootwork('create-token', '--label', 'program officer');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^rwa_[0-9A-Z]{32}$/);
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, r.stdout)).toBeDefined();
      const stored = await t.handle.db.selectFrom('admin_tokens').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(r.stdout);
      expect((await rootwork('list-tokens')).stdout).toMatch(/program officer\t\d{4}-\d{2}-\d{2}\t$/m);
      await fails(['create-token', '--label', 'program officer'], /already labelled/);
      expect((await rootwork('revoke-token', 'program officer')).code).toBe(0);
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, r.stdout)).toBeUndefined();
      await fails(['revoke-token', 'program officer'], /No active admin token/);
      await fails(['create-token'], /--label is required/);
    });

    it('gives a study the time zone named with --time-zone, else ROOTWORK_TIME_ZONE, and refuses one it does not know', async () => {
      expect((await rootwork('create-study', '--name', 'Zoned', '--time-zone', 'America/Los_Angeles')).code).toBe(0);
      await fails(['create-study', '--name', 'Badly zoned', '--time-zone', 'California'], /time_zone: "California" is not a time zone this server knows: give an IANA name such as America\/Los_Angeles/);
      const out: string[] = [];
      const code = await main(['admin', 'create-study', '--name', 'Defaulted'], { env: { DATABASE_URL: t.url, ROOTWORK_SECRET: TEST_SECRET, ROOTWORK_TIME_ZONE: 'Europe/Madrid' }, out: (l) => out.push(l), err: () => {}, interactive: false });
      expect(code).toBe(0);
      const listed = (await rootwork('list-studies')).stdout;
      expect(listed).toMatch(/^id\tname\ttime_zone\tcreated_on$/m);
      expect(listed).toMatch(/\tZoned\tAmerica\/Los_Angeles\t/);
      expect(listed).toMatch(/\tDefaulted\tEurope\/Madrid\t/);
      expect(listed).not.toMatch(/Badly zoned/);
      await fails(['set-time-zone', '--study', 'Zoned', '--time-zone', 'Los Angeles'], /"Los Angeles" is not a time zone this server knows/);
      const changed = await rootwork('set-time-zone', '--study', 'Zoned', '--time-zone', 'america/new_york');
      expect(changed.code).toBe(0);
      expect(changed.stderr).toMatch(/now keeps days in America\/New_York/);
      expect((await rootwork('list-studies')).stdout).toMatch(/\tZoned\tAmerica\/New_York\t/);
    });

    it('sets up a study, a wave and organizations, refusing bad dates and duplicate names', async () => {
      const study = await rootwork('create-study', '--name', 'Grantees 2026');
      expect(study.code).toBe(0);
      await fails(['create-wave', '--study', 'Grantees 2026', '--name', 'Fall', '--opens', '2026-13-01'], /"2026-13-01" is not a date/);
      await fails(['create-wave', '--study', 'Grantees 2026', '--name', 'Fall', '--opens', '2026-10-01', '--closes', '2026-09-01'], /closes \(2026-09-01\) before it opens/);
      await fails(['create-wave', '--study', 'Nope', '--name', 'Fall'], /No study with id or name "Nope"/);
      expect((await rootwork('create-wave', '--study', 'Grantees 2026', '--name', 'Fall', '--k', '5')).code).toBe(0);
      expect((await rootwork('open-wave', '--wave', 'Fall', '--opens', '2026-09-01')).code).toBe(0);
      await fails(['raise-k', '--wave', 'Fall', '--k', '4'], /never lowered/);
      const add = await rootwork('add-org', '--study', 'Grantees 2026', '--name', 'Harbor Project', '--region', 'West');
      expect(add.stdout).toMatch(/^ORG-[0-9A-Z]{6}$/);
      await fails(['add-org', '--study', 'Grantees 2026', '--name', 'HARBOR PROJECT'], /already has an organization named/);
      const csv = file('orgs.csv', '\uFEFFname;region\r\n"Two\r\nLines";South\r\nThird Org;East\r\n');
      const imported = await rootwork('import-orgs', '--study', 'Grantees 2026', csv);
      expect(imported.code).toBe(0);
      expect(imported.stdout.split('\n')).toHaveLength(3);
      await fails(['import-orgs', '--study', 'Grantees 2026', file('bad.csv', 'name\nNew One\nThird Org\n')], /row 3, column name: the study already has/);
      await fails(['import-orgs', '--study', 'Grantees 2026', path.join(dir, 'missing.csv')], /Cannot read .*no such file/);
      const list = await rootwork('list-orgs', '--study', 'Grantees 2026');
      expect(list.stdout.split('\n')).toHaveLength(4);
      expect(list.stdout).not.toContain('New One');
    });

    it('writes the invite CSV once, to stdout or a private file, and hands out links', async () => {
      const code = (await rootwork('list-orgs', '--study', 'Grantees 2026')).stdout.split('\n')[1].split('\t')[0];
      const r = await rootwork('invites', '--wave', 'Fall', '--org', code, '--count', '4');
      expect(r.code).toBe(0);
      const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true }).data;
      expect(rows).toHaveLength(4);
      expect(rows[0].survey_link).toBe(`http://localhost:8123/s/${rows[0].invite_code}`);
      const out = path.join(dir, 'invites.csv');
      const second = await rootwork('invites', '--wave', 'Fall', '--org', code, '--count', '2', '--revoke-unused', '--out', out, '--base-url', 'https://survey.example.org/');
      expect(second.stderr).toMatch(/4 unused earlier codes revoked/);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(out, 'utf8')).toMatch(/https:\/\/survey\.example\.org\/s\/[0-9A-Z]{12}/);
      expect((await findInvite(t.handle.db, TEST_SECRET, rows[0].invite_code)).status).toBe('revoked');
      await fails(['invites', '--wave', 'Fall', '--org', code, '--count', '1', '--out', out], /already exists/);
      await fails(['invites', '--wave', 'Fall', '--org', 'ORG-NOSUCH', '--count', '1'], /No organization with code ORG-NOSUCH/);
      await fails(['invites', '--wave', 'Fall', '--org', code, '--count', 'ten'], /--count must be a whole number/);
      const open = await rootwork('open-link', '--wave', 'Fall', '--org', code);
      expect(await findOrgLink(t.handle.db, TEST_SECRET, open.stdout.split('/o/')[1], 'open')).toBeDefined();
      const profile = await rootwork('profile-link', '--wave', 'Fall', '--org', code);
      expect(profile.stdout).toMatch(/^http:\/\/localhost:8123\/p\/[0-9A-Z]{24}$/);
    });

    it('imports profiles all or none and shows participation', async () => {
      const codes = (await rootwork('list-orgs', '--study', 'Grantees 2026')).stdout.split('\n').slice(1).map((l) => l.split('\t')[0]);
      await fails(['import-profiles', '--wave', 'Fall', file('p-bad.csv', profileCsv([codes[0], codes[1]], { sepOver: codes[1] }))], /row 3, column sep_organizer_poc: Separations \(9\)/);
      expect(await t.handle.db.selectFrom('org_profiles').selectAll().execute()).toHaveLength(0);
      const ok = await rootwork('import-profiles', '--wave', 'Fall', file('p.csv', profileCsv([codes[0]], { delimiter: ';' })));
      expect(ok.code).toBe(0);
      const p = JSON.parse((await rootwork('participation', '--wave', 'Fall', '--json')).stdout);
      const first = p.organizations.find((o: { code: string }) => o.code === codes[0]);
      expect(first).toMatchObject({ profile: 'submitted', headcount: 12, invites_issued: 6, invites_revoked: 4, open_link: true });
      expect((await rootwork('participation', '--wave', 'Fall')).stdout.split('\n')[0]).toMatch(/^code\tname\tresponses\theadcount/);
    });

    it('closes the wave no earlier than it opened, then refuses new invites', async () => {
      await fails(['close-wave', '--wave', 'Fall', '--on', '2026-08-01'], /would close \(2026-08-01\) before it opened \(2026-09-01\)/);
      expect((await rootwork('close-wave', '--wave', 'Fall', '--on', '2026-11-30')).code).toBe(0);
      const code = (await rootwork('list-orgs', '--study', 'Grantees 2026')).stdout.split('\n')[1].split('\t')[0];
      await fails(['invites', '--wave', 'Fall', '--org', code, '--count', '1'], /is closed/);
      await fails(['frobnicate'], /unknown subcommand "frobnicate"/);
    });
  });
}
