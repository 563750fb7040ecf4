// What a person taking the survey runs into, on each dialect: a tab left open for days still
// sends (and a month-old page comes back with its answers instead of a 403); refusals speak
// the survey's language, not the browser's; mistyped addresses get a page; "Change" on the
// review returns to the review; and "Part n of total" never goes backwards or grows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { csrfToken } from '../../survey/middleware/csrf.js';
import { entryScope } from '../../survey/respond/entry.js';
import { closeWave } from '../../data/repositories/studies.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { FORM_ANSWERS, formAction, hiddenValue, post, seedSurvey, type SurveyFixture } from './survey-fixture.js';

const DAY = 86_400_000;
const ORDER = ['work', 'you', 'organizing', 'mobilizing', 'bridge', 'culture', 'decisions', 'satisfaction', 'future', 'leaving', 'comment'];

/** The page's form with its CSRF token replaced by one issued `days` ago. */
function agedPage(html: string, code: string, days: number): string {
  const token = csrfToken(TEST_SECRET, entryScope(TEST_SECRET, { kind: 'invite', code }), Date.now() - days * DAY);
  return html.replace(/name="_csrf" value="[^"]*"/, `name="_csrf" value="${token}"`);
}

const progress = (html: string) => {
  const m = /Parte? (\d+) (?:of|de) (\d+)/.exec(html);
  return m ? { n: Number(m[1]), total: Number(m[2]) } : null;
};
const sectionOf = (html: string) => ORDER.find((s) => html.includes(`id="f-${Object.keys(FORM_ANSWERS[s])[0]}`));

