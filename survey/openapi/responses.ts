// The submission API's request schema (zod, the one definition the route validates with)
// and its OpenAPI description, registered into /api/v1/openapi.json.
import { z } from 'zod';
import { answersSchema } from '../../instrument/schema.js';
import { registerOpenApi } from './document.js';

export const submissionSchema = z
  .strictObject({
    code: z.string().min(1).max(64).optional().describe('A single-use invite code (as printed on the invitation).'),
    open_token: z.string().min(1).max(64).optional().describe("An organization's open-link token, where the organization enables one."),
    idempotency_token: z
      .string()
      .min(16)
      .max(128)
      .regex(/^[A-Za-z0-9._~-]+$/, 'Use 16 to 128 letters, digits or . _ ~ - (for example a random UUID).')
      .optional()
      .describe('A random token the client makes once per response (for example a UUID) and sends again, unchanged, when it retries. A response already stored with this token for this code or open link is not stored again: the retry is answered 200 with the same body. Rootwork keeps only a keyed hash of it, linked to nothing.'),
    lang: z.enum(['en', 'es']).describe('The language the person answered in.'),
    answers: answersSchema.describe('Answers keyed by codebook variable. Omit what was not answered; multi-select boxes are 1 (ticked) or 0.'),
  })
  .refine((b) => (b.code === undefined) !== (b.open_token === undefined), { message: 'Give exactly one of code or open_token.', path: ['code'] });

const error = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string', description: 'What is wrong and what to do, in English.' },
    issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

registerOpenApi({
  paths: {
    '/responses': {
      post: {
        operationId: 'submitResponse',
        summary: 'Submit one completed staff survey',
        description:
          'For tools that collect answers elsewhere. Send an `idempotency_token` to make retries safe: a request repeated with the same token (after a timeout, a lost answer, a crash) stores the response once and answers 200 instead of 409. The answers are held to the same instrument as the survey pages: types, ranges, required questions and display logic (organizer wording for organizers; reasons for leaving only when `looking` is yes or `stay_2y` is no or unsure). An invite code is marked used in the same transaction the response is written, with nothing linking the two. Nothing about the caller (address, user agent, time) is stored; the response keeps only the day.',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmissionRequest' } } } },
        responses: {
          '200': {
            description: 'Already stored: a response with this `idempotency_token` was stored for this code or open link before, and nothing more was written. The body is the one the first request got.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } },
          },
          '201': {
            description: 'Stored.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } },
          },
          '400': errorResponse('The body is not JSON.'),
          '403': errorResponse('The wave has not opened yet.'),
          '404': errorResponse('No survey matches the code or open link.'),
          '409': errorResponse('The invite code was already used (`used`), or the organization already has as many responses as its headcount (`headcount_reached`).'),
          '410': errorResponse('The wave is closed, or the code was revoked.'),
          '413': errorResponse('The body is too large.'),
          '415': errorResponse('The body is not sent as application/json.'),
          '422': errorResponse('The request or the answers are not valid; `issues` names each field.'),
          '429': errorResponse('Too many unknown codes, or too many open-link responses, from this address (or network) recently; the Retry-After header says how many seconds to wait. Nothing was stored.'),
        },
      },
    },
  },
  schemas: {
    SubmissionRequest: z.toJSONSchema(submissionSchema, { io: 'input', unrepresentable: 'any' }),
    Error: error,
    Stored: { type: 'object', required: ['status', 'received_on', 'instrument_version'], properties: { status: { const: 'stored' }, received_on: { type: 'string', format: 'date' }, instrument_version: { type: 'string' } } },
  },
});
