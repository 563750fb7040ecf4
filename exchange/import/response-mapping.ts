// The mapping file for responses exported by other tools: which source column is which
// codebook variable, how source values translate to codebook values, and which columns
// to ignore. Checked with zod so a mistake names the key at fault.
import fs from 'node:fs';
import { z } from 'zod';
import { InvalidInputError } from '../../data/errors.js';

export const ResponseMappingSchema = z.strictObject({
  /** Source column name → codebook variable, banded variable, org_code, lang or instrument_version. */
  columns: z.record(z.string(), z.string().min(1)).default({}),
  /** Per target variable: source value → codebook value (e.g. "Strongly agree" → "5"). */
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  /** Source columns to leave out (timestamps, names, IP addresses a survey tool added). */
  ignore: z.array(z.string()).default([]),
});

export type ResponseMapping = z.infer<typeof ResponseMappingSchema>;

export const EMPTY_MAPPING: ResponseMapping = { columns: {}, values: {}, ignore: [] };

export function parseMapping(json: unknown, source = 'the mapping'): ResponseMapping {
  const parsed = ResponseMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(top level)', message: i.message }));
    throw new InvalidInputError(`${source} is not a valid mapping: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Expected {"columns": {...}, "values": {...}, "ignore": [...]}.`, issues);
  }
  return parsed.data;
}

export function loadMapping(file: string): ResponseMapping {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InvalidInputError(`Cannot read the mapping file ${file}: ${(cause as Error).message}.`, [{ path: 'map', message: 'unreadable' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new InvalidInputError(`The mapping file ${file} is not JSON: ${(cause as Error).message}.`, [{ path: 'map', message: 'not JSON' }]);
  }
  return parseMapping(json, `The mapping file ${file}`);
}
