// Number and label formatting shared by every report, so a figure reads the same in a
// sentence, a table and a chart caption (tests compare sentences against results.json).
import type { OrientationType } from '../pipeline/results.js';

const MINUS = '\u2212';

/** A signed or unsigned fixed-decimal number with a typographic minus; '—' for null. */
export function fmt(x: number | null | undefined, digits = 2, signed = false): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const r = Number(x.toFixed(digits));
  // -0.00 would read as a direction that is not there.
  const v = Object.is(r, -0) || r === 0 ? 0 : r;
  const body = Math.abs(v).toFixed(digits);
  if (v < 0) return MINUS + body;
  return signed && v > 0 ? '+' + body : body;
}

export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export function fmtPct(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return (x * 100).toFixed(digits) + '%';
}

export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st... */
export function ordinal(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const v = Math.round(n);
  const teen = v % 100 >= 11 && v % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[v % 10] ?? 'th';
  return `${v}${suffix}`;
}

export function fmtCi(lo: number | null, hi: number | null, digits = 2): string {
  if (lo === null || hi === null) return '—';
  return `${fmt(lo, digits)} to ${fmt(hi, digits)}`;
}

/** Parses a number printed by fmt/fmtPct back, for tests that read the text. */
export function parseFormatted(s: string): number {
  return Number(s.replace(MINUS, '-').replace(/[+,%]/g, ''));
}

export const TYPE_LABELS: Record<OrientationType, string> = {
  organizing: 'organizing-focused',
  mobilizing: 'mobilizing-focused',
  integrated: 'integrated',
  low: 'low-intensity',
};

const RACE_GROUP_LABELS: Record<string, string> = { poc: 'organizers of color', white: 'white organizers' };

/** The pipeline's group keys ("organizing · poc", "low") in words; other labels pass through. */
export function groupLabel(group: string): { type: string; race: string | null; label: string } {
  const [a, b] = group.split(/\s*·\s*/);
  const type = (TYPE_LABELS as Record<string, string>)[a];
  if (!type) return { type: group, race: null, label: group };
  const t = type.charAt(0).toUpperCase() + type.slice(1);
  const race = b === undefined ? null : (RACE_GROUP_LABELS[b] ?? b);
  return { type: t, race, label: race ? `${t}, ${race}` : t };
}

export function leadershipLabel(pocLed: boolean | null): string {
  return pocLed === null ? 'leadership unknown' : pocLed ? 'led by people of color' : 'white-led';
}

/** Scale scores the reports show, with their range and which direction is better. */
export const SCALE_LABELS: Record<string, { label: string; range: string; higherIsBetter: boolean | null }> = {
  satisfaction_score: { label: 'Job satisfaction', range: '1–7', higherIsBetter: true },
  intent_to_leave_score: { label: 'Intent to leave', range: '1–5', higherIsBetter: false },
  culture_score: { label: 'Culture and belonging', range: '1–5', higherIsBetter: true },
  leadership_cb_score: { label: 'Leadership commitment to community building', range: '1–5', higherIsBetter: true },
  decision_score: { label: 'Inclusive decision making', range: '1–5', higherIsBetter: true },
  valued_score: { label: 'Organizing valued as much as other programs', range: '1–5', higherIsBetter: true },
  organizing_score: { label: 'Organizing practices', range: '1–5', higherIsBetter: null },
  mobilizing_score: { label: 'Mobilizing practices', range: '1–5', higherIsBetter: null },
};

export function scaleLabel(name: string): string {
  return SCALE_LABELS[name]?.label ?? name.replace(/_/g, ' ');
}

export const STAFF_GROUP_LABELS: Record<string, string> = {
  organizer_poc: 'Organizers of color',
  organizer_white: 'White organizers',
  organizer_unknown: 'Organizers, race not recorded',
  other_poc: 'Other staff of color',
  other_white: 'Other white staff',
  other_unknown: 'Other staff, race not recorded',
};

export function staffGroupLabel(g: string): string {
  return STAFF_GROUP_LABELS[g] ?? g.replace(/_/g, ' ');
}

// Item codes as the instrument names them, in words: "br_2" → "bridge question 2".
const ITEM_WORDS: Record<string, string> = {
  br: 'bridge question',
  org: 'organizing item',
  mob: 'mobilizing item',
  sat: 'satisfaction item',
  itl: 'intent-to-leave item',
};

/**
 * Text written by the pipeline (labels, populations, notes, reasons) in plain words for the
 * reports: item codes and score names become words, backticked answer codes become quoted
 * words, and "k" becomes its number. Idempotent; used on any text a reader sees.
 */
export function plainText(s: string, k: number): string {
  let t = s
    .replace(/`([^`]*)`/g, '“$1”')
    .replace(/\b[Bb]ridge question br_(\d+)/g, (m, n: string) => `${m[0]}ridge question ${n}`)
    .replace(/\b(br|org|mob|sat|itl)_(\d+)r?\b/g, (_, code: string, n: string) => `${ITEM_WORDS[code]} ${n}`)
    .replace(/\b([a-z]+(?:_[a-z]+)*)_score\b/g, (m) => scaleLabel(m).toLowerCase())
    .replace(/\bleadership cb score\b/g, 'leadership commitment to community building')
    .replace(/\b(culture|decision|valued|satisfaction|intent to leave|organizing|mobilizing) score\b/g, (m) => {
      const key = m.replace(/ /g, '_').replace(/_score$/, '') + '_score';
      return (SCALE_LABELS[key]?.label ?? m).toLowerCase();
    })
    .replace(/\s*×\s*poc\b/g, ' and race')
    .replace(/\bpoc\b/g, 'person of color');
  t = t.replace(/\bfewer than k = (\d+)/g, 'fewer than $1').replace(/\bk = (\d+)/g, 'the minimum of $1');
  // Any other lone k ("1 to k − 1") is its number; k̃ (a mean group size in a formula) is not k.
  t = t.replace(/\bk\b(?![\u0300-\u036f])/g, String(k));
  return t;
}
