// The intake thread gives exactly the outcome the same check gives inline, for valid and
// malformed bodies alike, and answers each of many concurrent requests with its own outcome.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineIntake, sharedIntake } from '../../../survey/api/intake-thread.js';
import { SAMPLE_ANSWERS, submissionBody } from '../../../bench/lib/payload.js';
import { badSubmissionBody } from '../../evidence/helpers/arbitraries.js';

const SECRET = 'intake-test-secret-'.padEnd(48, 'x');
const request = (text: string, n: number) => ({ text, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, receivedOn: '2026-11-28', secret: SECRET });

describe('intake thread', () => {
  it('starts ahead of the first request and then takes one', async () => {
    const thread = sharedIntake();
    await thread.start();
    const result = await thread.parse(request(submissionBody('ABCD2345EFGH'), 0));
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
      expect(await thread.parse(r)).toEqual(await inline.parse(r));
    }), { numRuns: 150 });
  });

  it('answers each of many concurrent requests with its own outcome', async () => {
    const thread = sharedIntake();
    const texts = Array.from({ length: 300 }, (_, i) => (i % 3 === 2 ? '{"not": "a submission"' : submissionBody(`CODE${i}`, { ...SAMPLE_ANSWERS, tenure_years: i % 40 })));
    const results = await Promise.all(texts.map((text, i) => thread.parse(request(text, i))));
    results.forEach((result, i) => {
      if (i % 3 === 2) {
        expect(result).toMatchObject({ ok: false, status: 400 });
        return;
      }
      if (!result.ok) throw new Error(result.message);
      expect(result.body.id).toBe(request('', i).id);
      expect(JSON.parse(result.body.json)).toMatchObject({ tenure_years: i % 40 });
    });
  });
});
