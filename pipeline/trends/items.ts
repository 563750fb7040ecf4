// Per-item instrument fingerprints, and which items each trend series rests on. A series is
// compared across waves only when every item it rests on kept its wording (every language)
// and its response scale: a hash of exactly those parts of the instrument, taken at run time
// and recorded in results.json (`codebook.item_versions`), so a later wave can tell.
import { SCALES } from '../../instrument/codebook.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import { TEXT_EN } from '../../instrument/text-en.js';
import { TEXT_ES } from '../../instrument/text-es.js';
import type { Item } from '../../instrument/types.js';
import { instrumentHash } from '../../instrument/version.js';
import { SCORED_SCALES } from '../score.js';

type TextTable = Readonly<Record<string, string>>;

/** The wording keys an item shows: its question, help, wording variants, options and anchors. */
function textKeys(item: Item, table: TextTable): string[] {
  const keys = new Set<string>([`q.${item.id}`, `q.${item.id}.help`]);
  if (item.kind === 'likert') {
    for (const v of item.variants ?? []) keys.add(`q.${v.textId}`);
    for (let i = item.min; i <= item.max; i++) keys.add(`anchor.${item.anchors}.${i}`);
  }
  if (item.kind === 'single') for (const o of item.options) keys.add(`opt.${item.variable}.${o}`);
  if (item.kind === 'multi') for (const o of item.options) keys.add(`opt.${o}`);
  return [...keys].filter((k) => k in table).sort();
}

/** Item id → fingerprint of its structure (kind, range, reverse coding, options) and wording in every language. */
export function itemVersions(tables: { en: TextTable; es: TextTable } = { en: TEXT_EN, es: TEXT_ES }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of QUESTIONNAIRE.sections) {
    for (const item of section.items) {
      const { showIf: _shown, required: _required, ...structure } = item;
      const text = Object.fromEntries((['en', 'es'] as const).map((lang) => [lang, Object.fromEntries(textKeys(item, tables.en).map((k) => [k, tables[lang][k] ?? null]))]));
      out[item.id] = instrumentHash({ structure, text });
    }
  }
  return out;
}

const SCALE_ITEMS = new Map(SCALES.map((s) => [s.id, s.items]));
const items = (...scales: string[]) => scales.flatMap((s) => SCALE_ITEMS.get(s as never) ?? []);
const GROUPING = ['role', 'race'];

/** The items each confirmatory estimate rests on (outcome, orientation, who is in the group). */
const CONFIRMATORY_ITEMS: Record<string, string[]> = {
  'H1.sat_diff': [...items('sat', 'org', 'mob'), ...GROUPING],
  'H2.sep_rate_ratio': [...items('org', 'mob')],
  'H3.itl_diff': [...items('itl', 'org', 'mob'), ...GROUPING],
  'H4.orientation_diff': [...items('org', 'mob')],
  'H5.sat_interaction': [...items('sat', 'org', 'mob'), ...GROUPING, 'tenure_years'],
};

/** Items a series rests on; an unknown confirmatory id rests on every item (so any change stops the comparison). */
export function seriesItems(seriesId: string, all: readonly string[]): string[] {
  if (seriesId.startsWith('scale.')) return items(seriesId.slice('scale.'.length));
  return CONFIRMATORY_ITEMS[seriesId] ?? [...all];
}

/** Words for the study-wide scale series (DESIGN.md's key scales: satisfaction, intent to leave, the roots). */
export const SCALE_LABELS: Record<string, string> = {
  sat: 'Job satisfaction (1–7)',
  itl: 'Intent to leave (1–5)',
  org: 'Organizing practice (1–5)',
  mob: 'Mobilizing practice (1–5)',
  cul: 'Culture (1–5)',
  lcb: 'Leadership capacity building (1–5)',
  dec: 'Shared decisions (1–5)',
  val: 'Organizing work valued (1–5)',
};

/** The study-wide scale series, in report order. */
export const TREND_SCALES = SCORED_SCALES.filter((s) => s.id in SCALE_LABELS);

/** Items of `ids` whose fingerprints differ between two waves (or are missing from either). */
export function changedItems(ids: readonly string[], before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): string[] {
  return ids.filter((id) => !before[id] || !now[id] || before[id] !== now[id]);
}
