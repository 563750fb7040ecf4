// JSON text exactly as JSON.stringify(value, null, 2) writes it, in pieces: the outer levels
// of plain objects and arrays are laid out here and everything below them is stringified
// one part at a time. results.json at a million respondents is tens of megabytes; built as
// one string (two bytes a character once any non-ASCII label is in it) and then copied into
// a buffer, it held a few hundred megabytes at the run's peak.

const INDENT = '  ';

/** Pieces whose concatenation is JSON.stringify(value, null, 2). `levels`: how deep to split. */
export function* jsonChunks(value: unknown, levels = 2, indent = ''): Generator<string> {
  if (levels > 0 && Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    // Elements that are not split further go a slice at a time: a piece per element of a list
    // of a hundred thousand cost more than the writing.
    if (levels === 1) return yield* arraySlices(value, indent, value.every((v) => v === null || typeof v !== 'object') ? 4096 : 64);
    const inner = indent + INDENT;
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      const v: unknown = value[i];
      // JSON.stringify writes null for array slots it cannot represent.
      if (omitted(v)) yield 'null';
      else yield* jsonChunks(v, levels - 1, inner);
    }
    return yield `\n${indent}]`;
  }
  if (levels > 0 && isPlainObject(value)) {
    const inner = indent + INDENT;
    let first = true;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (omitted(v)) continue; // as JSON.stringify leaves such keys out
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonChunks(v, levels - 1, inner);
    }
    return yield first ? '{}' : `\n${indent}}`;
  }
  yield stringifyAt(value, indent.length / INDENT.length);
}

/**
 * JSON.stringify(value, null, 2) as it reads `depth` levels down: the value is stringified
 * inside `depth` one-element arrays, whose brackets are then cut off, so JSON.stringify
 * itself indents every line (re-indenting the text afterwards cost more than stringifying it).
 */
function stringifyAt(value: unknown, depth: number): string {
  // A string, number, boolean or null is one line at any depth (a Date or a boxed value has
  // toJSON or is an object, and goes the long way).
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  let head = 0;
  let tail = 0;
  for (let d = 0; d < depth; d++) {
    wrapped = [wrapped];
    head += 2 + INDENT.length * (d + 1); // "[\n" and the indent of the level inside it
    tail += 2 + INDENT.length * d; // "\n", the indent of its own level and "]"
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(head, text.length - tail);
}

/** A non-empty array as JSON.stringify lays it out, `slice` elements to a piece. */
function* arraySlices(value: readonly unknown[], indent: string, slice: number): Generator<string> {
  const depth = indent.length / INDENT.length;
  const head = 2; // "[\n"
  const tail = 2 + indent.length; // "\n", the indent and "]"
  for (let from = 0; from < value.length; from += slice) {
    const text = stringifyAt(value.slice(from, from + slice), depth);
    const body = text.slice(head, text.length - tail);
    yield from === 0 ? `[\n${body}` : `,\n${body}`;
  }
  yield `\n${indent}]`;
}

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** An object JSON.stringify writes key by key: no toJSON, no class (a Date, a Map) of its own. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