for (const dialect of DIALECTS) {
  describe(`survey rough edges (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const app = () => createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
    const count = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 10 });
    });
    afterAll(async () => t.destroy());

    async function toReview(a: ReturnType<typeof app>, code: string, answers = FORM_ANSWERS) {
      let html = await (await post(a, await (await a.request(`/s/${code}`)).text(), 'start')).text();
      const steps: { n: number; total: number }[] = [];
      for (let i = 0; i < 12 && !html.includes('Check your answers'); i++) {
        steps.push(progress(html)!);
        html = await (await post(a, html, 'next', answers[sectionOf(html)!])).text();
      }
      expect(html).toContain('Check your answers');
      return { html, steps };
    }

    it('sends a page left open for two days', async () => {
      const a = app();
      const start = await (await a.request(`/s/${fx.codes[0]}`)).text();
      const first = await (await post(a, start, 'start')).text();
      const res = await post(a, agedPage(first, fx.codes[0], 2), 'next', FORM_ANSWERS.work);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Part 2 of');
    });

    it('shows a month-old page again with its answers and what to do, storing nothing; it then sends', async () => {
      const a = app();
      const start = await (await a.request(`/s/${fx.codes[1]}?lang=es`)).text();
      const first = await (await post(a, start, 'start')).text();
      const before = await count();
      const res = await post(a, agedPage(first, fx.codes[1], 45), 'next', { role: 'organizer', tenure_years: '7', fte: 'part' }, { 'accept-language': 'en' });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="es"');
      expect(html).toContain('Esta página estuvo abierta mucho tiempo');
      expect(html).toMatch(/id="f-tenure_years"[^>]*value="7"/);
      expect(html).toMatch(/id="f-fte-part"[^>]*checked/);
      expect(progress(html)?.n).toBe(1);
      expect(await count()).toBe(before);
      const again = await post(a, html, 'next', { role: 'organizer', tenure_years: '7', fte: 'part' });
      expect(again.status).toBe(200);
      expect(progress(await again.text())?.n).toBe(2);
    });

    it('says the survey closed, rather than "too old", when a month-old page comes after the close', async () => {
      const closing = await seedSurvey(t.handle.db, { codes: 1 });
      const a = app();
      const first = await (await post(a, await (await a.request(`/s/${closing.codes[0]}`)).text(), 'start')).text();
      await closeWave(t.handle.db, closing.waveId, { closesOn: new Date().toISOString().slice(0, 10) });
      const res = await post(a, agedPage(first, closing.codes[0], 45), 'next', { ...FORM_ANSWERS.work, tenure_years: '13' });
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('This survey is closed');
      // What the person had entered on that page is shown for them to copy, not lost unseen.
      expect(html).toContain('What you had entered');
      expect(html).toMatch(/<dd>13<\/dd>/);
      expect(html).not.toContain('id="k-you"');
    });

    it('keeps the answers on the page when the wave closes before the final submit, storing nothing', async () => {
      const closing = await seedSurvey(t.handle.db, { codes: 1 });
      const a = app();
      const { html } = await toReview(a, closing.codes[0], { ...FORM_ANSWERS, work: { ...FORM_ANSWERS.work, tenure_years: '17' } });
      const before = await count();
      await closeWave(t.handle.db, closing.waveId, { closesOn: new Date().toISOString().slice(0, 10) });
      const res = await post(a, html, 'submit');
      expect(res.status).toBe(410);
      const page = await res.text();
      expect(page).toContain('This survey is closed');
      expect(page).toContain('What you had entered');
      expect(page).toMatch(/<dd>17<\/dd>/);
      expect(await count()).toBe(before);
    });

    it('shows no answers for a guessed code, whatever the form carries', async () => {
      const a = app();
      const { html } = await toReview(a, fx.codes[5]);
      const res = await a.request('/s/ZZZZZZZZZZZZ', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: hiddenValue(html, '_csrf'), _state: hiddenValue(html, '_state'), _action: 'submit' }).toString() });
      expect(res.status).not.toBe(200);
      expect(await res.text()).not.toContain('What you had entered');
    });

    it('refuses in the survey\'s language (not the browser\'s) and keeps it on the way back to the start', async () => {
      const a = app();
      const start = await (await a.request(`/s/${fx.codes[2]}?lang=es`)).text();
      const first = await (await post(a, start, 'start')).text();
      expect(formAction(first)).toBe(`/s/${fx.codes[2]}?lang=es`);
      const english = { 'accept-language': 'en-US,en;q=0.9' };
      // Too large to read: the address still says Spanish.
      const big = `_action=next&comment=${'x'.repeat(200 * 1024)}`;
      const tooLarge = await a.request(formAction(first), { method: 'POST', headers: { ...english, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) }, body: big });
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.text()).toContain('<html lang="es"');
      // A forged token (not merely old) is refused, in Spanish, with a way back that stays Spanish.
      const forged = await post(a, first.replace(/name="_csrf" value="[^"]*"/, 'name="_csrf" value="x.1.y"'), 'next', FORM_ANSWERS.work, english);
      expect(forged.status).toBe(403);
      const forgedHtml = await forged.text();
      expect(forgedHtml).toContain('<html lang="es"');
      expect(forgedHtml).toContain(`href="/s/${fx.codes[2]}?lang=es"`);
      const tampered = await post(a, first.replace(/name="_state" value="[^"]*"/, 'name="_state" value="bad.sig"'), 'next', FORM_ANSWERS.work, english);
      expect(tampered.status).toBe(400);
      expect(await tampered.text()).toContain('No pudimos leer sus respuestas');
    });

    it('answers /s, /s/, a trailing slash and a capital S with a page or the right address', async () => {
      const a = app();
      expect((await a.request('/S')).headers.get('location')).toBe('/s');
      for (const path of ['/s', '/s/', '/o/']) {
        const res = await a.request(path, { headers: { 'accept-language': 'es' } });
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
        expect(await res.text(), path).toContain('le falta el código de la encuesta');
      }
      const slash = await a.request(`/s/${fx.codes[3]}/?lang=es`);
      expect(slash.status).toBe(301);
      expect(slash.headers.get('location')).toBe(`/s/${fx.codes[3]}?lang=es`);
      const capital = await a.request(`/S/${fx.codes[3]}`);
      expect(capital.status).toBe(301);
      expect(capital.headers.get('location')).toBe(`/s/${fx.codes[3]}`);
      expect((await a.request(capital.headers.get('location')!)).status).toBe(200);
      const openSlash = await a.request(`/O/${fx.openToken}/`);
      expect(openSlash.headers.get('location')).toBe(`/o/${fx.openToken}`);
    });

    it('says "your answers were saved" only for a code that was used', async () => {
      const a = app();
      const unknown = await a.request('/s/NOSUCHCODE99/done');
      expect(unknown.status).toBe(404);
      const unknownHtml = await unknown.text();
      expect(unknownHtml).not.toContain('answers were saved');
      expect(unknownHtml).toContain('could not find this survey link');
      const unused = await a.request(`/s/${fx.codes[4]}/done?lang=es`);
      expect(unused.status).toBe(303);
      expect(unused.headers.get('location')).toBe(`/s/${fx.codes[4]}?lang=es`);
      const { html } = await toReview(a, fx.codes[4]);
      const sent = await post(a, html, 'submit');
      expect(sent.status).toBe(303);
      const done = await a.request(sent.headers.get('location')!);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('Your answers were saved');
      expect((await a.request('/o/NOSUCHTOKEN00000/done')).status).toBe(404);
      expect(await (await a.request(`/o/${fx.openToken}/done`)).text()).toContain('Your answers were saved');
    });

    it('"Change" on the review returns to the review, through any section the change brings up', async () => {
      const a = app();
      const staying = { ...FORM_ANSWERS, future: { looking: 'no', stay_2y: 'yes' } };
      const { html: review } = await toReview(a, fx.codes[5], staying);
      expect(review).not.toContain('id="r-leaving"');
      let html = await (await post(a, review, 'goto:work')).text();
      expect(html).toContain('Save and return to the review');
      html = await (await post(a, html, 'next', { ...FORM_ANSWERS.work, tenure_years: '9' })).text();
      expect(html).toContain('Check your answers');
      expect(html).toMatch(/<dd>9<\/dd>/);
      // Now the person says they are looking: the reasons for leaving are asked, then the review.
      html = await (await post(a, html, 'goto:future')).text();
      html = await (await post(a, html, 'next', { looking: 'yes', stay_2y: 'unsure' })).text();
      expect(sectionOf(html)).toBe('leaving');
      html = await (await post(a, html, 'next', FORM_ANSWERS.leaving)).text();
      expect(html).toContain('Check your answers');
      expect(html).toContain('id="r-leaving"');
      // Back to plain Next once the review is reached again.
      html = await (await post(a, html, 'goto:comment')).text();
      html = await (await post(a, html, 'back', FORM_ANSWERS.comment)).text();
      expect(html).toContain('Save and return to the review');
    });

    it('counts parts so that neither the part nor the total ever goes backwards or grows by surprise', async () => {
      const a = app();
      for (const [code, future, parts] of [[fx.codes[6], { looking: 'no', stay_2y: 'yes' }, 10], [fx.codes[7], { looking: 'yes', stay_2y: 'unsure' }, 11]] as const) {
        const { steps } = await toReview(a, code, { ...FORM_ANSWERS, future });
        expect(steps).toHaveLength(parts);
        for (let i = 1; i < steps.length; i++) {
          expect(steps[i].n, JSON.stringify(steps)).toBe(steps[i - 1].n + 1);
          expect(steps[i].total, JSON.stringify(steps)).toBeLessThanOrEqual(steps[i - 1].total);
        }
        expect(steps.at(-1)).toEqual({ n: parts, total: parts });
      }
    });
  });
}
