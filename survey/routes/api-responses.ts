// POST /api/v1/responses: answers collected elsewhere (a kiosk, an offline form) sent as
// JSON, held to the same instrument, code rules and group-commit write as the survey
// pages. Every error is JSON naming each field and its problem; nothing half-written.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.js';
import { randomId, today } from '../../data/ids.js';
import { submissionWriterFor, type Destination } from '../../data/repositories/submissions.js';
import { issueMessage } from '../instrument/messages.js';
import { toResponseBody } from '../instrument/to-body.js';
import type { Answers } from '../instrument/types.js';
import { display } from '../instrument/display.js';
import { validateAnswers } from '../instrument/validate.js';
import { INSTRUMENT_VERSION } from '../instrument/version.js';
import { submissionSchema } from '../api/responses-openapi.js';
import { limitBody } from '../middleware/body-limit.js';
import { securedJson } from '../middleware/security-headers.js';
import { createFailureLimiter, type FailureLimiter } from '../middleware/rate-limit.js';
import { inviteDestination, PROBLEM_STATUS, resolveEntry, type EntryProblem } from './survey-entry.js';

export interface ApiResponsesOptions {
  limiter?: FailureLimiter;
  maxBodyBytes?: number;
}

const ENTRY_MESSAGES: Record<EntryProblem, string> = {
  unknown: 'No survey matches this code or open link: check it was copied exactly.',
  used: 'This invite code has already been used: each code accepts one response.',
  revoked: 'This invite code was revoked by the study team: ask them for a new one.',
  closed: 'The survey wave for this code is closed and takes no more responses.',
  notOpen: 'The survey wave for this code has not opened yet: send the response once it opens.',
};

type Issue = { path: string; message: string };

function fail(c: Context, status: 400 | 404 | 409 | 410 | 403 | 413 | 415 | 422 | 429, error: string, message: string, issues?: Issue[]) {
  return securedJson({ error, message, ...(issues ? { issues } : {}) }, status);
}

export function apiResponseRoutes(options: ApiResponsesOptions = {}): Hono<AppEnv> {
  const limiter = options.limiter ?? createFailureLimiter();
  const maxBytes = options.maxBodyBytes ?? 64 * 1024;
  const app = new Hono<AppEnv>();
  app.post(
    '/api/v1/responses',
    limitBody({ maxBytes, onTooLarge: (c) => fail(c, 413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes: send one response per request, with a shorter comment.`) }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return fail(c, 415, 'unsupported_media_type', 'Send the response as JSON with Content-Type: application/json.');
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        // The parse error text can echo the body; the caller needs only to know it is not JSON.
        return fail(c, 400, 'invalid_json', 'The request body is not valid JSON.');
      }
      const parsed = submissionSchema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.flatMap((i) => {
          const at = i.path.map(String).join('.');
          // One issue per unknown field, so each is named: nothing unrecognised is ever stored.
          if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: at ? `${at}.${k}` : k, message: 'Not a field of this API or a survey question: remove it.' }));
          return [{ path: at || '(body)', message: i.message }];
        });
        return fail(c, 422, 'invalid_input', `The response is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
      }
      // Empty text fields mean "not answered", as in the form: validation and storage both read them so.
      const { code, open_token: openToken, lang } = parsed.data;
      const answers = parsed.data.answers as Answers;
      const shown = display(answers);
      const answerIssues = validateAnswers(answers, shown).map((i) => ({ path: `answers.${i.path}`, message: issueMessage('en', i) }));
      if (answerIssues.length > 0) {
        return fail(c, 422, 'invalid_input', `The answers do not fit the survey: ${answerIssues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, answerIssues);
      }

      if (limiter.blocked(c)) return fail(c, 429, 'rate_limited', 'Too many unknown codes from this client recently: wait a few minutes before trying again.');
      const { db, config } = c.get('deps');
      const field = code !== undefined ? 'code' : 'open_token';
      const refuse = (problem: EntryProblem) => {
        // Only unknown codes count: they are what guessing produces.
        if (problem === 'unknown') limiter.recordFailure(c);
        return fail(c, PROBLEM_STATUS[problem], problem === 'notOpen' ? 'not_open' : problem, ENTRY_MESSAGES[problem], [{ path: field, message: ENTRY_MESSAGES[problem] }]);
      };
      const receivedOn = today();
      // An invite code is checked and claimed by the writer, in the transaction that stores
      // the answers; an open link is resolved first.
      let to: Destination | null;
      if (code !== undefined) {
        to = inviteDestination(config.secret, code, receivedOn);
      } else {
        const entry = await resolveEntry(db, config.secret, { kind: 'open', token: openToken ?? '' }, receivedOn);
        if (!entry.ok) return refuse(entry.problem);
        to = entry.entry.destination;
      }
      if (!to) return refuse('unknown');
      const row = toResponseBody(answers, { id: randomId(), receivedOn, lang, source: 'api' }, shown);
      const result = await submissionWriterFor(db).submit({ row, to });
      if (result.status === 'refused') return refuse(result.problem);
      return securedJson({ status: 'stored', received_on: receivedOn, instrument_version: INSTRUMENT_VERSION }, 201);
    },
  );
  return app;
}
