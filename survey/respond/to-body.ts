// Turns validated answers into a `responses` row (less its wave and organization, which the
// submission writer takes from the invite it claims): every codebook column set, unanswered
// ones null, and a shown multi-select's unticked boxes 0 (shown, not ticked) rather than
// null (never shown), so analysts can tell "no" from "not asked".
import { VARIABLES } from '../../instrument/codebook.js';
import type { Lang, ResponseSource } from '../../data/database.js';
import { BODY_COLUMNS, responseBody, type ResponseBody, type ResponseValue } from '../../data/submissions/response-body.js';
import { display, type Display } from '../../instrument/display.js';
import type { Answers } from '../../instrument/types.js';
import { INSTRUMENT_VERSION } from '../../instrument/version.js';

export interface RowContext {
  id: string;
  receivedOn: string;
  lang: Lang;
  source: ResponseSource;
}

const COLUMN_INDEX = new Map(BODY_COLUMNS.map((column, i) => [column, i]));

function at(column: string): number {
  const i = COLUMN_INDEX.get(column);
  if (i === undefined) throw new Error(`The instrument sets ${column}, which is not a column of responses.`);
  return i;
}

// Each codebook variable with its place in the row, looked up once.
const VARIABLE_SLOTS = VARIABLES.map((v) => ({ name: v.name, index: at(v.name) }));

export function toResponseBody(answers: Answers, ctx: RowContext, shown: Display = display(answers)): ResponseBody {
  const values: ResponseValue[] = new Array<ResponseValue>(BODY_COLUMNS.length).fill(null);
  values[at('id')] = ctx.id;
  values[at('received_on')] = ctx.receivedOn;
  values[at('instrument_version')] = INSTRUMENT_VERSION;
  values[at('lang')] = ctx.lang;
  values[at('source')] = ctx.source;
  for (const { name, index } of VARIABLE_SLOTS) {
    const answer = answers[name];
    if (answer !== undefined && answer !== '' && shown.variables.has(name)) values[index] = answer;
  }
  for (const { items } of shown.sections) {
    for (const item of items) {
      if (item.kind !== 'multi') continue;
      for (const flag of item.options) values[at(flag)] = answers[flag] === 1 ? 1 : 0;
      if (item.exclusive) values[at(item.exclusive)] = answers[item.exclusive] === 1 ? 1 : 0;
    }
  }
  return responseBody(values);
}
