// Text Rootwork stores must not contain NUL (U+0000): PostgreSQL refuses it in text columns,
// so it is refused on every dialect, naming the field, before anything is written, and
// both databases behave alike. (CSV imports and survey answers check it where they parse.)
import { InvalidInputError } from './errors.js';

export const NUL_MESSAGE = 'Contains a NUL character (code 0), which cannot be stored: remove it.';

/** Throws InvalidInputError naming every field whose text contains NUL. */
export function refuseNul(fields: Record<string, string | null | undefined>, what: string): void {
  const bad = Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.includes('\u0000')).map(([path]) => path);
  if (bad.length === 0) return;
  throw new InvalidInputError(`${what}: ${bad.join(', ')} contains a NUL character (code 0), which cannot be stored: remove it.`, bad.map((path) => ({ path, message: NUL_MESSAGE })));
}
