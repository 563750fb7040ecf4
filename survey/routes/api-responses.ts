// POST /api/v1/responses: answers collected elsewhere (a kiosk, an offline form) sent as
// JSON, held to the same instrument, code rules and group-commit write as the survey
// pages: the body is checked here (parseSubmission) and handed to the same writer. Every
// error is JSON naming each field and its problem; nothing half-written. A body carrying an
// idempotency token already stored for its code or link is answered 200 with the body the
// first got, and stores nothing: a client may retry until it hears back.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app.js';
import { randomId } from '../../data/ids.js';
import type { Destination } from '../../data/submissions/writer.js';
import { createZoneDays, type ZoneDays } from '../respond/zone-days.js';
import { INSTRUMENT_VERSION } from '../../instrument/version.js';
import { parseSubmission, type ApiIssue } from '../respond/submission-parse.js';
import { limitBody } from '../middleware/body-limit.js';
import { securedJson } from '../middleware/security-headers.js';
import { createFailureLimiter, createSubmissionLimiter, retryAfter, type FailureLimiter, type SourceLimiter } from '../middleware/rate-limit.js';
import { PROBLEM_STATUS, resolveEntry, resolveInviteHash, type EntryProblem } from '../respond/entry.js';

export interface ApiResponsesOptions {
  limiter?: FailureLimiter;
  /** Submissions through open links, per source (shared with the survey pages). */
  submissions?: SourceLimiter;
  maxBodyBytes?: number;
  zoneDays?: ZoneDays;
}

const ENTRY_MESSAGES: Record<EntryProblem, string> = {
  unknown: 'No survey matches this code or open link: check it was copied exactly.',
  used: 'This invite code has already been used: each code accepts one response.',
  revoked: 'This invite code was revoked by the study team: ask them for a new one.',
  closed: 'The survey wave for this code is closed and takes no more responses.',
  notOpen: 'The survey wave for this code has not opened yet: send the response once it opens.',
  full: "This organization's responses and unanswered invite codes already reach its headcount, so its open link takes no more and nothing was stored. If someone who works there has not answered yet, tell the study team: more responses than staff can mean someone answered in other people's place.",
};

const waitMessage = (what: string, seconds: number) => `${what}: nothing was stored. Wait ${seconds} seconds (the Retry-After header) before sending again.`;

function fail(c: Context, status: 400 | 404 | 409 | 410 | 403 | 413 | 415 | 422 | 429, error: string, message: string, issues?: ApiIssue[], headers: Record<string, string> = {}) {
  const res = securedJson({ error, message, ...(issues ? { issues } : {}) }, status);
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export function apiResponseRoutes(options: ApiResponsesOptions = {}): Hono<AppEnv> {
  const limiter = options.limiter ?? createFailureLimiter();
  const submissions = options.submissions ?? createSubmissionLimiter();
  const maxBytes = options.maxBodyBytes ?? 64 * 1024;
  const zoneDays = options.zoneDays ?? createZoneDays();
  const app = new Hono<AppEnv>();
  app.post(
    '/api/v1/responses',
    limitBody({ maxBytes, onTooLarge: (c) => fail(c, 413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes: send one response per request, with a shorter comment.`) }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return fail(c, 415, 'unsupported_media_type', 'Send the response as JSON with Content-Type: application/json.');
      }
      // A source blocked for guessing codes is refused before anything is checked or written.
      const wait = limiter.blocked(c);
      if (wait) return fail(c, 429, 'rate_limited', waitMessage('Too many codes that do not exist were sent from your address (or network) in the last few minutes, so codes from it are not checked for a while', wait), undefined, retryAfter(wait));
      const { db, config, writer, clock } = c.get('deps');
      const parsed = parseSubmission(await c.req.text(), { id: randomId(), secret: config.secret });
      if (!parsed.ok) return fail(c, parsed.status, parsed.error, parsed.message, parsed.issues);
      const refuse = (problem: EntryProblem, field: string) => {
        // Only unknown codes count: they are what guessing produces.
        if (problem === 'unknown') limiter.recordFailure(c);
        const error = problem === 'notOpen' ? 'not_open' : problem === 'full' ? 'headcount_reached' : problem;
        return fail(c, PROBLEM_STATUS[problem], error, ENTRY_MESSAGES[problem], [{ path: field, message: ENTRY_MESSAGES[problem] }]);
      };
      // The code or link says which study, and so which local day it is there (see
      // zone-days.ts for when an invite needs no lookup); the writer checks an invite, and
      // claims it, in the transaction that stores the answers.
      const field = parsed.codeHash !== undefined ? 'code' : 'open_token';
      const instant = clock?.() ?? new Date();
      let receivedOn: string;
      let to: Destination;
      const shared = parsed.codeHash !== undefined ? await zoneDays.sharedDay(db, instant) : undefined;
      if (parsed.codeHash !== undefined && shared !== undefined) {
        receivedOn = shared;
        to = { kind: 'invite', codeHash: parsed.codeHash, day: shared };
      } else {
        if (parsed.codeHash === undefined) {
          // Open links take any number of responses, so each source may send only so many.
          const busy = submissions.blocked(c);
          if (busy) return fail(c, 429, 'rate_limited', waitMessage('Many responses were sent through open links from your address (or network) in the last hour, more than are taken from one place', busy), [{ path: field, message: 'Too many open-link responses from this address for now.' }], retryAfter(busy));
          submissions.record(c);
        }
        const entry = parsed.codeHash !== undefined
          ? await resolveInviteHash(db, parsed.codeHash, instant)
          : await resolveEntry(db, config.secret, { kind: 'open', token: parsed.openToken ?? '' }, instant);
        if (!entry.ok) return refuse(entry.problem, field);
        receivedOn = entry.entry.day;
        to = entry.entry.destination;
      }
      const result = await writer.submit({ row: parsed.bodyOn(receivedOn), to, ...(parsed.tokenHash === undefined ? {} : { tokenHash: parsed.tokenHash }) });
      if (result.status === 'refused') return refuse(result.problem, field);
      return securedJson({ status: 'stored', received_on: receivedOn, instrument_version: INSTRUMENT_VERSION }, result.status === 'replayed' ? 200 : 201);
    },
  );
  return app;
}
