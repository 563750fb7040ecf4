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
      // Each summary entry names its field (a table cell by its row and column) before the message.
      expect(html).toMatch(/href="#start_organizer_poc"><span class="field-name">Organizers, people of color: Start headcount<\/span> — &quot;lots&quot; is not a count/);
      expect(html).toMatch(/href="#self_org_1"><span class="field-name">We build relationships[^<]*<\/span> — &quot;9&quot; is not on the scale/);
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
      expect(html).toMatch(/href="#start_other_unknown"><span class="field-name">Otro personal, raza desconocida<\/span> — faltan: personal inicial\./);
      expect(html).toContain('Para enviar se necesitan todas las cifras del personal');
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

    it('lists an empty submission as a few grouped entries, each naming its field and linking to it', async () => {
      const res = await post({ action: 'submit' });
      expect(res.status).toBe(422);
      const html = await res.text();
      const box = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)![0];
      const entries = [...box.matchAll(/<li><a href="#([^"]+)"><span class="field-name">([^<]+)<\/span> — ([^<]+)<\/a><\/li>/g)];
      // The executive director's race, then one entry per staff group for its missing figures.
      expect(entries.map((e) => e[2])).toEqual([
        'How does your executive director identify?',
        'Organizers, people of color', 'Organizers, white', 'Organizers, race unknown',
        'Other staff, people of color', 'Other staff, white', 'Other staff, race unknown',
      ]);
      expect(entries.map((e) => e[1])).toEqual(['ed_race_poc', ...STAFF_GROUPS.map((g) => `start_${g}`)]);
      for (const [, id] of entries) expect(html).toContain(`id="${id}"`);
      expect(entries[1][3]).toBe('missing: start headcount, hires, separations and end headcount.');
      // What to do about all of them is said once; the choice asks for a choice, not a number.
      expect(box.match(/enter 0 where there were none/g)).toHaveLength(1);
      expect(entries[0][3]).toMatch(/^Required to submit: choose one/);
      // Grouped under the parts of the form they belong to.
      expect([...box.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['Executive director', 'Staff over the last 12 months']);
      // Next to each empty cell, a short note (its row and the summary say the rest).
      expect(html).toMatch(/id="end_other_unknown-error" class="error">Enter a number \(0 if none\)\.<\/p>/);
    });

    it('refuses a body larger than a survey form with a page in the form\'s language, saving nothing', async () => {
      const before = JSON.stringify(await getProfile(t.handle.db, waveId, orgId));
      const big = new URLSearchParams({ action: 'draft', headcount_note: 'x'.repeat(200 * 1024) }).toString();
      const res = await app.request(`${path}?lang=es`, { method: 'POST', body: big, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) } });
      expect(res.status).toBe(413);
      const html = await res.text();
      expect(html).toMatch(/<html lang="es"/);
      expect(html).toContain('Este formulario es demasiado grande');
      // A stream without a length is cut off at the limit too.
      const chunks = new ReadableStream({ start(ctl) { for (let i = 0; i < 40; i++) ctl.enqueue(new TextEncoder().encode('headcount_note=' + 'y'.repeat(8 * 1024))); ctl.close(); } });
      const streamed = await app.request(path, { method: 'POST', body: chunks, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(JSON.stringify(await getProfile(t.handle.db, waveId, orgId))).toBe(before);
      // The form posts to its own link with its language, so a refusal speaks it.
      expect(await (await app.request(`${path}?lang=es`)).text()).toContain(`action="${path}?lang=es"`);
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
