// How extract.ts asks the database for a response (RESPONSE_COLUMNS): answers packed into a
// few integers by SQL arithmetic (portable across SQLite and PostgreSQL) and unpacked here.
// Marshalling a value from the driver costs far more than the arithmetic, so five integers
// per row read several times faster than fifty columns.
import { sql, type RawBuilder } from 'kysely';
import type { ResponseColumn } from '../data/readers/wave-responses.js';
import { AGE_BANDS, GENDERS, RACE_CATEGORIES, ROLES, SCALES } from '../instrument/codebook.js';

export const ITEMS = SCALES.flatMap((s) => s.items.map((item) => ({ item, min: s.min, max: s.max })));

/** Items per packed column: 10 × 3 bits < 2^31, inside PostgreSQL's integer. */
export const PER_WORD = 10;
export const ITEM_WORDS = Math.ceil(ITEMS.length / PER_WORD);

const ref = (c: string) => sql.ref(c);
// BETWEEN rather than two comparisons: SQLite reads the column once, about a quarter less
// time per answer over a million rows; the meaning is the same on both dialects.
const inRange = (c: string, min: number, max: number) => sql`(${ref(c)} between ${sql.lit(min)} and ${sql.lit(max)})`;

/**
 * Weight of an out-of-range answer in its word: above the 30 packed bits, so the word also
 * counts its invalid answers (≤ 10 · 2^31 < 2^35, exact in a double). 2^31 is outside
 * PostgreSQL's integer, so the sum is a bigint there (read as a string, hence Number()).
 */
export const INVALID_WEIGHT = 2 ** 31;

/**
 * Word w: Σ item_j · 8^j over its items, an unanswered answer counting as 0 and an
 * out-of-range one as INVALID_WEIGHT — one CASE per answer classifies it for both the
 * packed value and the invalid count (a separate count expression cost a second pass of
 * range checks per row).
 */
export function itemWord(w: number): RawBuilder<number> {
  const parts = ITEMS.slice(w * PER_WORD, (w + 1) * PER_WORD).map(
    ({ item, min, max }, j) =>
      sql`(case when ${inRange(item, min, max)} then ${ref(item)} * ${sql.lit(8 ** j)} when ${ref(item)} is null then 0 else ${sql.lit(INVALID_WEIGHT)} end)`,
  );
  return sql<number>`${sql.join(parts, sql` + `)}`;
}

const codeOf = (column: string, values: readonly string[]) =>
  sql`(case ${ref(column)} ${sql.join(values.map((v, i) => sql`when ${sql.lit(v)} then ${sql.lit(i + 1)}`), sql` `)} else 0 end)`;

// Bit layout of the person word (all < 2^31).
const RACE_BITS = 0; // 7 categories, bit 7 decline, bit 8 self-description given
const LOOKING = 9; // 2 bits: 0 missing, 1 no, 2 yes
const ROLE = 11; // 4 bits
const GENDER = 15; // 3 bits
const AGE = 18; // 3 bits

export function personWord(): RawBuilder<number> {
  const flags = [...RACE_CATEGORIES, 'race_decline'].map((c, i) => sql`(case when ${ref(c)} = 1 then ${sql.lit(2 ** (RACE_BITS + i))} else 0 end)`);
  return sql<number>`${sql.join([
    ...flags,
    sql`(case when ${ref('race_self')} is not null and trim(${ref('race_self')}) <> '' then ${sql.lit(2 ** 8)} else 0 end)`,
    sql`(case ${ref('looking')} when 'no' then ${sql.lit(2 ** LOOKING)} when 'yes' then ${sql.lit(2 * 2 ** LOOKING)} else 0 end)`,
    sql`${codeOf('role', ROLES)} * ${sql.lit(2 ** ROLE)}`,
    sql`${codeOf('gender', GENDERS)} * ${sql.lit(2 ** GENDER)}`,
    sql`${codeOf('age_band', AGE_BANDS)} * ${sql.lit(2 ** AGE)}`,
  ], sql` + `)}`;
}

export interface Person {
  poc: -1 | 0 | 1;
  declined: 0 | 1;
  looking: -1 | 0 | 1;
  role: number;
  gender: number;
  ageBand: number;
}

/** Decodes the person word; poc follows derivePoc (a refusal wins, self-description counts as a category other than white). */
export function decodePerson(word: number): Person {
  const declined = (word >>> 7) & 1;
  const nonWhite = (word & 0b0111111) !== 0 || ((word >>> 8) & 1) === 1;
  const white = ((word >>> 6) & 1) === 1;
  const looking = (word >>> LOOKING) & 3;
  return {
    poc: declined ? -1 : nonWhite ? 1 : white ? 0 : -1,
    declined: declined as 0 | 1,
    looking: looking === 2 ? 1 : looking === 1 ? 0 : -1,
    role: (word >>> ROLE) & 15,
    gender: (word >>> GENDER) & 7,
    ageBand: (word >>> AGE) & 7,
  };
}

/** The item columns of each word, in packing order: decoding by index avoids a keyed lookup per answer. */
export function wordColumns(items: Record<string, Uint8Array>): Uint8Array[][] {
  return WORD_ITEMS.map((names) => names.map((name) => items[name]));
}

const WORD_ITEMS: string[][] = Array.from({ length: ITEM_WORDS }, (_, w) => ITEMS.slice(w * PER_WORD, (w + 1) * PER_WORD).map((x) => x.item));

/** Names of the packed item words in RESPONSE_COLUMNS, built once. */
export const WORD_KEYS = Array.from({ length: ITEM_WORDS }, (_, w) => `w${w}`);

/**
 * What extract.ts reads of each response. instrument_version rides along as a distinct
 * set: one short string per row costs less than a second scan of the wave for
 * `select distinct`.
 */
export const RESPONSE_COLUMNS: readonly ResponseColumn[] = [
  { name: 'tenure_years', kind: 'number' },
  { name: 'instrument_version', kind: 'distinct' },
  // PostgreSQL computes the words as bigint (INVALID_WEIGHT), sent as strings: numeric.
  { name: 'person', kind: 'numeric', expression: personWord() },
  ...WORD_KEYS.map((name, w): ResponseColumn => ({ name, kind: 'numeric', expression: itemWord(w) })),
];
