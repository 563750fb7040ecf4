// From the text of a POST /api/v1/responses body to either the response to store or the
// answer to give: JSON, then the request schema (zod), then the instrument (display logic,
// required questions), then the row itself, the keyed hash of the invite code and that of
// the idempotency token (scoped to the code or open link, as the survey pages scope theirs). Pure: it
// reads no database, so the route can hand what it returns straight to the writer.
import { inviteCodeHash } from '../../data/ids.js';
import type { Lang } from '../../data/database.js';
import type { ResponseBody } from '../../data/submissions/response-body.js';
import { display } from '../../instrument/display.js';
import { issueMessage } from '../../instrument/messages.js';
import { toResponseBody } from './to-body.js';
import { entryScope, inviteScope } from './entry.js';
import { submissionTokenHash } from '../../data/submissions/token.js';
import type { Answers } from '../../instrument/types.js';
import { validateAnswers } from '../../instrument/validate.js';
import { submissionSchema } from '../openapi/responses.js';

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ParseContext {
  /** The id the response will be stored under. */
  id: string;
  /** The service secret: invite codes are looked up by their keyed hash. */
  secret: string;
}

export type ParsedSubmission =
  | { ok: false; status: 400 | 422; error: 'invalid_json' | 'invalid_input'; message: string; issues?: ApiIssue[] }
  | {
    ok: true;
    lang: Lang;
    /** The row to store, once the day is known (the local day of the wave's study, which the code or link decides). */
    bodyOn: (receivedOn: string) => ResponseBody;
    /** Exactly one of these: the invite code's keyed hash, or the open-link token as sent. */
    codeHash?: string;
    openToken?: string;
    /** The keyed hash of the idempotency token, when one was sent (data/submissions/token.ts). */
    tokenHash?: string;
  };

export function parseSubmission(text: string, ctx: ParseContext): ParsedSubmission {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parse error text can echo the body; the caller needs only to know it is not JSON.
    return { ok: false, status: 400, error: 'invalid_json', message: 'The request body is not valid JSON.' };
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => {
      const at = i.path.map(String).join('.');
      // One issue per unknown field, so each is named: nothing unrecognised is ever stored.
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: at ? `${at}.${k}` : k, message: 'Not a field of this API or a survey question: remove it.' }));
      return [{ path: at || '(body)', message: i.message }];
    });
    return invalid(`The response is not valid: ${describe(issues)}`, issues);
  }
  // Empty text fields mean "not answered", as in the form: validation and storage both read them so.
  const { code, open_token: openToken, idempotency_token: token, lang } = parsed.data;
  const answers = parsed.data.answers as Answers;
  const shown = display(answers);
  const issues = validateAnswers(answers, shown).map((i) => ({ path: `answers.${i.path}`, message: issueMessage('en', i) }));
  if (issues.length > 0) return invalid(`The answers do not fit the survey: ${describe(issues)}`, issues);
  const bodyOn = (receivedOn: string) => toResponseBody(answers, { id: ctx.id, receivedOn, lang, source: 'api' }, shown);
  // The code's hash is both what the writer claims and the token's scope: hashed once.
  const codeHash = code !== undefined ? inviteCodeHash(ctx.secret, code) : undefined;
  const scope = () => (codeHash !== undefined ? inviteScope(codeHash) : entryScope(ctx.secret, { kind: 'open', token: openToken ?? '' }));
  const tokenHash = token === undefined ? {} : { tokenHash: submissionTokenHash(ctx.secret, scope(), token) };
  return codeHash !== undefined ? { ok: true, lang, bodyOn, codeHash, ...tokenHash } : { ok: true, lang, bodyOn, openToken, ...tokenHash };
}

function invalid(message: string, issues: ApiIssue[]): ParsedSubmission {
  return { ok: false, status: 422, error: 'invalid_input', message, issues };
}

function describe(issues: ApiIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
