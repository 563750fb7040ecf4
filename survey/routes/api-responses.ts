// POST /api/v1/responses: answers collected elsewhere (a kiosk, an offline form) sent as
// JSON, held to the same instrument, code rules and group-commit write as the survey
// pages: the body is checked here (parseSubmission) and handed to the same writer. Every
// error is JSON naming each field and its problem; nothing half-written. A body carrying an
// idempotency token already stored for its code or link is answered 200 with the body the
// first got, and stores nothing: a client may retry until it hears back.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.js';
import { randomId, today } from '../../data/ids.js';
import type { Destination } from '../../data/submissions/writer.js';
import { INSTRUMENT_VERSION } from '../../instrument/version.js';
import { parseSubmission, type ApiIssue } from '../respond/submission-parse.js';
import { limitBody } from '../middleware/body-limit.js';
import { securedJson } from '../middleware/security-headers.js';
import { createFailureLimiter, type FailureLimiter } from '../middleware/rate-limit.js';
import { PROBLEM_STATUS, resolveEntry, type EntryProblem } from '../respond/entry.js';

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

function fail(c: Context, status: 400 | 404 | 409 | 410 | 403 | 413 | 415 | 422 | 429, error: string, message: string, issues?: ApiIssue[]) {
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
      // A client blocked for guessing codes is refused before anything is checked or written.
      if (limiter.blocked(c)) return fail(c, 429, 'rate_limited', 'Too many unknown codes from this client recently: wait a few minutes before trying again.');
      const { db, config, writer } = c.get('deps');
      const receivedOn = today();
      const parsed = parseSubmission(await c.req.text(), { id: randomId(), receivedOn, secret: config.secret });
      if (!parsed.ok) return fail(c, parsed.status, parsed.error, parsed.message, parsed.issues);
      const refuse = (problem: EntryProblem, field: string) => {
        // Only unknown codes count: they are what guessing produces.
        if (problem === 'unknown') limiter.recordFailure(c);
        return fail(c, PROBLEM_STATUS[problem], problem === 'notOpen' ? 'not_open' : problem, ENTRY_MESSAGES[problem], [{ path: field, message: ENTRY_MESSAGES[problem] }]);
      };
      // An invite code is checked and claimed by the writer, in the transaction that stores
      // the answers; an open link is resolved first.
      let to: Destination;
      let field = 'code';
      if (parsed.codeHash !== undefined) {
        to = { kind: 'invite', codeHash: parsed.codeHash, day: receivedOn };
      } else {
        field = 'open_token';
        const entry = await resolveEntry(db, config.secret, { kind: 'open', token: parsed.openToken ?? '' }, receivedOn);
        if (!entry.ok) return refuse(entry.problem, field);
        to = entry.entry.destination;
      }
      const result = await writer.submit({ row: parsed.body, to, ...(parsed.tokenHash === undefined ? {} : { tokenHash: parsed.tokenHash }) });
      if (result.status === 'refused') return refuse(result.problem, field);
      return securedJson({ status: 'stored', received_on: receivedOn, instrument_version: INSTRUMENT_VERSION }, result.status === 'replayed' ? 200 : 201);
    },
  );
  return app;
}
