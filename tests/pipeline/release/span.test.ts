// The linear-combination audit on hand-made cells: a group isolated by A − B − C across
// tables is caught and one group of the combination withheld (the smallest, not an earlier
// release's, a study total last); groups an earlier release on the same data published
// stay in the span; and, against an independent oracle (dense rank over the rationals),
// the exact elimination finds exactly the unit vectors in a span, and after the pass no
// atom of 1..k−1 people is in the span of what a random small study publishes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, View } from '../../../pipeline/release/cells.js';
import { decide } from '../../../pipeline/release/index.js';
import { groupKey, type Dims } from '../../../pipeline/release/keys.js';
import type { LedgerRelease } from '../../../pipeline/release/ledger.js';
import { ColumnSet } from '../../../pipeline/release/members.js';
import { unitRows } from '../../../pipeline/release/rational.js';
import { rank, recoverableAtoms } from '../../privacy/span-oracle.js';

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const join = (...parts: Int32Array[]) => Int32Array.from(parts.flatMap((p) => Array.from(p))).sort();

function cell(id: string, members: Int32Array, opts: Partial<Cell> = {}): Cell {
  return { id, var: 'x', key: groupKey('w1', 'x', { cell: id }), table: id, members, n: members.length, published: true, values: 1, ...opts };
}
const run = (k = 5, fingerprint = 'f1') => ({ waveId: 'w1', k, fingerprint, respondents: 100 });
const live = (views: View[]) => views.filter((v) => v.published && !v.withheld && v.n > 0);

