// The padding attack of issue #19 on each dialect: an organization's contact plants
// responses through the organization's own links until a small organization reaches k.
// Invites are refused beyond the headcount, open-link answers beyond it (counting the codes
// still out) get a page (or 409 JSON) saying what happened and who to tell, an organization with more responses than
// its headcount gets no report and is flagged on the participation page, and the study
// team's cap outranks a headcount the contact inflates in the profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { setHeadcountCap } from '../../data/repositories/headcount.js';
import { issueInviteBatch, issueInvites } from '../../data/repositories/invites.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { waveParticipation } from '../../data/repositories/participation.js';
import { saveProfile } from '../../data/repositories/profiles.js';
import { insertResponses } from '../../data/repositories/responses.js';
import { createStudy, createWave } from '../../data/repositories/studies.js';
import { InvalidInputError } from '../../data/errors.js';
import { aggregate } from '../../pipeline/aggregate.js';
import { DEFAULT_THRESHOLDS } from '../../pipeline/classify.js';
import { extractWave } from '../../pipeline/extract.js';
import { organizationSummaries } from '../../pipeline/organizations.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';

const ANSWERS = {
  role: 'organizer', tenure_years: 3, fte: 'full', race_white: 1, gender: 'woman', age_band: '35_44',
  org_1: 4, org_2: 4, org_3: 4, org_4: 4, mob_1: 2, mob_2: 2, mob_3: 2, mob_4: 2, sat_1: 2, sat_2r: 2, sat_3: 2,
  looking: 'no', stay_2y: 'yes',
};

type Json = { error: string; message: string };

