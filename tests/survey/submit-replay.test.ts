// The final submit is idempotent on every path, on each dialect, through the real app: the
// final page posted 20 times at once on an open link stores one response; the same final
// page posted again after the writer restarted stores nothing; a double click on an invite's
// final page shows the thank-you page, not "already used"; an API client retrying with the
// same idempotency token stores one response and hears success each time. An invite's token
// hash is kept in its row: its final page re-posted after a restart, or with a token stored
// before invites held them (in submission_tokens only), is thanked and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { inviteCodeHash } from '../../data/ids.js';
import { createSubmissionWriter, type SubmissionWriter } from '../../data/submissions/writer.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { FORM_ANSWERS, post, seedSurvey, type SurveyFixture } from './survey-fixture.js';

const ORDER = ['work', 'you', 'organizing', 'mobilizing', 'bridge', 'culture', 'decisions', 'satisfaction', 'future', 'leaving', 'comment'];
const API_ANSWERS = { role: 'organizer', tenure_years: 2, fte: 'full', race_decline: 1, gender: 'prefer_not', age_band: 'prefer_not', looking: 'no', stay_2y: 'yes' };

type App = ReturnType<typeof createApp>;

for (const dialect of DIALECTS) {
  describe(`final submit replays (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const writers: SubmissionWriter[] = [];
    const app = (writer: SubmissionWriter = t.writer) => createApp({ db: t.handle.db, writer, config: { secret: TEST_SECRET }, log: () => {} });
    const count = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow()).n);
    const tokens = async () => Number((await t.handle.db.selectFrom('submission_tokens').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    /** The review page of a survey filled in from its first page. */
    async function reviewPage(a: App, path: string): Promise<string> {
      let html = await (await a.request(path)).text();
      html = await (await post(a, html, 'start')).text();
      for (const section of ORDER) html = await (await post(a, html, 'next', FORM_ANSWERS[section])).text();
      expect(html).toContain('Check your answers');
      return html;
    }

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 6 });
    });
    afterAll(async () => {
      for (const w of writers) await w.close();
      await t.destroy();
    });

    it('stores one response when an open link\'s final page is posted 20 times at once, and thanks every post', async () => {
      const a = app();
      const review = await reviewPage(a, `/o/${fx.openToken}`);
      const before = await count();
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(a, review, 'submit')));
      expect(answers.map((r) => [r.status, r.headers.get('location')])).toEqual(Array.from({ length: 20 }, () => [303, `/o/${fx.openToken}/done?lang=en`]));
      expect(await count()).toBe(before + 1);
      // A new form session on the same open link is a new response.
      const another = await reviewPage(a, `/o/${fx.openToken}`);
      expect((await post(a, another, 'submit')).status).toBe(303);
      expect(await count()).toBe(before + 2);
    });

    it('stores nothing when the final page is posted again after the writer (and app) restarted', async () => {
      const first = createSubmissionWriter(t.handle.db);
      const review = await reviewPage(app(first), `/o/${fx.openToken}`);
      const before = await count();
      expect((await post(app(first), review, 'submit')).status).toBe(303);
      await first.close();
      const second = createSubmissionWriter(t.handle.db);
      writers.push(second);
      const again = await post(app(second), review, 'submit');
      expect([again.status, again.headers.get('location')]).toEqual([303, `/o/${fx.openToken}/done?lang=en`]);
      expect(await count()).toBe(before + 1);
    });

    it('shows the thank-you page, not "already used", on a double click of an invite\'s final page', async () => {
      const a = app();
      const path = `/s/${fx.codes[0]}`;
      const review = await reviewPage(a, path);
      const before = await count();
      const [one, two] = await Promise.all([post(a, review, 'submit'), post(a, review, 'submit')]);
      // And a third click once both have been answered: the code now reads "used".
      const three = await post(a, review, 'submit');
      for (const r of [one, two, three]) expect([r.status, r.headers.get('location')]).toEqual([303, `${path}/done?lang=en`]);
      expect(await count()).toBe(before + 1);
      // Another form session on the used code is still told the code was used.
      const fresh = await a.request(path);
      expect(fresh.status).toBe(409);
    });

    it('thanks an invite\'s final page posted again after the writer (and app) restarted, storing nothing; its token hash is in the invite row, not submission_tokens', async () => {
      const first = createSubmissionWriter(t.handle.db);
      const path = `/s/${fx.codes[3]}`;
      const review = await reviewPage(app(first), path);
      const [before, tokensBefore] = [await count(), await tokens()];
      expect((await post(app(first), review, 'submit')).status).toBe(303);
      await first.close();
      const row = await t.handle.db.selectFrom('invites').select(['used', 'token_hash']).where('code_hash', '=', inviteCodeHash(TEST_SECRET, fx.codes[3])).executeTakeFirstOrThrow();
      expect(row.used).toBe(1);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await tokens()).toBe(tokensBefore);
      const second = createSubmissionWriter(t.handle.db);
      writers.push(second);
      const again = await post(app(second), review, 'submit');
      expect([again.status, again.headers.get('location')]).toEqual([303, `${path}/done?lang=en`]);
      expect(await count()).toBe(before + 1);
    });

    it('thanks an invite\'s final page posted again whose token was stored before invites held token hashes (in submission_tokens only)', async () => {
      const a = app();
      const path = `/s/${fx.codes[4]}`;
      const review = await reviewPage(a, path);
      expect((await post(a, review, 'submit')).status).toBe(303);
      const before = await count();
      // As the writer left it before the migration: the hash in submission_tokens, none in the row.
      const code = inviteCodeHash(TEST_SECRET, fx.codes[4]);
      const { token_hash: hash } = await t.handle.db.selectFrom('invites').select('token_hash').where('code_hash', '=', code).executeTakeFirstOrThrow();
      await t.handle.db.updateTable('invites').set({ token_hash: null }).where('code_hash', '=', code).execute();
      await t.handle.db.insertInto('submission_tokens').values({ token_hash: hash! }).execute();
      // The page's own check (the code now reads "used") finds it there.
      const again = await post(a, review, 'submit');
      expect([again.status, again.headers.get('location')]).toEqual([303, `${path}/done?lang=en`]);
      expect(await count()).toBe(before);
      // Another form session on the same code is still told it was used.
      const other = await a.request(path);
      expect(other.status).toBe(409);
    });

    it('stores one response for an API client retrying with the same idempotency token (open link and invite code), answering 201 then 200', async () => {
      const a = app();
      const send = (body: unknown) => a.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const before = await count();
      const open = { open_token: fx.openToken, lang: 'en', answers: API_ANSWERS, idempotency_token: 'c6a1f1f4-1b7e-4d43-9a55-0d3b2f0e9c11' };
      const all = await Promise.all(Array.from({ length: 10 }, () => send(open)));
      expect(all.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const bodies = await Promise.all(all.map((r) => r.json()));
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]).toMatchObject({ status: 'stored' });
      expect(await count()).toBe(before + 1);

      const invite = { code: fx.codes[1], lang: 'en', answers: API_ANSWERS, idempotency_token: 'retry-token-0123456789' };
      expect((await send(invite)).status).toBe(201);
      const retry = await send(invite);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ status: 'stored' });
      expect(await count()).toBe(before + 2);
      // The same token on another code is another response; a different token on the used code is refused.
      expect((await send({ ...invite, code: fx.codes[2] })).status).toBe(201);
      expect((await send({ ...invite, idempotency_token: 'another-token-0123456789' })).status).toBe(409);
      expect(await count()).toBe(before + 3);
      // Without a token, nothing can be recognised: two posts to an open link are two responses.
      const { idempotency_token: _none, ...plain } = open;
      expect((await send(plain)).status).toBe(201);
      expect((await send(plain)).status).toBe(201);
      expect(await count()).toBe(before + 5);
    });

    it('refuses a malformed idempotency token with a message naming the field', async () => {
      const res = await app().request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ open_token: fx.openToken, lang: 'en', answers: API_ANSWERS, idempotency_token: 'short' }) });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { issues: { path: string }[] };
      expect(body.issues.map((i) => i.path)).toContain('idempotency_token');
    });

    it('keeps only keyed hashes of tokens, none of them the token or linked to a response', async () => {
      const rows = await t.handle.db.selectFrom('submission_tokens').selectAll().execute();
      expect(rows.length).toBe(await tokens());
      for (const r of rows) expect(Object.keys(r)).toEqual(['token_hash']);
      expect(rows.map((r) => r.token_hash)).not.toContain('retry-token-0123456789');
      const ids = new Set((await t.handle.db.selectFrom('responses').select('id').execute()).map((r) => r.id));
      for (const r of rows) expect(ids.has(r.token_hash)).toBe(false);
      // In the invite rows: keyed hashes only, each the one of a used code.
      const invites = await t.handle.db.selectFrom('invites').select(['used', 'token_hash']).where('token_hash', 'is not', null).execute();
      expect(invites.length).toBeGreaterThan(0);
      for (const r of invites) {
        expect(r.used).toBe(1);
        expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(ids.has(r.token_hash!)).toBe(false);
      }
      expect(invites.map((r) => r.token_hash)).not.toContain('retry-token-0123456789');
    });
  });
}
