// POST /api/v1/responses through the real app on each dialect: a valid response is stored
// with the day only; every bad request gets a JSON error naming each field, and nothing
// is stored; the OpenAPI document describes the route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { INSTRUMENT_VERSION } from '../../instrument/version.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from './survey-fixture.js';

const ANSWERS = {
  role: 'campaign', tenure_years: 0, fte: 'part', race_white: 1, gender: 'self_describe', gender_self: 'two-spirit', age_band: 'under_25',
  org_1: 2, org_2: 2, org_3: 3, mob_1: 5, mob_2: 5, mob_3: 4, mob_4: 5, sat_1: 3, sat_2r: 5, sat_3: 3,
  itl_1: 4, itl_2: 5, itl_3: 4, looking: 'yes', stay_2y: 'no', leave_reason_growth: 1, comment: '  Too many campaigns at once.  ',
};

type ErrorBody = { error: string; message: string; issues?: { path: string; message: string }[] };

for (const dialect of DIALECTS) {
  describe(`POST /api/v1/responses (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const app = () => createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {} });
    const send = (body: unknown, a = app()) =>
      a.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const stored = async () => Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 8 });
    });
    afterAll(async () => t.destroy());

    it('stores a valid response with the day, version and source, and marks the code used', async () => {
      const res = await send({ code: fx.codes[0].toLowerCase(), lang: 'es', answers: ANSWERS });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { status: string; received_on: string; instrument_version: string };
      expect(body).toEqual({ status: 'stored', received_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), instrument_version: INSTRUMENT_VERSION });
      const row = await t.handle.db.selectFrom('responses').selectAll().where('wave_id', '=', fx.waveId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ role: 'campaign', tenure_years: 0, gender_self: 'two-spirit', race_white: 1, race_black: 0, race_decline: 0, leave_reason_growth: 1, leave_reason_pay: 0, comment: 'Too many campaigns at once.', lang: 'es', source: 'api', org_4: null });
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      const again = await send({ code: fx.codes[0], lang: 'en', answers: ANSWERS });
      expect(again.status).toBe(409);
      expect(((await again.json()) as ErrorBody).error).toBe('used');
    });

    it('names every bad field: unknown, out of range, wrong type, hidden by display logic, missing', async () => {
      const before = await stored();
      const res = await send({ code: fx.codes[1], lang: 'en', answers: { ...ANSWERS, sat_1: 8, tenure_years: 2.5, role: 'boss', race_white: 2, favourite_colour: 'red' }, extra: true });
      expect(res.status).toBe(422);
      const body = (await res.json()) as ErrorBody;
      const paths = body.issues!.map((i) => i.path).sort();
      expect(paths).toEqual(['answers.favourite_colour', 'answers.race_white', 'answers.role', 'answers.sat_1', 'answers.tenure_years', 'extra']);
      // A box is ticked (1) or not (0): the message says so.
      expect(body.issues!.find((i) => i.path === 'answers.race_white')!.message).toMatch(/0\|1/);
      expect(body.message).toContain('answers.sat_1');

      const logic = await send({ code: fx.codes[1], lang: 'en', answers: { ...ANSWERS, looking: 'no', stay_2y: 'yes', gender: 'woman', race_decline: 1, fte: undefined } });
      expect(logic.status).toBe(422);
      const issues = ((await logic.json()) as ErrorBody).issues!;
      expect(issues).toEqual(expect.arrayContaining([
        { path: 'answers.leave_reason_growth', message: expect.stringContaining('not asked') },
        { path: 'answers.gender_self', message: expect.stringContaining('not asked') },
        { path: 'answers.race', message: expect.stringContaining('Prefer not to say') },
        { path: 'answers.fte', message: 'Please answer this question.' },
      ]));
      expect(await stored()).toBe(before);
      // The code was not spent by the failed attempts.
      expect((await send({ code: fx.codes[1], lang: 'en', answers: ANSWERS })).status).toBe(201);
    });

    it('refuses a NUL character in a free-text answer with a 422 naming the field (PostgreSQL cannot store it)', async () => {
      const before = await stored();
      const res = await send({ code: fx.codes[2], lang: 'en', answers: { ...ANSWERS, comment: 'fine\u0000then' } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).issues).toEqual([{ path: 'answers.comment', message: expect.stringContaining('NUL') }]);
      expect(await stored()).toBe(before);
    });

    it('refuses malformed requests with a JSON 4xx: not JSON, wrong type, both or neither entry, too large', async () => {
      const before = await stored();
      const notJson = await send('{"code": ');
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as ErrorBody).error).toBe('invalid_json');
      const form = await app().request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
      expect(form.status).toBe(415);
      const both = await send({ code: fx.codes[2], open_token: fx.openToken, lang: 'en', answers: ANSWERS });
      expect(both.status).toBe(422);
      expect(((await both.json()) as ErrorBody).issues![0].path).toBe('code');
      const neither = await send({ lang: 'fr', answers: ANSWERS });
      expect(neither.status).toBe(422);
      const big = await send({ code: fx.codes[2], lang: 'en', answers: { ...ANSWERS, comment: 'x'.repeat(70_000) } });
      expect(big.status).toBe(413);
      expect(((await big.json()) as ErrorBody).message).toContain('larger than');
      expect(await stored()).toBe(before);
    });

    it('answers unknown, closed and rate-limited entries in JSON, and accepts an open link', async () => {
      const a = app();
      const unknown = await send({ code: 'ZZZZZZZZZZZZ', lang: 'en', answers: ANSWERS }, a);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as ErrorBody).issues).toEqual([{ path: 'code', message: expect.stringContaining('No survey matches') }]);
      const closed = await seedSurvey(t.handle.db, { status: 'closed' });
      expect((await send({ open_token: closed.openToken, lang: 'en', answers: ANSWERS }, a)).status).toBe(410);
      const open = await send({ open_token: fx.openToken, lang: 'en', answers: ANSWERS }, a);
      expect(open.status).toBe(201);
      for (let i = 0; i < 9; i++) await send({ code: `WRONG${i}`, lang: 'en', answers: ANSWERS }, a);
      const limited = await send({ code: fx.codes[3], lang: 'en', answers: ANSWERS }, a);
      expect(limited.status).toBe(429);
      // A fresh process (a new app) has forgotten every count: nothing was stored.
      expect((await send({ code: fx.codes[3], lang: 'en', answers: ANSWERS })).status).toBe(201);
    });

    it('lets exactly one of many concurrent submissions with the same code through, and stores it once', async () => {
      const a = app();
      const before = await stored();
      const results = await Promise.all(Array.from({ length: 10 }, () => send({ code: fx.codes[4], lang: 'en', answers: ANSWERS }, a)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      expect(await stored()).toBe(before + 1);
    });

    it('answers each of many concurrent requests with its own outcome, and stores each valid one with its own answers', async () => {
      const a = app();
      const other = await seedSurvey(t.handle.db, { codes: 45 });
      // Every fourth body is cut short; the rest carry their own tenure, to find them by.
      const bodies = other.codes.map((code, i) => (i % 4 === 3 ? '{"code": ' : { code, lang: 'en', answers: { ...ANSWERS, tenure_years: i } }));
      const results = await Promise.all(bodies.map((body) => send(body, a)));
      expect(results.map((r) => r.status)).toEqual(bodies.map((body) => (typeof body === 'string' ? 400 : 201)));
      const rows = await t.handle.db.selectFrom('responses').select('tenure_years').where('wave_id', '=', other.waveId).orderBy('tenure_years').execute();
      expect(rows.map((r) => r.tenure_years)).toEqual(bodies.flatMap((body) => (typeof body === 'string' ? [] : [body.answers.tenure_years])));
    });

    it('is described in the OpenAPI document with its request schema', async () => {
      const doc = (await (await app().request('/api/v1/openapi.json')).json()) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }>; components: { schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> } };
      expect(Object.keys(doc.paths['/responses'].post!.responses)).toEqual(expect.arrayContaining(['201', '409', '413', '422']));
      const schema = doc.components.schemas.SubmissionRequest;
      expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(['code', 'open_token', 'lang', 'answers']));
      expect(schema.properties!.answers.properties).toHaveProperty('sat_2r');
    });
  });
}
