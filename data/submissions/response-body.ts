// A submitted response as the writers take it: its own columns (everything but the wave and
// organization, which come from the invite it claims) as ONE JSON object text, every column
// present (null when not answered or not shown), keys in BODY_COLUMNS order.
//
// Why text: on a SQLite file the writer runs on a thread of its own, and a string crosses
// between threads as one copy, where ~60 separate values would each be cloned on the
// request thread; PostgreSQL's batch statement takes the same text as is.
import { VARIABLE_NAMES } from '../../instrument/codebook.js';
import type { NewResponse } from '../database.js';

/** The columns of a `ResponseBody`, in order. */
export const BODY_COLUMNS: readonly string[] = ['id', 'received_on', 'instrument_version', 'lang', 'source', ...VARIABLE_NAMES];

export type ResponseValue = string | number | null;

export interface ResponseBody {
  readonly id: string;
  /** `{"id":…,"received_on":…,…}`: one key per entry of BODY_COLUMNS. */
  readonly json: string;
}

// Key prefixes serialised once: a body is then string joins, not an object per response.
const KEYS = BODY_COLUMNS.map((column) => `${JSON.stringify(column)}:`);

/** The body holding these values, one per entry of BODY_COLUMNS (the first is the id). */
export function responseBody(values: readonly ResponseValue[]): ResponseBody {
  if (values.length !== BODY_COLUMNS.length || typeof values[0] !== 'string') {
    throw new Error(`A response body takes ${BODY_COLUMNS.length} values starting with its id (got ${values.length}).`);
  }
  let json = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Most values are small integers or null: written directly, not through JSON.stringify.
    const text = v === null ? 'null' : typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : JSON.stringify(v);
    json += (i === 0 ? '' : ',') + KEYS[i] + text;
  }
  return { id: values[0], json: json + '}' };
}

/** The `responses` row for a body sent to a wave and organization (for Kysely inserts). */
export function responseRow(body: ResponseBody, waveId: string, organizationId: string): NewResponse {
  return { ...(JSON.parse(body.json) as NewResponse), wave_id: waveId, organization_id: organizationId };
}