for (const dialect of DIALECTS) {
  describe(`padding an organization to k (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let studyId = '';
    let waveId = '';
    let n = 0;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const study = await createStudy(t.handle.db, { name: `Padding ${dialect}` });
      studyId = study.id;
      waveId = (await createWave(t.handle.db, { studyId, name: 'Wave', status: 'open', k: 5 })).id;
    });
    afterAll(async () => t.destroy());

    /** A new organization of the study, with its open link and, optionally, a profile's start headcount. */
    async function organization(startHeadcount?: number) {
      n += 1;
      const [org] = await createOrganizations(t.handle.db, [{ studyId, name: `Org ${n}` }]);
      if (startHeadcount !== undefined) {
        await saveProfile(t.handle.db, { wave_id: waveId, organization_id: org.id, status: 'submitted', updated_on: '2026-10-01', start_other_white: startHeadcount });
      }
      const openToken = await createOrgLink(t.handle.db, TEST_SECRET, waveId, org.id, 'open');
      return { ...org, openToken };
    }
    const sendOpen = (token: string) =>
      app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ open_token: token, lang: 'en', answers: ANSWERS }) });
    const sendCode = (code: string) =>
      app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, lang: 'en', answers: ANSWERS }) });
    const stored = async (organizationId: string) =>
      Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('organization_id', '=', organizationId).executeTakeFirstOrThrow()).n);
    const summaryOf = async (code: string) => {
      const sw = aggregate(await extractWave(t.handle.db, waveId), 5, DEFAULT_THRESHOLDS);
      return organizationSummaries(sw).find((o) => o.code === code)!;
    };

    it('refuses invites beyond the headcount, with the reason next to the count', async () => {
      const org = await organization(2);
      const err = await issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 5 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).message).toMatch(/a headcount of 2 in its profile.*Issue at most 2/);
      expect((err as InvalidInputError).issues[0].path).toBe('count');
      expect((await issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 2 })).codes).toHaveLength(2);
      await expect(issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 1 })).rejects.toThrow(/Issue at most 0/);
      // Revoking the unused codes makes room for their replacements, and no more.
      expect((await issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 2, revokeUnused: true })).revoked).toBe(2);
    });

    it('takes no open-link answer beyond the headcount: the fifth planted one is refused and no report appears', async () => {
      const org = await organization(4);
      for (let i = 0; i < 4; i++) expect((await sendOpen(org.openToken)).status).toBe(201);
      const refused = await sendOpen(org.openToken);
      expect(refused.status).toBe(409);
      const body = (await refused.json()) as Json;
      expect(body.error).toBe('headcount_reached');
      expect(body.message).toMatch(/already reach its headcount.*tell the study team/);
      expect(await stored(org.id)).toBe(4);
      // The survey page says so in words, in English and in Spanish, before anyone fills a form.
      const page = await app.request(`/o/${org.openToken}`);
      expect(page.status).toBe(409);
      const html = await page.text();
      expect(html).toContain('This organization cannot take more answers');
      expect(html).toContain('tell the study team');
      expect(html).toContain('nothing was saved');
      const es = await (await app.request(`/o/${org.openToken}?lang=es`)).text();
      expect(es).toContain('Esta organización no puede recibir más respuestas');
      // The contact cannot reach k = 5: four responses give no organization report.
      expect((await summaryOf(org.code)).reportable).toBe(false);
    });

    it('keeps room for unanswered invite codes: the open link fills only what they leave', async () => {
      const org = await organization(4);
      const { codes } = await issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 2 });
      for (let i = 0; i < 2; i++) expect((await sendOpen(org.openToken)).status).toBe(201);
      const full = await sendOpen(org.openToken);
      expect(full.status).toBe(409);
      expect(((await full.json()) as Json).message).toMatch(/unanswered invite codes already reach its headcount/);
      // Both codes still work, on the page and in the API, and the organization ends at its headcount.
      expect((await app.request(`/s/${codes[0]}`)).status).toBe(200);
      for (const code of codes) expect((await sendCode(code)).status).toBe(201);
      expect(await stored(org.id)).toBe(4);
      await expect(issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 1 })).rejects.toThrow(/4 responses and 0 unanswered invite codes.*Issue at most 0/);
      // Raising the cap makes room again.
      await setHeadcountCap(t.handle.db, org.code, 5);
      expect((await sendOpen(org.openToken)).status).toBe(201);
      expect((await sendOpen(org.openToken)).status).toBe(409);
    });

    it('lets a growing organization answer up to its end headcount', async () => {
      const org = await organization(2);
      await t.handle.db.updateTable('org_profiles').set({ end_other_white: 3 }).where('organization_id', '=', org.id).execute();
      for (let i = 0; i < 3; i++) expect((await sendOpen(org.openToken)).status).toBe(201);
      expect((await sendOpen(org.openToken)).status).toBe(409);
    });

    it("holds to the study team's cap when the contact's profile inflates the headcount", async () => {
      const org = await organization(50);
      await setHeadcountCap(t.handle.db, org.code, 3);
      for (let i = 0; i < 3; i++) expect((await sendOpen(org.openToken)).status).toBe(201);
      expect((await sendOpen(org.openToken)).status).toBe(409);
      await expect(issueInviteBatch(t.handle.db, TEST_SECRET, { waveId, orgCode: org.code, count: 4 })).rejects.toThrow(/headcount cap of 3 set by the study team/);
      expect(await stored(org.id)).toBe(3);
    });

    it('gives no organization report, and flags the organization, when responses exceed its headcount', async () => {
      // Six responses already in (planted before the study team set a cap of 4): k is reached, the headcount is not.
      const org = await organization();
      const control = await organization();
      const rows = (organizationId: string, count: number) =>
        Array.from({ length: count }, (_, i) => ({ id: `${organizationId}-${i}`, wave_id: waveId, organization_id: organizationId, received_on: '2026-10-02', instrument_version: 't', lang: 'en' as const, source: 'api' as const, org_1: 4, org_2: 4, org_3: 4, org_4: 4, mob_1: 2, mob_2: 2, mob_3: 2, mob_4: 2 }));
      await insertResponses(t.handle.db, [...rows(org.id, 6), ...rows(control.id, 6)]);
      expect((await summaryOf(org.code)).reportable).toBe(true);
      await setHeadcountCap(t.handle.db, org.code, 4);
      await setHeadcountCap(t.handle.db, control.code, 6);
      const padded = await summaryOf(org.code);
      expect(padded.reportable).toBe(false);
      expect(padded.orientation_index).toBeNull();
      expect(padded.suppressed.join(' ')).toMatch(/more respondents than the organization's headcount/);
      expect((await summaryOf(control.code)).reportable).toBe(true);

      const p = await waveParticipation(t.handle.db, waveId);
      expect(p.organizations.find((o) => o.code === org.code)).toMatchObject({ responses: 6, headcount_cap: 4, headcount_limit: 4, headcount_source: 'cap', over_headcount: true, reaches_k: false });
      expect(p.organizations.find((o) => o.code === control.code)).toMatchObject({ over_headcount: false, reaches_k: true });
      expect(p.totals.over_headcount).toBe(1);
    });

    it('shows and sets the cap on the participation page', async () => {
      const org = await organization(7);
      const { token } = await createAdminToken(t.handle.db, TEST_SECRET, 'officer');
      const login = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const before = await (await app.request(`/admin/waves/${waveId}`, { headers: { cookie } })).text();
      const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(before)![1];
      expect(before).toContain('Headcount cap');
      const rowOf = (html: string) => new RegExp(`<tr><td><code>${org.code}</code></td>.*?</tr>`, 's').exec(html)![0];
      expect(rowOf(before)).toContain('7 (profile)');

      const set = await app.request(`/admin/waves/${waveId}/headcount-cap`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf, org: org.code, headcount_cap: '5' }) });
      expect(set.status).toBe(200);
      const after = await set.text();
      expect(after).toContain(`${org.code} takes at most 5 responses`);
      expect(rowOf(after)).toMatch(/<td>5<\/td>\s*<td>5 \(cap\)<\/td>/);

      const bad = await app.request(`/admin/waves/${waveId}/headcount-cap`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf, org: org.code, headcount_cap: '-3' }) });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('whole number from 1 to 100000');

      // The flag: an organization over its headcount is named on the page.
      expect(after).toMatch(/organization has more responses than staff/);
      expect(after).toContain('over headcount');

      // And through the admin API.
      const api = await app.request(`/api/v1/admin/organizations/${org.code}/headcount-cap`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ headcount_cap: null }) });
      expect(await api.json()).toEqual({ organization_code: org.code, headcount_cap: null });
      const cleared = await (await app.request(`/admin/waves/${waveId}`, { headers: { cookie } })).text();
      expect(rowOf(cleared)).toContain('7 (profile)');
    });
  });
}
