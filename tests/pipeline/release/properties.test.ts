// Properties of the release pass over random small studies (organizations, orientation
// types, organizers, race, some answers missing): after the pass no two published views of
// one release differ by 1..k−1 when nested, no table's published parts leave 1..k−1 of a
// published view, and no published count is under k; across random sequences of late
// responses, reruns and k changes, each published against the ledger of the earlier ones,
// no published group differs from an earlier published group by 1..k−1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, View } from '../../../pipeline/release/cells.js';
import { decide } from '../../../pipeline/release/index.js';
import { groupKey, keyWithin, parseKey, type Dims } from '../../../pipeline/release/keys.js';
import type { LedgerRelease } from '../../../pipeline/release/ledger.js';

interface Person {
  org: number;
  role: number;
  poc: number;
  answered: boolean;
}

const TYPES = ['organizing', 'mobilizing'];
const personArb = fc.record({ org: fc.integer({ min: 0, max: 3 }), role: fc.integer({ min: 0, max: 1 }), poc: fc.integer({ min: 0, max: 1 }), answered: fc.boolean() });

/** The cells a run of this little study publishes; respondents sorted by organization, as the pipeline has them. */
function cellsOf(people: Person[], orgType: number[]): Cell[] {
  const sorted = [...people].sort((a, b) => a.org - b.org);
  const cells: Cell[] = [];
  const add = (id: string, table: string, dims: Dims, keep: (p: Person) => boolean) => {
    const members = Int32Array.from(sorted.flatMap((p, i) => (p.answered && keep(p) ? [i] : [])));
    const orgs = new Set(Array.from(members, (i) => sorted[i].org));
    const full = orgs.size === 1 && dims.org === undefined ? { ...dims, org: `O${[...orgs][0]}` } : dims;
    cells.push({ id, var: 'x', key: groupKey('w', 'x', full), table, members, n: members.length, published: members.length > 0, values: 1 });
  };
  for (let o = 0; o < 4; o++) add(`org/${o}`, 'org', { org: `O${o}` }, (p) => p.org === o);
  TYPES.forEach((t, ti) => {
    add(`type/${t}`, 'type', { type: t }, (p) => orgType[p.org] === ti);
    for (const role of [0, 1]) for (const poc of [0, 1]) add(`tr/${t}/${role}/${poc}`, 'tr', { type: t, role: String(role), poc: String(poc) }, (p) => orgType[p.org] === ti && p.role === role && p.poc === poc);
    add(`role/${t}`, 'role', { type: t, role: '1' }, (p) => orgType[p.org] === ti && p.role === 1);
  });
  add('all', 'all', {}, () => true);
  return cells;
}

const live = (views: View[]) => views.filter((v) => v.published && !v.withheld && v.n > 0);
const subset = (a: Int32Array, b: Int32Array) => {
  const s = new Set(b);
  return Array.from(a).every((i) => s.has(i));
};
const small = (d: number, k: number) => d > 0 && d < k;

function assertLinked(views: View[], k: number): void {
  const out = live(views);
  for (const b of out) {
    expect(b.n).toBeGreaterThanOrEqual(k);
    const inside = out.filter((a) => a !== b && a.n <= b.n && subset(a.members!, b.members!));
    for (const a of inside) expect(small(b.n - a.n, k), `${a.key} inside ${b.key}`).toBe(false);
    const tables = new Set(inside.flatMap((a) => a.tables).filter((t) => !b.tables.includes(t)));
    for (const t of tables) {
      const sum = inside.filter((a) => a.tables.includes(t)).reduce((s, a) => s + a.n, 0);
      expect(small(b.n - sum, k), `${t} inside ${b.key}`).toBe(false);
    }
  }
}

describe('release pass properties', () => {
  it('within a release: no nested pair or table remainder of 1..k−1, no published count under k', () => {
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 0, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 3, max: 8 }), (people, orgType, k) => {
        const views = decide(cellsOf(people, orgType), { waveId: 'w', k, fingerprint: 'f', respondents: people.length });
        assertLinked(views, k);
      }),
      { numRuns: 300 },
    );
  });

  const step = fc.oneof(
    fc.record({ kind: fc.constant('late' as const), people: fc.array(personArb, { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('k' as const), raise: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('rerun' as const) }),
  );

  it('across releases: no published group differs from an earlier published group by 1..k−1', () => {
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 10, maxLength: 50 }), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 3, max: 6 }), fc.array(step, { minLength: 1, maxLength: 6 }), (start, orgType, k0, steps) => {
        let people = [...start];
        let k = k0;
        const ledger: LedgerRelease[] = [];
        for (const [i, s] of [{ kind: 'rerun' as const }, ...steps].entries()) {
          if (s.kind === 'late') people = [...people, ...s.people];
          if (s.kind === 'k') k += s.raise;
          const fingerprint = `n${people.length}`;
          const cells = cellsOf(people, orgType);
          const views = decide(cells, { waveId: 'w', k, fingerprint, respondents: people.length }, ledger);
          assertLinked(views, k);
          for (const v of live(views)) {
            const p = parseKey(v.key);
            for (const r of ledger) {
              for (const g of r.groups) {
                const q = parseKey(g.key);
                if (g.key !== v.key && !keyWithin(p, q) && !keyWithin(q, p)) continue;
                expect(small(Math.abs(v.n - g.n), k), `${v.key} (${v.n}) against ${g.key} (${g.n}) of ${r.releaseId}`).toBe(false);
              }
            }
          }
          const withheld = views.filter((v) => v.withheld || !v.published).flatMap((v) => v.cells.filter((c) => c.n > 0).map((c) => c.id));
          // Same data, higher or equal k: a superset of what was withheld.
          for (const r of ledger) if (r.dataFingerprint === fingerprint) for (const id of r.withheld) expect(withheld).toContain(id);
          ledger.push({ releaseId: `r${i}`, waveId: 'w', k, dataFingerprint: fingerprint, withheld, groups: live(views).map((v) => ({ key: v.key, n: v.n })) });
        }
      }),
      { numRuns: 200 },
    );
  });
});
