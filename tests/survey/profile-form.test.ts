// The secret profile link on both dialects: language, drafts that keep what was typed,
// submissions refused (nothing saved) until every figure is there and adds up, bad links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { STAFF_GROUPS } from '../../data/database.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { getProfile } from '../../data/repositories/profiles.js';
import { closeWave, createStudy, createWave, openWave } from '../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { completeProfileForm } from '../fixtures/admin/profile-csv.js';

for (const dialect of DIALECTS) {
  describe(`profile form (${dialect})`, () => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let path = '';
    let waveId = '';
    let orgId = '';
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) => app.request(path, { method: 'POST', body: new URLSearchParams(form), headers });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const db = t.handle.db;
      app = createApp({ db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
      const study = await createStudy(db, { name: 'S' });
      const wave = await createWave(db, { studyId: study.id, name: 'Fall' });
      await openWave(db, wave.id, { opensOn: '2026-09-01' });
      waveId = wave.id;
      const [org] = await createOrganizations(db, [{ studyId: study.id, name: 'Org A' }]);
      orgId = org.id;
      path = `/p/${await createOrgLink(db, TEST_SECRET, wave.id, org.id, 'profile')}`;
    });
    afterAll(async () => t.destroy());

    it('shows the form in English by default and in Spanish from Accept-Language or ?lang=es', async () => {
      const en = await (await app.request(path)).text();
      expect(en).toMatch(/<html lang="en"/);
      expect(en).toContain('Organization profile');
      const es = await (await app.request(path, { headers: { 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } })).text();
      expect(es).toMatch(/<html lang="es"/);
      expect(es).toContain('Perfil de la organización');
      expect(await (await app.request(`${path}?lang=es`)).text()).toContain('Guardar borrador');
    });

    it('saves a draft with figures that do not add up yet, and shows the problem next to the field on return', async () => {
      const res = await post({ action: 'draft', start_organizer_poc: '2', hires_organizer_poc: '1', sep_organizer_poc: '5', senior_total: '2', senior_poc: '3' });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/Draft saved, but some figures do not add up/);
      const saved = await getProfile(t.handle.db, waveId, orgId);
      expect(saved?.profile).toMatchObject({ status: 'draft', start_organizer_poc: 2, sep_organizer_poc: 5, end_organizer_poc: null });
      const again = await (await app.request(path)).text();
      expect(again).toMatch(/id="sep_organizer_poc-error"[^>]*>Separations \(5\) cannot exceed the start headcount plus hires \(3\)/);
      expect(again).toMatch(/id="senior_poc-error"[^>]*>People of color \(3\) cannot exceed the total \(2\)/);
      expect(again).toMatch(/id="start_organizer_poc"[^>]*value="2"/);
    });

    it('refuses a post from another site (CSRF) in the person\'s language and saves nothing', async () => {
      const before = JSON.stringify(await getProfile(t.handle.db, waveId, orgId));
      for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'https://evil.example', 'Accept-Language': 'es' }] as Record<string, string>[]) {
        const res = await post({ action: 'submit', ...completeProfileForm() }, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(await res.text()).toMatch(headers.Origin ? /otro sitio web/ : /sent from another website/);
      }
      expect(JSON.stringify(await getProfile(t.handle.db, waveId, orgId))).toBe(before);
      // The same draft as before, from the page itself: accepted, and the saved draft unchanged.
      const same = await post({ action: 'draft', start_organizer_poc: '2', hires_organizer_poc: '1', sep_organizer_poc: '5', senior_total: '2', senior_poc: '3' }, { 'Sec-Fetch-Site': 'same-origin' });
      expect(same.status).toBe(200);
    });

    it('refuses unreadable values even in a draft, keeping the saved draft unchanged', async () => {
      const res = await post({ action: 'draft', start_organizer_poc: 'lots', self_org_1: '9' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/class="error-summary"/);
      expect(html).toMatch(/href="#start_organizer_poc">&quot;lots&quot; is not a count/);
      expect(html).toMatch(/href="#self_org_1">&quot;9&quot; is not on the scale/);
      expect((await getProfile(t.handle.db, waveId, orgId))?.profile.start_organizer_poc).toBe(2);
    });

    it('refuses a submission that is incomplete or inconsistent, with messages in Spanish when asked', async () => {
      const f = completeProfileForm();
      f.end_other_white = '7';
      f.exit_organizer_white_2 = '0';
      delete f.start_other_unknown;
      const res = await post({ ...f, action: 'submit', lang: 'es' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toMatch(/Inicial \+ contrataciones − salidas da 3, pero el personal final es 7/);
      expect(html).toMatch(/Las salidas por antigüedad suman 0, pero hubo 1 salidas/);
      expect(html).toMatch(/href="#start_other_unknown">Obligatorio para enviar/);
      expect(html).toMatch(/href="#exit_organizer_white_0"/);
      expect((await getProfile(t.handle.db, waveId, orgId))?.profile.status).toBe('draft');
    });

    it('accepts an end headcount that differs when a note explains it, and submits a complete profile with its exits', async () => {
      const f = completeProfileForm();
      f.end_other_white = '4';
      f.headcount_note = 'One person moved from organizing to operations.';
      const res = await post({ ...f, action: 'submit' });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/the profile is submitted/);
      const saved = await getProfile(t.handle.db, waveId, orgId);
      expect(saved?.profile).toMatchObject({ status: 'submitted', ed_poc: 1, end_other_white: 4, senior_poc: 3, self_org_1: 4, self_mob_1: null });
      expect(saved?.exits.map((e) => `${e.staff_group}:${e.tenure_band}:${e.count}`).sort()).toEqual(STAFF_GROUPS.map((g) => `${g}:2:1`).sort());
      const again = await (await app.request(path)).text();
      expect(again).toMatch(/Status: submitted/);
      expect(again).toMatch(/name="ed_race" value="poc" checked/);
    });

    it('answers a wrong, replaced or malformed link with 404, and a closed wave with 409', async () => {
      expect((await app.request('/p/0000000000000000000000AA')).status).toBe(404);
      expect((await app.request('/p/short')).status).toBe(404);
      const oldPath = path;
      path = `/p/${await createOrgLink(t.handle.db, TEST_SECRET, waveId, orgId, 'profile')}`;
      const old = await app.request(oldPath);
      expect(old.status).toBe(404);
      expect(await old.text()).toMatch(/replaced by a newer one/);
      await closeWave(t.handle.db, waveId, { closesOn: '2026-12-01' });
      const closed = await post({ ...completeProfileForm(), action: 'submit' });
      expect(closed.status).toBe(409);
      expect((await getProfile(t.handle.db, waveId, orgId))?.profile.end_other_white).toBe(4);
    });
  });
}
