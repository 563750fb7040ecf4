// Respondent selections shared by the analyses, over the scored wave's typed columns.
import type { ScoredWave } from '../aggregate.js';

export const ORGANIZER = 1; // 1 + index of 'organizer' in ROLES

/** Indices of respondents passing `keep`, in extraction order. */
export function select(sw: ScoredWave, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < sw.data.n; i++) if (keep(i)) out.push(i);
  return out;
}

export const isOrganizer = (sw: ScoredWave, i: number) => sw.data.role[i] === ORGANIZER;
