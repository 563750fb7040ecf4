// fast-check generators of bad input: malformed JSON, wrong types, huge values, missing and
// extra fields, hostile CSV (quotes, newlines, delimiters, formulas, BOMs) and wrong encodings.
import fc from 'fast-check';
import { SAMPLE_ANSWERS } from '../../kit/payload.js';

const ANSWER_NAMES = Object.keys(SAMPLE_ANSWERS);

/** A value of the wrong kind, or of the right kind out of range. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(-1, 0, 8, 99, 1e308, -1e308, 2.5, Number.MAX_SAFE_INTEGER, true, false, null, [], {}, '', '5', 'organizer ', 'a\u0000b', '\u0000'),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** SAMPLE_ANSWERS with some fields removed, replaced by wrong values, or unknown fields added. */
export const mutatedAnswers: fc.Arbitrary<Record<string, unknown>> = fc.record({
  drop: fc.subarray(ANSWER_NAMES, { maxLength: 5 }),
  replace: fc.dictionary(fc.constantFrom(...ANSWER_NAMES), wrongValue, { maxKeys: 3 }),
  extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !ANSWER_NAMES.includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
}).filter((m) => Object.keys(m.replace).length + Object.keys(m.extra).length > 0)
  .map((m) => {
    const answers: Record<string, unknown> = { ...SAMPLE_ANSWERS };
    for (const k of m.drop) delete answers[k];
    return { ...answers, ...m.replace, ...m.extra };
  });

/** A request body that is not a valid submission, whatever code it carries. */
export function badSubmissionBody(code: string): fc.Arbitrary<{ body: string | Uint8Array; contentType: string; label: string }> {
  const json = (value: unknown, label: string) => ({ body: JSON.stringify(value), contentType: 'application/json', label });
  return fc.oneof(
    mutatedAnswers.map((answers) => json({ code, lang: 'en', answers }, 'mutated answers')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => json(v, 'random JSON')),
    fc.record({ code: wrongValue, lang: fc.oneof(wrongValue, fc.constant('en')), answers: fc.oneof(wrongValue, fc.constant(SAMPLE_ANSWERS)) }, { requiredKeys: [] })
      .map((v) => json(v, 'wrong envelope')),
    fc.string({ maxLength: 200 }).map((s) => ({ body: `{"code":"${code}",` + s, contentType: 'application/json', label: 'broken JSON' })),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => ({ body: b, contentType: 'application/json', label: 'random bytes' })),
    fc.constant({ body: Buffer.from(JSON.stringify({ code, lang: 'en', answers: SAMPLE_ANSWERS }), 'utf16le'), contentType: 'application/json', label: 'UTF-16 body' }),
    fc.constant({ body: JSON.stringify({ code, lang: 'en', answers: SAMPLE_ANSWERS }), contentType: 'text/plain', label: 'wrong content type' }),
    fc.constant({ body: JSON.stringify({ code, lang: 'en', answers: { ...SAMPLE_ANSWERS, comment: 'x'.repeat(2_000_000) } }), contentType: 'application/json', label: 'huge body' }),
  );
}

/** A cell or form value meant to break a parser: quotes, newlines, delimiters, formulas, huge text. */
export const hostileCell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', '"', '""', 'a"b', '\n', '\r\n', ';', ',', '\t', '=HYPERLINK("http://x")', '+1', '-5', '@SUM(A1)', '1e309', 'NaN', '-0', '\u0000', '\uFEFF', 'é', '🙂'),
  fc.integer({ min: -5, max: 500 }).map(String),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

function quote(cell: string, delimiter: string, always: boolean): string {
  if (always || cell.includes('"') || cell.includes(delimiter) || /[\r\n]/.test(cell)) return `"${cell.replace(/"/g, '""')}"`;
  return cell;
}

/** CSV text whose header mixes expected columns with strays, and whose cells are hostile. */
export function hostileCsv(columns: readonly string[]): fc.Arbitrary<string> {
  return fc.record({
    header: fc.shuffledSubarray([...columns, 'extra', 'Name ', 'NAME', ''], { minLength: 0 }),
    rows: fc.array(fc.array(hostileCell, { maxLength: columns.length + 2 }), { maxLength: 6 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    quoteAll: fc.boolean(),
    bom: fc.boolean(),
    lineEnd: fc.constantFrom('\n', '\r\n'),
    unquoted: fc.boolean(),
  }).map((c) => {
    const line = (cells: string[]) => cells.map((x) => (c.unquoted ? x : quote(x, c.delimiter, c.quoteAll))).join(c.delimiter);
    return (c.bom ? '\uFEFF' : '') + [line(c.header), ...c.rows.map(line)].join(c.lineEnd);
  });
}
