// The instrument as data: it covers the codebook exactly, both languages are complete,
// the version is a content hash, and display logic, validation and row building agree.
import { describe, expect, it } from 'vitest';
import { REVERSE_CODED, SCALES, VARIABLES } from '../../instrument/codebook.js';
import { itemVariables, pruneHidden, visibleSections } from '../../instrument/display.js';
import { mergeSectionForm } from '../../survey/respond/form-fields.js';
import { hasText, langFromHeader, t } from '../../instrument/i18n.js';
import { QUESTIONNAIRE } from '../../instrument/questionnaire.js';
import { TEXT_EN } from '../../instrument/text-en.js';
import { TEXT_ES } from '../../instrument/text-es.js';
import { responseRow } from '../../data/submissions/response-body.js';
import { toResponseBody } from '../../survey/respond/to-body.js';
import type { Item } from '../../instrument/types.js';
import { UI_EN } from '../../instrument/ui-en.js';
import { UI_ES } from '../../instrument/ui-es.js';
import { validateAnswers, validateSection } from '../../instrument/validate.js';
import { INSTRUMENT_VERSION, instrumentHash } from '../../instrument/version.js';

const items: Item[] = QUESTIONNAIRE.sections.flatMap((s) => [...s.items]);

describe('the questionnaire', () => {
  it('asks every codebook variable exactly once, with the codebook\'s values and ranges', () => {
    const asked = items.flatMap(itemVariables);
    expect([...asked].sort()).toEqual(VARIABLES.map((v) => v.name).sort());
    for (const item of items) {
      const v = VARIABLES.find((x) => 'variable' in item && x.name === item.variable);
      if (item.kind === 'single') expect(v?.type).toEqual({ kind: 'category', values: item.options });
      if (item.kind === 'likert') {
        const scale = SCALES.find((s) => s.items.includes(item.variable))!;
        expect([item.scale, item.min, item.max, item.reverse]).toEqual([scale.id, scale.min, scale.max, REVERSE_CODED.has(item.variable)]);
      }
    }
    expect(items.find((i) => i.id === 'sat_2r')).toMatchObject({ reverse: true, max: 7 });
  });

  it('has every wording in English and Spanish, none blank, and no Spanish left in English', () => {
    const keys = new Set<string>();
    for (const s of QUESTIONNAIRE.sections) keys.add(`section.${s.id}.title`).add(`section.${s.id}.intro`);
    for (const item of items) {
      keys.add(`q.${item.id}`);
      if (item.kind === 'single') {
        for (const o of item.options) keys.add(`opt.${item.variable}.${o}`);
        if (item.selfDescribe) keys.add(`q.${item.selfDescribe.variable}`);
      }
      if (item.kind === 'multi') {
        for (const o of [...item.options, ...(item.exclusive ? [item.exclusive] : [])]) keys.add(`opt.${o}`);
        if (item.selfText) keys.add(`q.${item.selfText.variable}`);
      }
      if (item.kind === 'likert') {
        for (let n = item.min; n <= item.max; n++) keys.add(`anchor.${item.anchors}.${n}`);
        for (const v of item.variants ?? []) keys.add(`q.${v.textId}`);
      }
    }
    for (const key of keys) expect(hasText(key), key).toBe(true);
    expect(Object.keys(TEXT_ES).sort()).toEqual(Object.keys(TEXT_EN).sort());
    expect(Object.keys(UI_ES).sort()).toEqual(Object.keys(UI_EN).sort());
    for (const table of [TEXT_EN, TEXT_ES, UI_EN, UI_ES]) for (const [k, v] of Object.entries(table)) expect(v.trim(), k).not.toBe('');
    const same = Object.keys(TEXT_EN).filter((k) => TEXT_EN[k as keyof typeof TEXT_EN] === TEXT_ES[k as keyof typeof TEXT_EN]);
    expect(same).toEqual(['opt.looking.no', 'opt.stay_2y.no']);
    expect(t('es', 'consent.who.1', { k: 7 })).toContain('al menos 7 personas');
  });

  it('warns against naming people in the comment, and states the time', () => {
    expect(t('en', 'q.comment.help')).toMatch(/do not name anyone/);
    expect(t('es', 'q.comment.help')).toMatch(/no nombre a nadie/);
    expect(QUESTIONNAIRE.minutes).toBe(12);
  });

  it('versions the instrument by its content', () => {
    expect(INSTRUMENT_VERSION).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(instrumentHash({ a: 1, b: [1, 2] })).toBe(instrumentHash({ b: [1, 2], a: 1 }));
    expect(instrumentHash({ a: 'Strongly agree' })).not.toBe(instrumentHash({ a: 'Strongly  agree' }));
  });
});

