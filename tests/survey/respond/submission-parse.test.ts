// The API body check on its own: not JSON -> 400; the request schema and the instrument ->
// 422 naming each field; a valid body -> the response row (every column, as JSON text) and
// the invite code's keyed hash, never the code.
import { describe, expect, it } from 'vitest';
import { inviteCodeHash } from '../../../data/ids.js';
import { BODY_COLUMNS } from '../../../data/submissions/response-body.js';
import { parseSubmission } from '../../../survey/respond/submission-parse.js';
import { INSTRUMENT_VERSION } from '../../../instrument/version.js';
import { SAMPLE_ANSWERS } from '../../kit/payload.js';

const ctx = { id: '6f1c2d8e-0000-4000-8000-000000000001', receivedOn: '2026-11-28', secret: 's'.repeat(48) };
const parse = (body: unknown) => parseSubmission(typeof body === 'string' ? body : JSON.stringify(body), ctx);

describe('parseSubmission', () => {
  it('turns a valid body into the row to store and the hash of its code', () => {
    const result = parse({ code: 'abcd-efgh-jkmn', lang: 'es', answers: { ...SAMPLE_ANSWERS, comment: '  kept, trimmed  ' } });
    if (!result.ok) throw new Error(result.message);
    expect(result.codeHash).toBe(inviteCodeHash(ctx.secret, 'ABCDEFGHJKMN'));
    expect(result.openToken).toBeUndefined();
    expect(result.lang).toBe('es');
    // The day comes from the wave's time zone, known only once the code is looked up.
    const body = result.bodyOn(ctx.receivedOn);
    expect(body.id).toBe(ctx.id);
    const row = JSON.parse(body.json) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(BODY_COLUMNS);
    expect(row).toMatchObject({ id: ctx.id, received_on: ctx.receivedOn, instrument_version: INSTRUMENT_VERSION, lang: 'es', source: 'api', role: 'organizer', org_1: 4, comment: 'kept, trimmed' });
    // Not shown (nobody said they might leave), so not stored: null, not 0.
    expect(row.leave_reason_pay).toBeNull();
    expect(body.json).not.toContain('ABCD');
  });

  it('passes an open-link token on as sent, for the caller to resolve', () => {
    const result = parse({ open_token: 'tok-123', lang: 'en', answers: SAMPLE_ANSWERS });
    expect(result).toMatchObject({ ok: true, openToken: 'tok-123' });
    expect(result.ok && result.codeHash).toBeUndefined();
  });

  it('answers 400 for a body that is not JSON, without echoing it', () => {
    const result = parse('{"code":"SECRET-CODE", oops');
    expect(result).toEqual({ ok: false, status: 400, error: 'invalid_json', message: 'The request body is not valid JSON.' });
  });

  it('answers 422 naming each field the request schema refuses, and each unknown field', () => {
    const result = parse({ code: 'X', open_token: 'Y', lang: 'fr', answers: { ...SAMPLE_ANSWERS, org_1: 9, favourite_colour: 'red' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(422);
    const paths = result.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lang', 'answers.org_1', 'answers.favourite_colour']));
    for (const path of paths) expect(result.message).toContain(path);
  });

  it('answers 422 for answers that break the instrument, naming the question', () => {
    const { role: _role, ...noRole } = SAMPLE_ANSWERS;
    const result = parse({ code: 'X', lang: 'en', answers: noRole });
    expect(result).toMatchObject({ ok: false, status: 422, error: 'invalid_input' });
    expect(!result.ok && result.issues!.map((i) => i.path)).toContain('answers.role');
  });
});
