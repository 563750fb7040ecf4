// Turns validated answers into a `responses` row: every codebook column set, unanswered
// ones null, and a shown multi-select's unticked boxes 0 (shown, not ticked) rather than
// null (never shown), so analysts can tell "no" from "not asked".
import { VARIABLES } from '../../data/codebook.js';
import type { Lang, NewResponse, ResponseSource } from '../../data/database.js';
import { visibleItems, visibleSections, visibleVariables } from './display.js';
import type { Answers } from './types.js';
import { INSTRUMENT_VERSION } from './version.js';

export interface RowContext {
  id: string;
  waveId: string;
  organizationId: string;
  receivedOn: string;
  lang: Lang;
  source: ResponseSource;
}

export function toResponseRow(answers: Answers, ctx: RowContext): NewResponse {
  const values: Record<string, string | number | null> = {};
  const shown = visibleVariables(answers);
  for (const v of VARIABLES) {
    const answer = answers[v.name];
    values[v.name] = shown.has(v.name) && answer !== undefined && answer !== '' ? answer : null;
  }
  for (const section of visibleSections(answers)) {
    for (const item of visibleItems(section, answers)) {
      if (item.kind !== 'multi') continue;
      for (const flag of [...item.options, ...(item.exclusive ? [item.exclusive] : [])]) values[flag] = answers[flag] === 1 ? 1 : 0;
    }
  }
  return {
    ...(values as unknown as NewResponse),
    id: ctx.id,
    wave_id: ctx.waveId,
    organization_id: ctx.organizationId,
    received_on: ctx.receivedOn,
    instrument_version: INSTRUMENT_VERSION,
    lang: ctx.lang,
    source: ctx.source,
  };
}
