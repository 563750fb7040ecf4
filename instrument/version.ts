// The instrument version stored with every response: a hash of the questionnaire's
// structure and all its wording, so any change to what people saw gives a new version.
import crypto from 'node:crypto';
import { QUESTIONNAIRE } from './questionnaire.js';
import { TEXT_EN } from './text-en.js';
import { TEXT_ES } from './text-es.js';
import { UI_EN } from './ui-en.js';
import { UI_ES } from './ui-es.js';

/** Deterministic JSON: object keys sorted, so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function instrumentHash(content: unknown): string {
  return `sha256:${crypto.createHash('sha256').update(canonical(content)).digest('hex').slice(0, 16)}`;
}

export const INSTRUMENT_VERSION = instrumentHash({ questionnaire: QUESTIONNAIRE, text: { en: TEXT_EN, es: TEXT_ES }, ui: { en: UI_EN, es: UI_ES } });
