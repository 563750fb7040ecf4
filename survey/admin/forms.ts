// Helpers shared by the admin pages: reading form fields (zod-checked), turning a typed
// error into messages next to the right fields, and reading an uploaded CSV as UTF-8 text.
import type { Context } from 'hono';
import { z } from 'zod';
import { InvalidInputError, RootworkError } from '../../data/errors.js';
import type { FieldError } from '../views/admin/shell.js';

const formSchema = z.record(z.string(), z.union([z.string(), z.instanceof(File), z.array(z.union([z.string(), z.instanceof(File)]))]));

/** The posted form as trimmed strings (files and repeated fields are left out). */
export async function formStrings(c: Context): Promise<Record<string, string>> {
  const body = formSchema.parse(await c.req.parseBody());
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v.trim();
  return out;
}

export const blankToUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
export const optionalInt = (v: string | undefined) => (blankToUndefined(v) === undefined ? undefined : Number(v));

/** The uploaded file of field `name` as UTF-8 text, or a clear error. */
export async function uploadedCsv(c: Context, name = 'file'): Promise<string> {
  const body = await c.req.parseBody();
  const file = body[name];
  if (!(file instanceof File) || file.size === 0) throw new InvalidInputError('Choose a CSV file to upload.', [{ path: name, message: 'Choose a CSV file to upload.' }]);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch (cause) {
    throw new InvalidInputError(`${file.name} is not UTF-8 text: in your spreadsheet, save it as "CSV UTF-8".`, [{ path: name, message: String((cause as Error).message) }]);
  }
}

export const HTTP_STATUS: Record<RootworkError['code'], 404 | 409 | 422 | 500 | 503 | 403> = {
  config: 500, database_unreachable: 503, database_unwritable: 503, schema_newer: 503,
  not_found: 404, conflict: 409, invalid_input: 422, forbidden: 403,
};

/**
 * Messages for the page from a failed action: each issue next to its field (ids mapped by
 * `fields`), anything else at the top. Unexpected errors are rethrown for onError.
 */
export function pageErrors(err: unknown, fields: Record<string, string> = {}): { status: 404 | 409 | 422 | 500 | 503 | 403; errors: FieldError[] } {
  if (!(err instanceof RootworkError)) throw err;
  const status = HTTP_STATUS[err.code];
  if (err instanceof InvalidInputError && err.issues.length > 0) {
    // CSV reports name rows and columns, not form fields: list them all at the top.
    const errors = err.issues.map((i) => (i.path in fields ? { field: fields[i.path], message: i.message } : { field: '', message: i.path.startsWith('row ') ? `${i.path}: ${i.message}` : i.message }));
    return { status, errors };
  }
  return { status, errors: [{ field: '', message: err.message }] };
}
