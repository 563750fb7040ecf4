// Local suppression for k-anonymity within one organization: after banding, release as
// much of each row's quasi-identifiers as possible while every combination of released
// values keeps at least k rows. Pure: returns new rows and what it did.
//
// Top-down: start with every value blanked (one group of all n >= k rows), then reveal
// one quasi-identifier at a time, most important first, splitting each group by it; a
// subgroup under k keeps the value blanked, pooled with the other small ones (and, when
// that pool is still under k, with rows from subgroups that can spare them). Looking one
// level ahead, a few rows that would cost their whole subgroup the next value give up this
// value instead, when this level's pool can take them. Every group
// has k rows at every step, so the result is k-anonymous by construction, and role and
// race group — which define the study's populations — are kept wherever possible.
//
// A suppressed value is released as blank with a flag, and counts as a value of its own
// when groups are formed ("suppressed" matches only "suppressed"): the strict reading, so
// the property can be checked on the released file alone.
//
// Monotone in k (suppressToKMonotone): the same rows exported at k = 5 and at k = 6 would,
// by the top-down pass alone, blank different values, and the two files together would give
// back what each withheld. So an export at k is built as a chain from the lowest k Rootwork
// allows: the release at each k starts from the release at k − 1, where a blanked value
// stays blanked. Whatever k withheld, every higher k withholds too.

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

const valueKey = (v: string | null) => (v === null ? '\u0001' : v);

/**
 * `order` lists the quasi-identifiers from the first to blank (least important) to the
 * last (most important). Requires rows.length >= k: an organization under k is left out
 * of the release before this runs.
 */
export function suppressToK<Q extends string>(input: readonly Record<Q, string | null>[], order: readonly Q[], k: number): SuppressionResult<Q> {
  if (input.length < k) throw new RangeError(`suppressToK needs at least k=${k} rows (got ${input.length}).`);
  const rows = input.map(() => Object.fromEntries(order.map((q) => [q, SUPPRESSED])) as Record<Q, string | null>);
  let groups: number[][] = [input.map((_, i) => i)];

  const reveal = [...order].reverse();
  for (const [level, q] of reveal.entries()) {
    const next: number[][] = [];
    const q2 = reveal[level + 1];
    for (const group of groups) {
      const byValue = new Map<string, number[]>();
      // A value already blanked (a step of the monotone chain) is released blank whatever
      // happens here: it joins the pool of values blanked at this step, its own group.
      const blanked: number[] = [];
      for (const i of group) {
        if (input[i][q] === SUPPRESSED) {
          blanked.push(i);
          continue;
        }
        const key = valueKey(input[i][q]);
        const members = byValue.get(key);
        if (members) members.push(i);
        else byValue.set(key, [i]);
      }
      // Largest first, ties by value, so the outcome does not depend on row order quirks.
      const parts = [...byValue.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([, m]) => m);
      const revealed = parts.filter((m) => m.length >= k);
      const pool = [...blanked, ...parts.filter((m) => m.length < k).flat()];
      // Withhold the smaller view: when a revealed subgroup's few rows would, at the next
      // level, force the whole subgroup's next value blank (organizers: 5 of color and 2 white
      // lose race group for all 7), blank this value for those few instead — they join this
      // level's blank pool, which keeps k — and the rest keep both values.
      if (q2 !== undefined) {
        for (let j = 0; j < revealed.length; j++) {
          const strays = straysAt(input, revealed[j], q2, k);
          if (strays.length === 0 || revealed[j].length - strays.length < k || pool.length + strays.length < k) continue;
          const moved = new Set(strays);
          revealed[j] = revealed[j].filter((i) => !moved.has(i));
          pool.push(...strays);
        }
        revealed.sort((a, b) => b.length - a.length);
      }
      if (pool.length > 0 && pool.length < k) {
        // Spare rows first (a subgroup keeps k), then whole subgroups, smallest first.
        for (const m of revealed) while (pool.length < k && m.length > k) pool.push(m.pop()!);
        while (pool.length < k) {
          const smallest = revealed.pop();
          if (!smallest) break;
          pool.push(...smallest);
        }
      }
      for (const m of revealed) {
        for (const i of m) rows[i][q] = input[i][q];
        next.push(m);
      }
      if (pool.length > 0) next.push(pool);
    }
    groups = next;
  }

  const suppressed = Object.fromEntries(order.map((q) => [q, 0])) as Record<Q, number>;
  let rowsTouched = 0;
  for (const r of rows) {
    let touched = false;
    for (const q of order) {
      if (r[q] !== SUPPRESSED) continue;
      suppressed[q] += 1;
      touched = true;
    }
    if (touched) rowsTouched += 1;
  }
  return { rows, suppressed, rowsTouched, smallestGroup: smallestReleasedGroup(rows, order) };
}

/**
 * The rows of `members` that the next level, q2, would leave in a blank pool of 1..k−1 that
 * spare rows cannot fill — so the whole subgroup would lose q2 — or none.
 */
function straysAt<Q extends string>(input: readonly Record<Q, string | null>[], members: readonly number[], q2: Q, k: number): number[] {
  const byValue = new Map<string, number[]>();
  const strays: number[] = [];
  for (const i of members) {
    if (input[i][q2] === SUPPRESSED) {
      strays.push(i);
      continue;
    }
    const key = valueKey(input[i][q2]);
    const m = byValue.get(key);
    if (m) m.push(i);
    else byValue.set(key, [i]);
  }
  let spare = 0;
  for (const m of byValue.values()) {
    if (m.length < k) strays.push(...m);
    else spare += m.length - k;
  }
  return strays.length > 0 && strays.length < k && strays.length + spare < k ? strays : [];
}

/** The smallest group of rows with identical released values (a blank-by-suppression is its own value). */
export function smallestReleasedGroup<Q extends string>(rows: readonly Record<Q, string | null>[], order: readonly Q[]): number {
  const sizes = new Map<string, number>();
  for (const r of rows) {
    const key = order.map((q) => valueKey(r[q])).join('\u0002');
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return Math.min(...sizes.values());
}

/** The lowest k a wave may have (DESIGN.md): every monotone chain starts here, whatever the wave's k. */
export const MIN_K = 3;

/**
 * suppressToK at k, nested over every k' from MIN_K up: the values blanked at a lower k are a
 * subset of those blanked at a higher one, on the same rows in the same order. Still
 * k-anonymous (the last step is suppressToK at k). Requires rows.length >= k.
 */
export function suppressToKMonotone<Q extends string>(input: readonly Record<Q, string | null>[], order: readonly Q[], k: number): SuppressionResult<Q> {
  if (input.length < k) throw new RangeError(`suppressToK needs at least k=${k} rows (got ${input.length}).`);
  let rows: readonly Record<Q, string | null>[] = input;
  let result: SuppressionResult<Q> | null = null;
  for (let step = Math.min(MIN_K, k); step <= k; step++) {
    result = suppressToK(rows, order, step);
    rows = result.rows;
  }
  return result!;
}
