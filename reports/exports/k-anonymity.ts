// Local suppression for k-anonymity within one organization: after banding, blank the
// fewest quasi-identifier values (in a fixed order) until every combination of released
// values has at least k rows. Pure: returns new rows and what it did.
//
// A suppressed value is released as blank with a flag, and counts as a value of its own
// when groups are formed ("suppressed" matches only "suppressed"): the strict reading, so
// the property can be checked on the released file alone.

export const SUPPRESSED = '\u0000suppressed';

export interface SuppressionResult<Q extends string> {
  /** One entry per input row, in input order: the released values (SUPPRESSED where blanked). */
  rows: Record<Q, string | null>[];
  /** Values blanked, per quasi-identifier. */
  suppressed: Record<Q, number>;
  /** Rows with at least one value blanked. */
  rowsTouched: number;
  /** The smallest group of identical quasi-identifier combinations after suppression. */
  smallestGroup: number;
}

const keyOf = <Q extends string>(row: Record<Q, string | null>, order: readonly Q[]) =>
  order.map((q) => (row[q] === null ? '\u0001' : row[q])).join('\u0002');

function groupSizes<Q extends string>(rows: Record<Q, string | null>[], order: readonly Q[]): { keys: string[]; sizes: Map<string, number> } {
  const keys = rows.map((r) => keyOf(r, order));
  const sizes = new Map<string, number>();
  for (const k of keys) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  return { keys, sizes };
}

/**
 * `order` lists the quasi-identifiers from the first to blank to the last: the ones the
 * study's analyses lean on least go first. Requires rows.length >= k (an organization
 * under k is left out of the release before this runs).
 */
export function suppressToK<Q extends string>(input: readonly Record<Q, string | null>[], order: readonly Q[], k: number): SuppressionResult<Q> {
  if (input.length < k) throw new RangeError(`suppressToK needs at least k=${k} rows (got ${input.length}).`);
  const rows = input.map((r) => ({ ...r }));
  const suppressed = Object.fromEntries(order.map((q) => [q, 0])) as Record<Q, number>;
  const touched = new Set<number>();
  const blank = (i: number, q: Q) => {
    if (rows[i][q] === SUPPRESSED) return;
    rows[i][q] = SUPPRESSED;
    suppressed[q] += 1;
    touched.add(i);
  };

  // Blank one quasi-identifier at a time, only in rows whose group is still under k: rows
  // merge into larger groups as detail goes, and rows already safe keep theirs.
  for (const q of order) {
    const { keys, sizes } = groupSizes(rows, order);
    const small = keys.flatMap((key, i) => ((sizes.get(key) ?? 0) < k ? [i] : []));
    if (small.length === 0) break;
    for (const i of small) blank(i, q);
  }

  // What is still under k is now fully blanked; make that one group reach k by fully
  // blanking rows from groups that can spare them (largest first), else blank everything.
  let { keys, sizes } = groupSizes(rows, order);
  const allKey = keyOf(Object.fromEntries(order.map((q) => [q, SUPPRESSED])) as Record<Q, string>, order);
  let shortfall = sizes.has(allKey) ? k - (sizes.get(allKey) ?? 0) : 0;
  if (shortfall > 0) {
    const donors = [...sizes.entries()].filter(([key, n]) => key !== allKey && n > k).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const spare = donors.reduce((s, [, n]) => s + (n - k), 0);
    if (spare >= shortfall) {
      for (const [key, n] of donors) {
        let give = Math.min(n - k, shortfall);
        for (let i = 0; i < rows.length && give > 0; i++) {
          if (keys[i] !== key) continue;
          for (const q of order) blank(i, q);
          give -= 1;
          shortfall -= 1;
        }
        if (shortfall === 0) break;
      }
    } else {
      for (let i = 0; i < rows.length; i++) for (const q of order) blank(i, q);
    }
    ({ keys, sizes } = groupSizes(rows, order));
  }
  return { rows, suppressed, rowsTouched: touched.size, smallestGroup: Math.min(...sizes.values()) };
}
