// Looking up wording by language, filling `{name}` placeholders, and choosing a language
// from Accept-Language. Unknown keys throw: a missing translation is a bug, not a blank.
import { TEXT_EN, type TextKey } from './text-en.js';
import { TEXT_ES } from './text-es.js';
import type { Lang } from './types.js';
import { UI_EN, type UiKey } from './ui-en.js';
import { UI_ES } from './ui-es.js';

const TEXTS: Record<Lang, Record<string, string>> = {
  en: { ...TEXT_EN, ...UI_EN },
  es: { ...TEXT_ES, ...UI_ES },
};

export type MessageKey = TextKey | UiKey;

export function hasText(key: string): boolean {
  return key in TEXTS.en && key in TEXTS.es;
}

/** The wording of `key` in `lang`, with `{name}` replaced from `params`. */
export function t(lang: Lang, key: MessageKey | string, params: Record<string, string | number> = {}): string {
  const text = TEXTS[lang][key];
  if (text === undefined) throw new Error(`No ${lang} wording for "${key}": add it to the instrument's text tables.`);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'es';
}

/**
 * The best of our languages for an Accept-Language header (q-values honoured), English
 * when nothing matches.
 */
export function langFromHeader(header: string | undefined | null): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranked) if (isLang(r.base)) return r.base;
  return 'en';
}