describe('linear-combination audit', () => {
  // Organizations' means and study means over whole organizations, described by column and ranges as build.ts makes them.
  const described = (id: string, col: Float64Array, ranges: number[], table = id): Cell => {
    const set = new ColumnSet({ kind: 'score', col }, Int32Array.from(ranges), { role: new Uint8Array(col.length), poc: new Int8Array(col.length) }, -1, -2);
    return { id, var: 'x', key: groupKey('w1', 'x', { cell: id }), table, members: null, set, n: set.count(), published: true, values: 1 };
  };
  // Organizations X [0, 8), Y [8, 16), Z [16, 20); a score missing for two of X's staff.
  const scores = Float64Array.from({ length: 20 }, (_, i) => (i === 2 || i === 5 ? NaN : i % 5));

  it('finds nothing when study means are unions of organizations of k or more (the unions are not refined)', () => {
    const cells = [described('org/X', scores, [0, 8]), described('org/Y', scores, [8, 16]), described('all', scores, [0, 16], 'study'), described('mean[X]', scores, [0, 8], 'trend')];
    expect(decide(cells, run()).filter((v) => v.withheld)).toEqual([]);
  });

  it('still catches a study mean over an organization with no group of its own (the mean minus the others gives it)', () => {
    const cells = [described('org/X', scores, [0, 8]), described('org/Y', scores, [8, 16]), described('all', scores, [0, 20], 'study')];
    const hidden = decide(cells, run()).filter((v) => v.withheld);
    expect(hidden).toHaveLength(1);
    expect(hidden[0].withheld!.combines).toEqual(['all', 'org/X', 'org/Y']);
  });

  it('catches A + B − C − D across tables and organizations, withholding one group of the combination', () => {
    // Two organizations of one type: X = 5 poc organizers, 5 white organizers, 1 other; Y = 5 + 5.
    const xp = range(0, 5), xw = range(5, 10), xr = range(10, 11), yp = range(11, 16), yw = range(16, 21);
    const cells = [
      cell('org/X', join(xp, xw, xr)),
      cell('org/Y', join(yp, yw)),
      cell('series[t · poc]', join(xp, yp), { table: 'series' }),
      cell('series[t · white]', join(xw, yw), { table: 'series' }),
    ];
    const views = decide(cells, run());
    const hidden = views.filter((v) => v.withheld);
    expect(hidden).toHaveLength(1);
    expect(hidden[0].withheld!.combines).toEqual(['org/X', 'org/Y', 'series[t · poc]', 'series[t · white]']);
    expect(hidden[0].withheld!.rule).toBe('complementary');
    expect(hidden[0].withheld!.reason).toMatch(/^linear combination: /);
    // The smallest view of the combination, not org/X (11).
    expect(hidden[0].n).toBe(10);
    expect(recoverableAtoms(live(views).map((v) => Array.from(v.members!)), 5)).toEqual([]);
  });

  it('withholds the cheapest group that alone breaks the span, not merely the smallest of one combination', () => {
    // x (one person) = A − P − Q, and P = D − E too: withholding P or E leaves another way; Q is in every one.
    const x = range(0, 1), p = range(1, 6), q = range(6, 11), e = range(11, 16);
    const cells = [cell('A', join(x, p, q)), cell('P', p), cell('Q', q), cell('D', join(p, e)), cell('E', e)];
    const views = decide(cells, run());
    expect(views.filter((v) => v.withheld).map((v) => v.cells[0].id)).toEqual(['Q']);
    expect(recoverableAtoms(live(views).map((v) => Array.from(v.members!)), 5)).toEqual([]);
  });

  it('catches a group of several small atoms the combination isolates together (two organizations\' other staff, two each)', () => {
    const xp = range(0, 5), xw = range(5, 10), xr = range(10, 12), yp = range(12, 17), yw = range(17, 22), yr = range(22, 24);
    const cells = [cell('org/X', join(xp, xw, xr)), cell('org/Y', join(yp, yw, yr)), cell('s[poc]', join(xp, yp), { table: 's' }), cell('s[white]', join(xw, yw), { table: 's' })];
    const views = decide(cells, run());
    const hidden = views.filter((v) => v.withheld);
    expect(hidden).toHaveLength(1);
    expect(hidden[0].withheld!.combines).toEqual(['org/X', 'org/Y', 's[poc]', 's[white]']);
    // With three each, X's and Y's other staff together are 6: k or more, nothing to withhold.
    const yr3 = range(22, 25);
    expect(decide([cell('org/X', join(xp, xw, range(10, 13))), cell('org/Y', join(yp, yw, yr3)), cell('s[poc]', join(xp, yp), { table: 's' }), cell('s[white]', join(xw, yw), { table: 's' })].map((c) => ({ ...c, members: c.id === 'org/X' ? join(xp, xw, range(100, 103)) : c.members, n: c.id === 'org/X' ? 13 : c.n })), run()).filter((v) => v.withheld)).toEqual([]);
  });

  it('leaves a combination that isolates k or more alone', () => {
    const xp = range(0, 5), xw = range(5, 10), xr = range(10, 15), yp = range(15, 20), yw = range(20, 25);
    const views = decide([cell('org/X', join(xp, xw, xr)), cell('org/Y', join(yp, yw)), cell('s1', join(xp, yp), { table: 's' }), cell('s2', join(xw, yw), { table: 's' })], run());
    expect(views.filter((v) => v.withheld)).toEqual([]);
  });

  it('withholds a study total only when nothing else will do, and an earlier release\'s group last', () => {
    const a = range(0, 12), b = range(0, 6), c = range(7, 12);
    // A − B − C = one person. B is a fixed total; C was published earlier with this n.
    const cells = [cell('A', a), cell('B', b, { fixed: true }), cell('C', c)];
    const ledger: LedgerRelease[] = [{ releaseId: 'r0', waveId: 'w1', k: 5, dataFingerprint: 'other', withheld: [], groups: [{ key: cells[2].key, n: 5 }] }];
    const views = decide(cells, run(5, 'f2'), ledger);
    expect(views.filter((v) => v.withheld).map((v) => v.cells[0].id)).toEqual(['A']);
  });

  it('keeps groups an earlier release on the same data published in the span', () => {
    // At k = 5, B (5) was published; at k = 6 it is under k, but public for good: A − B − C isolates one.
    const a = range(0, 12), b = range(0, 5), c = range(6, 12);
    const cells = [cell('A', a), cell('B', b), cell('C', c)];
    const ledger: LedgerRelease[] = [{ releaseId: 'r0', waveId: 'w1', k: 5, dataFingerprint: 'f1', withheld: [], groups: [{ key: cells[1].key, n: 5 }] }];
    const views = decide(cells, run(6, 'f1'), ledger);
    const byId = Object.fromEntries(views.map((v) => [v.cells[0].id, v.withheld]));
    expect(byId.B?.rule).toBe('primary');
    expect(byId.C?.combines).toEqual(['A', 'B', 'C']);
    // On other data the earlier B is another group: no combination with it is assumed.
    const other = decide([cell('A', a), cell('B', b), cell('C', c)], run(6, 'f9'), ledger.map((r) => ({ ...r, dataFingerprint: 'f0' })));
    expect(other.find((v) => v.cells[0].id === 'C')!.withheld).toBeUndefined();
  });

  it('finds exactly the unit vectors in the span of random 0/1 rows (oracle: rank over the rationals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }))), ([cols, matrix]) => {
        const rows = matrix.map((r) => r.flatMap((x, j) => (x ? [j] : []))).filter((r) => r.length > 0);
        const found = unitRows(rows.map((r, view) => ({ cols: r, view })));
        const dense = rows.map((r) => Array.from({ length: cols }, (_, j) => (r.includes(j) ? 1 : 0)));
        const base = rows.length ? rank(dense) : 0;
        for (let j = 0; j < cols; j++) {
          const unit = Array.from({ length: cols }, (_, i) => (i === j ? 1 : 0));
          const inSpan = rows.length > 0 && rank([...dense, unit]) === base;
          expect(found.some((f) => f.col === j), `col ${j}`).toBe(inSpan);
        }
        // Each reported combination really uses rows that contain or cancel the unit: the rows it names exist.
        for (const f of found) for (const v of f.combo) expect(v).toBeLessThan(rows.length);
      }),
      { numRuns: 400 },
    );
  });

  interface Person {
    org: number;
    role: number;
    poc: number;
    answered: boolean;
  }
  // Mostly organizers who answered, in groups big enough to be published: small groups
  // alone are withheld by the primary rule before any combination matters.
  const personArb = fc.record({ org: fc.integer({ min: 0, max: 3 }), role: fc.constantFrom(0, 1, 1, 1, 1, 1), poc: fc.integer({ min: 0, max: 1 }), answered: fc.constantFrom(true, true, true, true, false) });

  /**
   * Organization totals and, as `tables` says, tables across organizations as the pipeline
   * has them: organizers by type × race (the series), type × role × race, type × role, type ×
   * race, the study. The series covers organizers only: with the organization totals it
   * isolates the other staff of an organization when the others of its type have none.
   */
  function cellsOf(people: Person[], orgType: number[], tables: boolean[] = [true, true, true, true, true]): Cell[] {
    const sorted = [...people].sort((a, b) => a.org - b.org);
    const cells: Cell[] = [];
    const add = (id: string, table: string, dims: Dims, keep: (p: Person) => boolean, fixed = false) => {
      const members = Int32Array.from(sorted.flatMap((p, i) => (p.answered && keep(p) ? [i] : [])));
      const orgs = new Set(Array.from(members, (i) => sorted[i].org));
      const full = orgs.size === 1 && dims.org === undefined ? { ...dims, org: `O${[...orgs][0]}` } : dims;
      cells.push({ id, var: 'x', key: groupKey('w', 'x', full), table, members, n: members.length, published: members.length > 0, values: 1, fixed });
    };
    for (let o = 0; o < 4; o++) add(`org/${o}`, 'org', { org: `O${o}` }, (p) => p.org === o);
    ['organizing', 'mobilizing'].forEach((t, ti) => {
      if (tables[0]) for (const poc of [0, 1]) add(`series/${t}/${poc}`, 'series', { type: t, role: '1', poc: String(poc) }, (p) => orgType[p.org] === ti && p.role === 1 && p.poc === poc);
      if (tables[1]) for (const poc of [0, 1]) add(`tr/${t}/0/${poc}`, 'tr', { type: t, role: '0', poc: String(poc) }, (p) => orgType[p.org] === ti && p.role === 0 && p.poc === poc);
      if (tables[2]) add(`role/${t}`, 'role', { type: t, role: '1' }, (p) => orgType[p.org] === ti && p.role === 1);
      if (tables[3]) add(`poc/${t}`, 'poc', { type: t, poc: '1' }, (p) => orgType[p.org] === ti && p.poc === 1);
    });
    if (tables[4]) add('all', 'all', {}, () => true, true);
    return cells;
  }

  it('after the pass, no atom of 1..k−1 people is in the span of what a random small study publishes', () => {
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 0, maxLength: 90 }), fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.integer({ min: 3, max: 8 }), fc.integer({ min: 0, max: 3 }), (people, orgType, tables, k, raise) => {
        const first = decide(cellsOf(people, orgType, tables), { waveId: 'w', k, fingerprint: 'f', respondents: people.length });
        expect(recoverableAtoms(live(first).map((v) => Array.from(v.members!)), k)).toEqual([]);
        // The same data again at a higher k: the earlier release's groups stay public.
        const ledger: LedgerRelease[] = [{ releaseId: 'r0', waveId: 'w', k, dataFingerprint: 'f', withheld: [], groups: live(first).map((v) => ({ key: v.key, n: v.n })) }];
        const second = decide(cellsOf(people, orgType, tables), { waveId: 'w', k: k + raise, fingerprint: 'f', respondents: people.length }, ledger);
        const earlier = new Set(ledger[0].groups.map((g) => g.key));
        const everything = second.filter((v) => v.n > 0 && ((v.published && !v.withheld) || earlier.has(v.key)));
        // What the two releases together isolate is what the first one already gave: nothing under the first k;
        // under the higher k, only atoms the first release's groups alone already isolate (public before this run).
        const before = new Set(recoverableAtoms(live(first).map((v) => Array.from(v.members!)), k + raise).map((a) => a.join(',')));
        for (const a of recoverableAtoms(everything.map((v) => Array.from(v.members!)), k + raise)) expect(before.has(a.join(',')), `atom ${a.join(',')}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
