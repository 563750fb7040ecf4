// zod schemas of the admin JSON API's request bodies, shared by the routes (validation)
// and the OpenAPI document (z.toJSONSchema), and the validator that turns a failure into a
// JSON answer naming the problem (unparseable body, wrong content type, each bad field).
import { zValidator } from '@hono/zod-validator';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { organizationInputSchema } from '../../exchange/import/organizations-csv.js';
import { isValidDay, MIN_K } from '../../data/repositories/studies.js';
import { MAX_INVITES_PER_BATCH } from '../../data/repositories/invites.js';
import { canonicalTimeZone } from '../../data/time-zone.js';

const day = z.string().refine(isValidDay, { message: 'not a date: use YYYY-MM-DD, e.g. 2026-09-01' });
const k = z.number().int('k must be a whole number').min(MIN_K, `k must be at least ${MIN_K}`).max(1000);

export const studyCreateSchema = z.object({
  name: z.string().trim().min(1, 'the name is required').max(200),
  description: z.string().max(2000).nullable().optional(),
  /** IANA zone: the study's wave dates are local days there. The service's ROOTWORK_TIME_ZONE when left out. */
  time_zone: z.string().refine((zone) => canonicalTimeZone(zone) !== undefined, { message: 'not a time zone this server knows: give an IANA name such as America/Los_Angeles, Europe/Madrid or UTC' }).optional(),
}).strict();

export const waveCreateSchema = z.object({
  name: z.string().trim().min(1, 'the name is required').max(200),
  k: k.optional(),
  opens_on: day.nullable().optional(),
  closes_on: day.nullable().optional(),
}).strict();

export const waveOpenSchema = z.object({ opens_on: day.optional(), closes_on: day.nullable().optional(), k: k.optional() }).strict();
export const waveCloseSchema = z.object({ closes_on: day.optional() }).strict();
export const waveKSchema = z.object({ k }).strict();
export const organizationCreateSchema = organizationInputSchema.strict();

export const invitesSchema = z.object({
  count: z.number().int('count must be a whole number').min(1).max(MAX_INVITES_PER_BATCH),
  revoke_unused: z.boolean().optional(),
}).strict();

export const openLinkSchema = z.object({ enabled: z.boolean() }).strict();
/** The study team's headcount cap of an organization (null removes it): bounds invites, open-link responses and its report. */
export const headcountCapSchema = z.object({ headcount_cap: z.number().int().min(1).max(100_000).nullable() }).strict();

/** A run folder's name under the service's reports folder (one path segment, no '..'). */
export const releaseCreateSchema = z.object({
  run: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'the name of a run folder under the reports folder, e.g. "fall-2026"').refine((v) => !v.includes('..'), 'a run folder name cannot contain ".."'),
}).strict();
export const releaseListSchema = z.object({ study: z.string().optional(), wave: z.string().optional() });

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * JSON-body validation whose failure is JSON naming the problem: 400 for a body that is not
 * JSON at all, 415 for another content type, 422 naming each bad field.
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  const validate = zValidator('json', schema, (result, c) => {
    if (result.success) return;
    const contentType = c.req.header('Content-Type') ?? '';
    if (!/json/i.test(contentType)) {
      return c.json({ error: 'invalid_input', message: 'Send the request body as JSON with `Content-Type: application/json`.' }, 415);
    }
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    return c.json({ error: 'invalid_input', message: `The request body is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, issues }, 422);
  });
  // Hono's validator answers unparseable JSON with a bare text 400; parse first (the request
  // caches the result for the validator) so the caller hears where the JSON breaks.
  const parseThenValidate: typeof validate = async (c, next) => {
    const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0].trim();
    if (JSON_MEDIA_TYPE.test(mediaType)) {
      try {
        await c.req.json();
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        const res = c.json({ error: 'invalid_json', message: `The request body is not valid JSON: ${detail}. Send one JSON object, e.g. {"name": "Fall 2026"}.` }, 400);
        throw new HTTPException(400, { res, cause });
      }
    }
    return validate(c, next);
  };
  return parseThenValidate;
}