describe('display logic, validation and rows', () => {
  const base = { role: 'program', tenure_years: 2, fte: 'full', race_white: 1, gender: 'man', age_band: '45_54', looking: 'no', stay_2y: 'yes' };

  it('shows reasons for leaving only to those who might leave', () => {
    expect(visibleSections(base).map((s) => s.id)).not.toContain('leaving');
    expect(visibleSections({ ...base, looking: 'yes' }).map((s) => s.id)).toContain('leaving');
    expect(visibleSections({ ...base, stay_2y: 'unsure' }).map((s) => s.id)).toContain('leaving');
  });

  it('drops answers a person is no longer shown, and refuses them from the API', () => {
    const stale = { ...base, leave_reason_pay: 1, gender_self: 'x' };
    expect(pruneHidden(stale)).toEqual(base);
    expect(validateAnswers(stale).map((i) => [i.path, i.code])).toEqual([['leave_reason_pay', 'notShown'], ['gender_self', 'notShown']]);
    expect(validateAnswers(base)).toEqual([]);
  });

  it('requires demographics with an exclusive "prefer not to say", and ranges numbers', () => {
    const you = QUESTIONNAIRE.sections.find((s) => s.id === 'you')!;
    expect(validateSection(you, {}).map((i) => i.code)).toEqual(['requiredMulti', 'required', 'required']);
    expect(validateSection(you, { race_self: 'Afro-Caribbean', gender: 'prefer_not', age_band: 'prefer_not' })).toEqual([]);
    expect(validateSection(you, { race_decline: 1, race_black: 1, gender: 'man', age_band: '25_34' }).map((i) => i.code)).toEqual(['exclusive']);
    expect(validateAnswers({ ...base, tenure_years: 61 }).map((i) => i.code)).toEqual(['integer']);
    expect(validateAnswers({ ...base, sat_1: 8 }).map((i) => i.code)).toEqual(['choice']);
  });

  it('reads a section form leniently, clearing unticked boxes and keeping what was typed', () => {
    const work = QUESTIONNAIRE.sections.find((s) => s.id === 'work')!;
    expect(mergeSectionForm(work, { role: 'organizer', tenure_years: ' 3.5 ', fte: '' }, { fte: 'full', org_1: 4 })).toEqual({ role: 'organizer', tenure_years: '3.5', org_1: 4 });
    const you = QUESTIONNAIRE.sections.find((s) => s.id === 'you')!;
    expect(mergeSectionForm(you, { race_asian: '1' }, { race_black: 1 })).toEqual({ race_asian: 1 });
  });

  it('stores unticked shown boxes as 0 and never-shown boxes as null', () => {
    const row = responseRow(toResponseBody({ ...base, comment: 'ok' }, { id: 'x', receivedOn: '2026-11-28', lang: 'en', source: 'web' }), 'w', 'o');
    expect(row).toMatchObject({ race_white: 1, race_black: 0, race_decline: 0, leave_reason_pay: null, gender_self: null, org_1: null, comment: 'ok', tenure_years: 2 });
  });

  it('picks the language from Accept-Language with q-values', () => {
    expect(langFromHeader('es-MX,es;q=0.9')).toBe('es');
    expect(langFromHeader('fr-FR, es;q=0.5, en;q=0.8')).toBe('en');
    expect(langFromHeader('de, es;q=0.1')).toBe('es');
    expect(langFromHeader('de')).toBe('en');
    expect(langFromHeader(undefined)).toBe('en');
  });
});
