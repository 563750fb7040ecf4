// Group keys: the stable names of the groups of respondents a published number rests on,
// as the release ledger records them (counts and keys, never respondent ids). A key is
// `wave=<id>;var=<v>;<dim>=<value>;…` with the dimensions sorted, or `export=<what>` in
// place of `var` for a respondent export's rows. A dimension's value may be a set of
// values joined by `|` (sorted), e.g. `type=mobilizing|organizing`.
//
// Keys compare by constraints: a key whose constraints are a superset of another's (same
// wave and var; each shared dimension's values a subset) describes a group nested inside
// the other's — that is what lets a release be checked against earlier ones without ids.

export type Dims = Record<string, string | readonly string[]>;

export interface ParsedKey {
  wave: string;
  /** `var=…` value, or `export=…` as `export:<what>`. */
  var: string;
  dims: Map<string, Set<string>>;
}

const RESERVED = new Set(['wave', 'var', 'export']);

function clean(part: string, what: string, of?: string): string {
  if (part === '' || /[;=|]/.test(part)) throw new Error(`A group key's ${of === undefined ? what : `value of ${of}`} may not be empty or hold ';', '=' or '|': ${JSON.stringify(part)}.`);
  return part;
}

/** The canonical key of a group: dims sorted by name, set values sorted and joined by '|'. */
export function groupKey(waveId: string, variable: string, dims: Dims = {}): string {
  const head = variable.startsWith('export:') ? `export=${clean(variable.slice('export:'.length), 'export')}` : `var=${clean(variable, 'var')}`;
  const parts = [`wave=${clean(waveId, 'wave')}`, head];
  const names = Object.keys(dims);
  if (names.length > 1) names.sort();
  for (const name of names) {
    if (RESERVED.has(name)) throw new Error(`"${name}" is not a dimension of a group key.`);
    const dim = clean(name, 'dimension');
    const raw = dims[name];
    // A single value is its own canonical form: no set to build and sort (most keys are one organization's).
    const value = typeof raw === 'string' ? clean(raw, 'value', name) : [...new Set(raw.map((v) => clean(v, 'value', name)))].sort().join('|');
    parts.push(`${dim}=${value}`);
  }
  return parts.join(';');
}

export function parseKey(key: string): ParsedKey {
  let wave = '';
  let variable = '';
  const dims = new Map<string, Set<string>>();
  for (const part of key.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`Not a group key: ${JSON.stringify(key)}.`);
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (name === 'wave') wave = value;
    else if (name === 'var') variable = value;
    else if (name === 'export') variable = `export:${value}`;
    else dims.set(name, new Set(value.split('|')));
  }
  if (!wave || !variable) throw new Error(`Not a group key (it needs wave= and var= or export=): ${JSON.stringify(key)}.`);
  return { wave, var: variable, dims };
}

/** A key's var as parseKey gives it, without parsing the rest (null when it names none). */
export function keyVar(key: string): string | null {
  let found: string | null = null;
  let at = 0;
  while (at <= key.length) {
    let end = key.indexOf(';', at);
    if (end < 0) end = key.length;
    if (key.startsWith('var=', at)) found = key.slice(at + 4, end);
    else if (key.startsWith('export=', at)) found = `export:${key.slice(at + 7, end)}`;
    at = end + 1;
  }
  return found;
}

/**
 * True when `inner`'s constraints imply `outer`'s: same wave and var, and for every
 * dimension `outer` constrains, `inner` constrains it to a subset of `outer`'s values.
 * Equal keys are within each other.
 */
export function keyWithin(inner: ParsedKey, outer: ParsedKey): boolean {
  if (inner.wave !== outer.wave || inner.var !== outer.var) return false;
  for (const [name, values] of outer.dims) {
    const mine = inner.dims.get(name);
    if (!mine) return false;
    for (const v of mine) if (!values.has(v)) return false;
  }
  return true;
}

/** The single `org` value of a key, or null when it has none or a set of them. */
export function keyOrg(k: ParsedKey): string | null {
  const o = k.dims.get('org');
  return o && o.size === 1 ? [...o][0] : null;
}
