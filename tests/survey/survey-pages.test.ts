// The survey pages through the real Hono app on each dialect: a whole survey from the
// consent page to the stored row, Back and language switches that keep answers, and every
// way in that must fail (unknown, used, revoked, closed, tampered, forged) with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { INSTRUMENT_VERSION } from '../../instrument/version.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { FORM_ANSWERS, hiddenValue, post, seedSurvey, type SurveyFixture } from './survey-fixture.js';

const ORDER = ['work', 'you', 'organizing', 'mobilizing', 'bridge', 'culture', 'decisions', 'satisfaction', 'future', 'leaving', 'comment'];

for (const dialect of DIALECTS) {
  describe(`survey pages (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const logs: string[] = [];
    const app = () => createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: (l) => logs.push(l) });
    const count = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 6 });
    });
    afterAll(async () => t.destroy());

    it('takes a person from consent to a stored response that matches every answer', async () => {
      const a = app();
      let res = await a.request(`/s/${fx.codes[0]}`);
      expect(res.status).toBe(200);
      let html = await res.text();
      expect(html).toContain('at least 5 people');
      expect(res.headers.get('set-cookie')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-inline|https?:/);
      res = await post(a, html, 'start');
      expect(res.headers.get('set-cookie')).toBeNull();
      html = await res.text();
      for (const [i, section] of ORDER.entries()) {
        expect(html).toContain(`Part ${i + 1} of `);
        res = await post(a, html, 'next', FORM_ANSWERS[section]);
        expect(res.status).toBe(200);
        html = await res.text();
      }
      expect(html).toContain('Check your answers');
      expect(html).toContain('More time for one-on-ones would help.');
      expect(await count()).toBe(0);
      res = await post(a, html, 'submit');
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('location')).toBe(`/s/${fx.codes[0]}/done?lang=en`);
      const row = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        role: 'organizer', tenure_years: 4, fte: 'full', race_black: 1, race_latine: 1, race_white: 0, race_decline: 0,
        gender: 'woman', age_band: '35_44', org_1: 5, mob_3: 1, mob_4: null, sat_2r: 2, looking: 'yes', stay_2y: 'unsure',
        leave_reason_pay: 1, leave_reason_workload: 1, leave_reason_culture: 0, comment: 'More time for one-on-ones would help.',
        lang: 'en', source: 'web', instrument_version: INSTRUMENT_VERSION,
      });
      expect(row.received_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const invite = await t.handle.db.selectFrom('invites').select(['used']).where('wave_id', '=', fx.waveId).where('used', '=', 1).execute();
      expect(invite).toHaveLength(1);
      const thanks = await a.request(res.headers.get('location')!);
      expect(await thanks.text()).toContain('Thank you');
      // The code now answers "already used", and nothing more is stored.
      const again = await a.request(`/s/${fx.codes[0]}`);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('already been used');
      expect(await count()).toBe(1);
    });

    it('shows errors linked to their fields, keeps what was typed, and moves on once fixed', async () => {
      const a = app();
      const start = await (await a.request(`/s/${fx.codes[1]}`)).text();
      const first = await (await post(a, start, 'start')).text();
      const bad = await post(a, first, 'next', { tenure_years: '3.5' });
      expect(bad.status).toBe(422);
      const html = await bad.text();
      expect(html).toContain('class="error-summary"');
      expect(html).toContain('href="#f-role-organizer"');
      expect(html).toContain('href="#f-tenure_years"');
      expect(html).toContain('Please enter a whole number from 0 to 60.');
      expect(html).toMatch(/id="f-tenure_years"[^>]*value="3.5"/);
      const fixed = await post(a, html, 'next', { role: 'program', tenure_years: '0', fte: 'part' });
      expect(fixed.status).toBe(200);
      expect(await fixed.text()).toContain('Part 2 of');
    });

    it('keeps every answer through Back and a language switch, and follows Accept-Language', async () => {
      const a = app();
      const start = await (await a.request(`/s/${fx.codes[2]}`, { headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' } })).text();
      expect(start).toContain('<html lang="es"');
      expect(start).toContain('Antes de empezar');
      let html = await (await post(a, start, 'start')).text();
      html = await (await post(a, html, 'next', FORM_ANSWERS.work)).text();
      // Switch to English on the second page with unsaved ticks: they survive.
      html = await (await post(a, html, 'lang:en', { race_asian: '1', gender: 'nonbinary' })).text();
      expect(html).toContain('<html lang="en"');
      expect(html).toMatch(/id="f-race_asian"[^>]*checked/);
      expect(html).toMatch(/id="f-gender-nonbinary"[^>]*checked/);
      html = await (await post(a, html, 'back', { race_asian: '1', gender: 'nonbinary' })).text();
      expect(html).toMatch(/id="f-role-organizer"[^>]*checked/);
      expect(html).toMatch(/id="f-tenure_years"[^>]*value="4"/);
      // ?lang= on the form's URL switches too.
      const es = await a.request(`/s/${fx.codes[2]}?lang=es`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: hiddenValue(html, '_csrf'), _state: hiddenValue(html, '_state'), _action: 'next', ...(FORM_ANSWERS.work as Record<string, string>) }).toString(),
      });
      const esHtml = await es.text();
      expect(esHtml).toContain('Sobre usted');
      expect(esHtml).toMatch(/id="f-race_asian"[^>]*checked/);
    });

    it('skips the reasons for leaving for someone who plans to stay, and words items for organizers', async () => {
      const a = app();
      let html = await (await post(a, await (await a.request(`/s/${fx.codes[3]}`)).text(), 'start')).text();
      const staying: typeof FORM_ANSWERS = { ...FORM_ANSWERS, future: { looking: 'no', stay_2y: 'yes' } };
      const seen: string[] = [];
      for (let i = 0; i < 10 && !html.includes('Check your answers'); i++) {
        const section = ORDER.find((s) => html.includes(`name="_state"`) && html.includes(`f-${Object.keys(staying[s])[0]}`))!;
        seen.push(section);
        if (section === 'decisions') expect(html).toContain('My organizing work is valued');
        html = await (await post(a, html, 'next', staying[section])).text();
      }
      expect(seen).not.toContain('leaving');
      expect(html).toContain('Check your answers');
      const res = await post(a, html, 'submit');
      expect(res.status).toBe(303);
      const row = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', fx.waveId).where('looking', '=', 'no').executeTakeFirstOrThrow();
      expect(row.leave_reason_pay).toBeNull();
      expect(row.race_white).toBe(0);
    });

    it('refuses a tampered form, a missing CSRF token and a cross-site post with a 4xx page, storing nothing', async () => {
      const a = app();
      const before = await count();
      const start = await (await a.request(`/s/${fx.codes[4]}`)).text();
      const page = await (await post(a, start, 'start')).text();
      const state = hiddenValue(page, '_state');
      const [payload, mac] = state.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), step: 'review', answers: { role: 'organizer' } })).toString('base64url');
      const tampered = await a.request(`/s/${fx.codes[4]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
        body: new URLSearchParams({ _csrf: hiddenValue(page, '_csrf'), _state: `${forged}.${mac}`, _action: 'submit' }).toString(),
      });
      expect(tampered.status).toBe(400);
      expect(await tampered.text()).toContain('No pudimos leer sus respuestas');
      // A state signed for another code does not transfer.
      const other = await a.request(`/s/${fx.codes[5]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: hiddenValue(page, '_csrf'), _state: state, _action: 'next' }).toString(),
      });
      expect(other.status).toBe(403);
      const noToken = await a.request(`/s/${fx.codes[4]}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_state=${state}&_action=next` });
      expect(noToken.status).toBe(403);
      const crossSite = await post(a, page, 'next', FORM_ANSWERS.work, { 'sec-fetch-site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      const unknownAction = await post(a, page, 'drop-tables', FORM_ANSWERS.work);
      expect(unknownAction.status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('answers unknown, revoked and closed links with a clear page in the person\'s language', async () => {
      const a = app();
      const unknown = await a.request('/s/NOSUCHCODE99', { headers: { 'accept-language': 'es' } });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('No encontramos este enlace');
      await t.handle.db.updateTable('invites').set({ revoked: 1 }).where('wave_id', '=', fx.waveId).where('used', '=', 0).execute();
      const revoked = await a.request(`/s/${fx.codes[5]}`);
      expect(revoked.status).toBe(410);
      expect(await revoked.text()).toContain('no longer works');
      const closed = await seedSurvey(t.handle.db, { status: 'closed' });
      const res = await a.request(`/s/${closed.codes[0]}?lang=es`);
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('Esta encuesta está cerrada');
      const past = await seedSurvey(t.handle.db, { closesOn: '2020-01-31' });
      expect((await a.request(`/o/${past.openToken}`)).status).toBe(410);
      const draft = await seedSurvey(t.handle.db, { status: 'draft' });
      expect((await a.request(`/s/${draft.codes[0]}`)).status).toBe(403);
    });

    it('takes answers through an open link, once per form even if the last page is sent twice', async () => {
      const a = app();
      const open = await seedSurvey(t.handle.db, { codes: 0 });
      let html = await (await post(a, await (await a.request(`/o/${open.openToken}`)).text(), 'start')).text();
      const plan: typeof FORM_ANSWERS = { ...FORM_ANSWERS, future: { looking: 'no', stay_2y: 'yes' } };
      for (const s of ORDER.filter((s) => s !== 'leaving')) html = await (await post(a, html, 'next', plan[s])).text();
      const sent = await post(a, html, 'submit');
      expect(sent.status).toBe(303);
      expect((await post(a, html, 'submit')).status).toBe(303);
      const thanks = await (await a.request(sent.headers.get('location')!)).text();
      expect(thanks).toContain('send the survey only once');
      expect(thanks).not.toContain('cannot be used again');
      const n = await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', open.waveId).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
      await t.handle.db.updateTable('org_links').set({ enabled: 0 }).where('wave_id', '=', open.waveId).execute();
      expect((await a.request(`/o/${open.openToken}`)).status).toBe(404);
    });

    it('limits a too-large form and repeated unknown codes, and never logs a code', async () => {
      const a = app();
      const fresh = await seedSurvey(t.handle.db, { codes: 1 });
      const start = await (await a.request(`/s/${fresh.codes[0]}`)).text();
      const big = await post(a, start, 'start', { comment: 'x'.repeat(200_000) });
      expect(big.status).toBe(413);
      const limited = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: (l) => logs.push(l) });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await limited.request(`/s/GUESS${String(i).padStart(7, '0')}`)).status);
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Still refused for a real code while the window lasts: guessing cannot be mixed with real tries.
      expect((await limited.request(`/s/${fresh.codes[0]}`)).status).toBe(429);
      const joined = logs.join('\n');
      for (const code of [...fx.codes, ...fresh.codes]) expect(joined).not.toContain(code);
      expect(joined).not.toContain('GUESS');
      // Logged by its route pattern, which holds nothing from the request.
      expect(joined).toContain('GET /s/:ref 404');
    });
  });
}
