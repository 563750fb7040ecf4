// The answers so far travel with the form itself, in a hidden field signed with the
// service secret: nothing is stored on the server before the final submit, Back and a
// language switch keep every answer, and a changed or forged field is detected.
import crypto from 'node:crypto';
import { z } from 'zod';
import { isLang } from '../../instrument/i18n.js';
import type { Answers, Lang } from '../../instrument/types.js';

export const STATE_FIELD = '_state';

export interface FormState {
  lang: Lang;
  /** The page the form was shown on: 'consent', a section id, or 'review'. */
  step: string;
  answers: Answers;
  /**
   * The form session's one-time submission token, random, made on the consent page: the final
   * submit records its keyed hash with the response (data/submissions/token.ts), so a re-sent
   * final page (double click, reload, Back, a restart between) stores nothing more.
   */
  nonce: string;
  /**
   * Set while the person changes a section from the review page: the sections the review
   * showed. Next then returns to the review, unless the change brought up a section not
   * among them (which is asked first).
   */
  reviewed?: string[];
}

const stateSchema = z.strictObject({
  lang: z.string().refine(isLang),
  step: z.string().max(40),
  // Generous bounds: validation judges lengths (a comment of 4,000 characters must fit).
  answers: z.record(z.string().max(40), z.union([z.string().max(20_000), z.number()])),
  nonce: z.string().max(40),
  reviewed: z.array(z.string().max(40)).max(40).optional(),
});

function mac(secret: string, scope: string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`state\u0000${scope}\u0000${payload}`).digest('base64url');
}

/** A fresh submission token: 128 random bits. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** Serialises and signs the state; `scope` binds it to one survey link. */
export function encodeState(secret: string, scope: string, state: FormState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(secret, scope, payload)}`;
}

/** The state, or null when the field is missing, altered, or signed for another link. */
export function decodeState(secret: string, scope: string, raw: unknown): FormState | null {
  if (typeof raw !== 'string') return null;
  const dot = raw.indexOf('.');
  if (dot <= 0) return null;
  const payload = raw.slice(0, dot);
  const expected = Buffer.from(mac(secret, scope, payload));
  const given = Buffer.from(raw.slice(dot + 1));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    // A valid signature over unreadable JSON means our own bug or a leaked secret: refuse it.
    return null;
  }
  const result = stateSchema.safeParse(parsed);
  return result.success ? (result.data as FormState) : null;
}
