// The zod schema of a complete set of answers as tools send them to the API: one field
// per codebook variable, typed and ranged from data/codebook.ts, unknown fields rejected.
// Display logic and required questions are checked afterwards by validate.ts.
import { z } from 'zod';
import { VARIABLES, type Variable } from './codebook.js';

function fieldSchema(v: Variable): z.ZodType {
  switch (v.type.kind) {
    case 'category':
      return z.enum(v.type.values as [string, ...string[]]);
    case 'likert':
    case 'integer':
      return z.number().int().min(v.type.min).max(v.type.max);
    case 'flag':
      return z.literal([0, 1]);
    case 'text':
      return z.string().trim().max(v.type.maxLength);
  }
}

export const answersSchema = z.strictObject(
  Object.fromEntries(VARIABLES.map((v) => [v.name, fieldSchema(v).optional()])) as Record<string, z.ZodOptional<z.ZodType>>,
);
