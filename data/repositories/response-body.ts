// A submitted response as the writers take it: its own columns (everything but the wave and
// organization, which come from the invite it claims) as one array in a fixed column order.
// Why an array: a 60-key object built key by key drops to V8's slow dictionary shape, and
// building and copying it cost more than the rest of a request; an array is also what
// SQLite binds and what crosses to the writer thread cheaply.
import { VARIABLE_NAMES } from '../codebook.js';
import type { NewResponse } from '../database.js';

/** The columns of `ResponseBody.values`, in order. */
export const BODY_COLUMNS: readonly string[] = ['id', 'received_on', 'instrument_version', 'lang', 'source', ...VARIABLE_NAMES];

export type ResponseValue = string | number | null;

export interface ResponseBody {
  readonly id: string;
  /** One value per entry of BODY_COLUMNS; null for a question not answered or not shown. */
  readonly values: readonly ResponseValue[];
}

/** The `responses` row for a body sent to a wave and organization (for Kysely inserts). */
export function responseRow(body: ResponseBody, waveId: string, organizationId: string): NewResponse {
  const row: Record<string, ResponseValue> = { wave_id: waveId, organization_id: organizationId };
  BODY_COLUMNS.forEach((column, i) => {
    row[column] = body.values[i];
  });
  return row as unknown as NewResponse;
}
