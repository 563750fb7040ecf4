// The shape of the questionnaire as typed data: sections of items, each item bound to
// codebook variables (data/codebook.ts), with display conditions. Wording lives apart,
// in one text table per language, so translators touch only text.
import type { ScaleId } from './codebook.js';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

/** A display condition on earlier answers: true when the answer is one of `in`. */
export type Condition =
  | { variable: string; in: readonly string[] }
  | { any: readonly Condition[] };

interface ItemBase {
  /** Stable id: the HTML field name and the key of its wording (`q.<id>`). */
  id: string;
  required: boolean;
  showIf?: Condition;
}

/** One choice among codebook category values; labels are `opt.<variable>.<value>`. */
export interface SingleItem extends ItemBase {
  kind: 'single';
  variable: string;
  options: readonly string[];
  /** A free-text variable kept only when the answer is `value` (e.g. self-described gender). */
  selfDescribe?: { value: string; variable: string; maxLength: number };
}

export type AnchorSet = 'agree5' | 'agree7';

/** A statement rated on a scale; wording may vary by an earlier answer (`variants`). */
export interface LikertItem extends ItemBase {
  kind: 'likert';
  variable: string;
  scale: ScaleId;
  min: number;
  max: number;
  reverse: boolean;
  anchors: AnchorSet;
  /** Alternative wording keys, first matching condition wins (e.g. organizers' own work). */
  variants?: readonly { when: Condition; textId: string }[];
}

/** Tick-all-that-apply over flag variables; `exclusive` (prefer not to say) excludes the rest. */
export interface MultiItem extends ItemBase {
  kind: 'multi';
  options: readonly string[];
  exclusive?: string;
  /** A free-text "another identity" box counted as an answer to the question. */
  selfText?: { variable: string; maxLength: number };
}

export interface IntegerItem extends ItemBase {
  kind: 'integer';
  variable: string;
  min: number;
  max: number;
}

export interface TextItem extends ItemBase {
  kind: 'textarea';
  variable: string;
  maxLength: number;
}

export type Item = SingleItem | LikertItem | MultiItem | IntegerItem | TextItem;

export interface Section {
  /** Stable id: wording keys `section.<id>.title` and `section.<id>.intro`. */
  id: string;
  items: readonly Item[];
  showIf?: Condition;
}

export interface Questionnaire {
  sections: readonly Section[];
  /** Minutes a typical person needs; stated on the consent page. */
  minutes: number;
}

/** Answers collected so far: codebook variable -> value; absent means not answered. */
export type Answers = Record<string, string | number>;
