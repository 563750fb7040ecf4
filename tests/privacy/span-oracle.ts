// The attacker's side of the linear-combination audit, written independently of
// pipeline/release/span.ts: given the member sets of everything published (one variable),
// which atoms of 1..k−1 people does adding and subtracting them isolate? Atoms by
// membership signature (strings), span by the rank of a dense matrix over the rationals
// (bigint fractions): e_a is in the span exactly when appending it leaves the rank unchanged.

/** Atoms (sorted member lists) of the partition the groups induce on their union. */
export function atomsOf(groups: readonly (readonly number[])[]): number[][] {
  const sig = new Map<number, string>();
  groups.forEach((g, j) => {
    for (const i of g) sig.set(i, `${sig.get(i) ?? ''},${j}`);
  });
  const bySig = new Map<string, number[]>();
  for (const [i, s] of sig) {
    const list = bySig.get(s);
    if (list) list.push(i);
    else bySig.set(s, [i]);
  }
  return [...bySig.values()].map((a) => a.sort((x, y) => x - y));
}

interface Frac {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const frac = (n: bigint, d: bigint = 1n): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const sub = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);

/** Rank of a 0/1 matrix over the rationals (dense Gaussian elimination). */
export function rank(rows: readonly (readonly number[])[]): number {
  const m = rows.map((r) => r.map((x) => frac(BigInt(x))));
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c].n !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c].n === 0n) continue;
      const f = div(m[i][c], m[r][c]);
      m[i] = m[i].map((x, j) => sub(x, mul(f, m[r][j])));
    }
    r++;
  }
  return r;
}

/** Atoms of 1..k−1 people that a combination of the published groups isolates. */
export function recoverableAtoms(groups: readonly (readonly number[])[], k: number): number[][] {
  const nonEmpty = groups.filter((g) => g.length > 0);
  const atoms = atomsOf(nonEmpty);
  const small = atoms.filter((a) => a.length < k);
  if (small.length === 0) return [];
  const index = new Map<number, number>();
  atoms.forEach((a, j) => a.forEach((i) => index.set(i, j)));
  const matrix = nonEmpty.map((g) => {
    const row = new Array<number>(atoms.length).fill(0);
    for (const i of g) row[index.get(i)!] = 1;
    return row;
  });
  const base = rank(matrix);
  return small.filter((a) => {
    const unit = new Array<number>(atoms.length).fill(0);
    unit[index.get(a[0])!] = 1;
    return rank([...matrix, unit]) === base;
  });
}
