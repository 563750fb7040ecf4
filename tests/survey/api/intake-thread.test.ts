// The intake thread gives exactly the outcome the same check gives inline, for valid and
// malformed bodies alike, and answers each of many concurrent requests with its own outcome.
// With the inlet of a SQLite file's writer, a valid body with an invite code is written from
// the thread (stored or refused, as the writer says) and every other outcome comes back as
// before; a code sent many times at once is stored once, whichever transactions its copies
// land in; the thread also answers after it has gone to sleep.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSubmissionWriter, submissionWriterFor } from '../../../data/submissions/writer.js';
import { inlineIntake, sharedIntake } from '../../../survey/api/intake-thread.js';
import { SAMPLE_ANSWERS, submissionBody } from '../../kit/payload.js';
import { badSubmissionBody } from '../../evidence/helpers/arbitraries.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';
import { seedSurvey, type SurveyFixture } from '../survey-fixture.js';

const SECRET = 'intake-test-secret-'.padEnd(48, 'x');
const request = (text: string, n: number) => ({ text, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, receivedOn: '2026-11-28', secret: SECRET });

describe('intake thread', () => {
  it('starts ahead of the first request and then takes one', async () => {
    const thread = sharedIntake();
    await thread.start();
    const result = await thread.check(request(submissionBody('ABCD2345EFGH'), 0));
    expect(result).toMatchObject({ ok: true, lang: 'en', body: { id: request('', 0).id } });
  });

  it('gives the same outcome as checking inline, for any body', async () => {
    const thread = sharedIntake();
    const inline = inlineIntake();
    let n = 0;
    const bodies = fc.oneof(
      fc.string({ minLength: 1, maxLength: 14 }).map((code) => submissionBody(code)),
      badSubmissionBody('ABCD2345EFGH').filter((b) => typeof b.body === 'string').map((b) => b.body as string),
    );
    await fc.assert(fc.asyncProperty(bodies, async (text) => {
      const r = request(text, ++n);
      expect(await thread.check(r)).toEqual(await inline.check(r));
    }), { numRuns: 150 });
  });

  it('answers each of many concurrent requests with its own outcome', async () => {
    const thread = sharedIntake();
    const texts = Array.from({ length: 300 }, (_, i) => (i % 3 === 2 ? '{"not": "a submission"' : submissionBody(`CODE${i}`, { ...SAMPLE_ANSWERS, tenure_years: i % 40 })));
    const results = await Promise.all(texts.map((text, i) => thread.check(request(text, i))));
    results.forEach((result, i) => {
      if (i % 3 === 2) {
        expect(result).toMatchObject({ ok: false, status: 400 });
        return;
      }
      if (!result.ok) throw new Error(result.message);
      if ('written' in result) throw new Error('Nothing is written without an inlet.');
      expect(result.body.id).toBe(request('', i).id);
      expect(JSON.parse(result.body.json)).toMatchObject({ tenure_years: i % 40 });
    });
  });
});

describe('intake thread with a writer inlet (SQLite file)', () => {
  let t: TestDatabase;
  let fx: SurveyFixture;
  let n = 10_000;
  const ask = (text: string) => {
    const inlet = submissionWriterFor(t.handle.db).inlet;
    if (!inlet) throw new Error('A SQLite file has a writer inlet.');
    return sharedIntake().check({ text, id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, receivedOn: new Date().toISOString().slice(0, 10), secret: TEST_SECRET }, inlet);
  };
  const storedIds = async () => (await t.handle.db.selectFrom('responses').select('id').where('wave_id', '=', fx.waveId).execute()).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    fx = await seedSurvey(t.handle.db, { codes: 140 });
  });
  afterAll(async () => {
    await closeSubmissionWriter(t.handle.db);
    await t.destroy();
  });

  it('writes a valid body with a code from the thread, and refuses the same code after', async () => {
    expect(await ask(submissionBody(fx.codes[0]))).toEqual({ ok: true, written: { status: 'stored', id: expect.any(String) } });
    expect(await storedIds()).toHaveLength(1);
    expect(await ask(submissionBody(fx.codes[0]))).toEqual({ ok: true, written: { status: 'refused', problem: 'used' } });
    expect(await ask(submissionBody('NOSUCHCODE42'))).toEqual({ ok: true, written: { status: 'refused', problem: 'unknown' } });
    expect(await storedIds()).toHaveLength(1);
  });

  it('gives back a malformed body and an open-link body unwritten', async () => {
    expect(await ask('{"code": ')).toMatchObject({ ok: false, status: 400, error: 'invalid_json' });
    expect(await ask(submissionBody(fx.codes[1], { ...SAMPLE_ANSWERS, sat_1: 9 }))).toMatchObject({ ok: false, status: 422 });
    const open = await ask(JSON.stringify({ open_token: fx.openToken, lang: 'en', answers: SAMPLE_ANSWERS }));
    expect(open).toMatchObject({ ok: true, openToken: fx.openToken, body: { id: expect.any(String) } });
    expect(await storedIds()).toHaveLength(1);
  });

  it('answers many at once, each with its own outcome, and answers again after sleeping', async () => {
    const texts = fx.codes.slice(2, 122).map((code, i) => (i % 4 === 3 ? '{"not": "a submission"' : submissionBody(code)));
    const outcomes = await Promise.all(texts.map(ask));
    outcomes.forEach((outcome, i) => {
      if (i % 4 === 3) expect(outcome).toMatchObject({ ok: false, status: 400 });
      else expect(outcome).toEqual({ ok: true, written: { status: 'stored', id: expect.any(String) } });
    });
    expect(await storedIds()).toHaveLength(1 + 90);
    // Long enough for the thread to stop looking by itself: it must be woken.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await ask(submissionBody(fx.codes[130]))).toEqual({ ok: true, written: { status: 'stored', id: expect.any(String) } });
  });

  it('stores one code sent many times at once exactly once, however the bodies are split between transactions', async () => {
    const before = (await storedIds()).length;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => ask(submissionBody(fx.codes[135]))));
    const statuses = outcomes.map((o) => ('written' in o ? o.written.status : 'unwritten'));
    expect(statuses.filter((s) => s === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => 'written' in o && o.written.status === 'refused' && o.written.problem === 'used')).toHaveLength(9);
    expect(await storedIds()).toHaveLength(before + 1);
  });
});
