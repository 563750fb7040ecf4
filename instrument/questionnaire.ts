// The Rootwork staff questionnaire: every core codebook variable, grouped into short
// sections in the order a person answers them. Structure only; wording is in text-*.ts.
import { AGE_BANDS, FTE, GENDERS, LEAVE_REASONS, RACE_CATEGORIES, REVERSE_CODED, ROLES, STAY_2Y, YES_NO } from './codebook.js';
import type { Condition, Item, LikertItem, Questionnaire } from './types.js';

const ORGANIZER: Condition = { variable: 'role', in: ['organizer'] };

/** Those who might leave: looking for a job, or not sure to stay two more years. */
export const MIGHT_LEAVE: Condition = {
  any: [
    { variable: 'looking', in: ['yes'] },
    { variable: 'stay_2y', in: ['no', 'unsure'] },
  ],
};

function agree(variable: string, scale: LikertItem['scale'], extra: Partial<LikertItem> = {}): LikertItem {
  const seven = scale === 'sat';
  return {
    kind: 'likert',
    id: variable,
    variable,
    scale,
    min: 1,
    max: seven ? 7 : 5,
    reverse: REVERSE_CODED.has(variable),
    anchors: seven ? 'agree7' : 'agree5',
    // Ratings are optional: forcing an answer invites guesses, and each scale is scored
    // from two thirds of its items (DESIGN.md), so a skipped statement costs little.
    required: false,
    ...extra,
  };
}

const likerts = (prefix: string, n: number, scale: LikertItem['scale']): Item[] =>
  Array.from({ length: n }, (_, i) => agree(`${prefix}_${i + 1}`, scale));

export const QUESTIONNAIRE: Questionnaire = {
  minutes: 12,
  sections: [
    {
      id: 'work',
      items: [
        { kind: 'single', id: 'role', variable: 'role', options: ROLES, required: true },
        { kind: 'integer', id: 'tenure_years', variable: 'tenure_years', min: 0, max: 60, required: true },
        { kind: 'single', id: 'fte', variable: 'fte', options: FTE, required: true },
      ],
    },
    {
      id: 'you',
      items: [
        {
          kind: 'multi',
          id: 'race',
          options: RACE_CATEGORIES,
          exclusive: 'race_decline',
          selfText: { variable: 'race_self', maxLength: 200 },
          required: true,
        },
        {
          kind: 'single',
          id: 'gender',
          variable: 'gender',
          options: GENDERS,
          selfDescribe: { value: 'self_describe', variable: 'gender_self', maxLength: 200 },
          required: true,
        },
        { kind: 'single', id: 'age_band', variable: 'age_band', options: AGE_BANDS, required: true },
      ],
    },
    { id: 'organizing', items: likerts('org', 4, 'org') },
    { id: 'mobilizing', items: likerts('mob', 4, 'mob') },
    { id: 'bridge', items: likerts('br', 3, 'bridge') },
    { id: 'culture', items: [...likerts('cul', 3, 'cul'), ...likerts('lcb', 3, 'lcb')] },
    {
      id: 'decisions',
      items: [
        ...likerts('dec', 3, 'dec'),
        // Organizers are asked about their own work; everyone else about organizing work here.
        agree('val_1', 'val', { variants: [{ when: ORGANIZER, textId: 'val_1.organizer' }] }),
        agree('val_2', 'val', { variants: [{ when: ORGANIZER, textId: 'val_2.organizer' }] }),
      ],
    },
    { id: 'satisfaction', items: [agree('sat_1', 'sat'), agree('sat_2r', 'sat'), agree('sat_3', 'sat')] },
    {
      id: 'future',
      items: [
        ...likerts('itl', 3, 'itl'),
        { kind: 'single', id: 'looking', variable: 'looking', options: YES_NO, required: true },
        { kind: 'single', id: 'stay_2y', variable: 'stay_2y', options: STAY_2Y, required: true },
      ],
    },
    {
      id: 'leaving',
      showIf: MIGHT_LEAVE,
      items: [{ kind: 'multi', id: 'leave_reason', options: LEAVE_REASONS, required: false }],
    },
    {
      id: 'comment',
      items: [{ kind: 'textarea', id: 'comment', variable: 'comment', maxLength: 4000, required: false }],
    },
  ],
};
