// The release pass on hand-made cells: primary, nested pairs, a table's remainder, chains,
// an organization alone in a breakdown, the smaller view preferred, and the checks against
// earlier releases (differencing by key, monotone k, the same-data union).
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../data/errors.js';
import type { Cell, View } from '../../../pipeline/release/cells.js';
import { decide } from '../../../pipeline/release/index.js';
import { groupKey, keyWithin, parseKey } from '../../../pipeline/release/keys.js';
import type { LedgerRelease } from '../../../pipeline/release/ledger.js';

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);

function cell(id: string, members: Int32Array, opts: Partial<Cell> & { dims?: Record<string, string | string[]> } = {}): Cell {
  const { dims, ...rest } = opts;
  return { id, var: 'x', key: groupKey('w1', opts.var ?? 'x', dims ?? { cell: id }), table: id, members, n: members.length, published: true, values: 1, ...rest };
}

const run = (k = 5, fingerprint = 'f1') => ({ waveId: 'w1', k, fingerprint, respondents: 100 });
const withheld = (views: View[]) => Object.fromEntries(views.filter((v) => v.withheld).flatMap((v) => v.cells.map((c) => [c.id, v.withheld!.rule])));

describe('linked suppression within one release', () => {
  it('withholds a group under k (primary) and keeps groups of k or more', () => {
    const views = decide([cell('a', range(0, 3)), cell('b', range(10, 15))], run());
    expect(withheld(views)).toEqual({ a: 'primary' });
  });

  it('withholds the smaller of two nested groups that differ by 1..k−1', () => {
    const views = decide([cell('big', range(0, 10)), cell('small', range(0, 9))], run());
    expect(withheld(views)).toEqual({ small: 'complementary' });
    // Differing by k is fine.
    expect(withheld(decide([cell('big', range(0, 10)), cell('small', range(0, 5))], run()))).toEqual({});
  });

  it('only compares groups of one variable', () => {
    expect(withheld(decide([cell('big', range(0, 10)), cell('small', range(0, 9), { var: 'y' })], run()))).toEqual({});
  });

  it('withholds a part of a table whose published parts leave 1..k−1 of a group', () => {
    const parts = [cell('p1', range(0, 8), { table: 'T' }), cell('p2', range(8, 18), { table: 'T' })];
    const views = decide([cell('total', range(0, 20)), ...parts], run());
    expect(withheld(views)).toEqual({ p1: 'complementary' });
  });

  it('counts a withheld part into the remainder: one primary part withholds a partner', () => {
    const parts = [cell('p1', range(0, 2), { table: 'T' }), cell('p2', range(2, 9), { table: 'T' }), cell('p3', range(9, 20), { table: 'T' })];
    const views = decide([cell('total', range(0, 20)), ...parts], run());
    expect(withheld(views)).toEqual({ p1: 'primary', p2: 'complementary' });
  });

  it('resolves a chain of nested groups until no pair differs by 1..k−1', () => {
    const views = decide([cell('c', range(0, 13)), cell('b', range(0, 10)), cell('a', range(0, 8))], run());
    const live = views.filter((v) => !v.withheld).map((v) => v.cells[0].id);
    expect(live.length).toBeGreaterThan(0);
    const sizes = Object.fromEntries(views.map((v) => [v.cells[0].id, v.n]));
    for (const x of live) for (const y of live) if (x !== y) expect(Math.abs(sizes[x] - sizes[y]) === 0 || Math.abs(sizes[x] - sizes[y]) >= 5, `${x} ${y}`).toBe(true);
  });

  it('treats an organization alone in a breakdown cell as the organization: its total minus the cell is caught', () => {
    // Organization C is respondents 0..7; the breakdown cell holds 7 of them.
    const org = cell('org/C/sat', range(0, 8), { dims: { org: 'C' }, table: 'org:sat' });
    const breakdown = cell('series/sat[low · white]', range(0, 7), { dims: { type: 'low', poc: '0', org: 'C' }, table: 'series' });
    const views = decide([org, breakdown], run());
    expect(withheld(views)).toEqual({ 'series/sat[low · white]': 'complementary' });
  });

  it('keeps a group an earlier release published and withholds the other instead', () => {
    const cells = [cell('big', range(0, 10)), cell('small', range(0, 9))];
    const ledger: LedgerRelease[] = [{ releaseId: 'r1', waveId: 'w1', k: 5, dataFingerprint: 'f0', withheld: [], groups: [{ key: cells[1].key, n: 9 }] }];
    expect(withheld(decide(cells, run(), ledger))).toEqual({ big: 'complementary' });
  });

  it('withholds a study total only when nothing else will do', () => {
    const total = cell('total', range(0, 20), { fixed: true, table: 'study' });
    const parts = [cell('p1', range(0, 9), { table: 'T' }), cell('p2', range(9, 18), { table: 'T' })];
    expect(withheld(decide([total, ...parts], run()))).toEqual({ p1: 'complementary' });
  });

  it('withholds the other group of a published contrast when one of its groups is withheld', () => {
    const whole = cell('H1', range(0, 20), { table: 'est', contrast: { id: 'H1', role: 'whole' } });
    const a = cell('H1[organizing]', range(0, 10), { table: 'groups', contrast: { id: 'H1', role: 'part' } });
    const b = cell('H1[mobilizing]', range(10, 20), { table: 'groups', contrast: { id: 'H1', role: 'part' } });
    const other = cell('org/C', range(0, 11), { table: 'org' });
    expect(withheld(decide([whole, a, b, other], run()))).toEqual({ 'H1[organizing]': 'complementary', 'H1[mobilizing]': 'complementary' });
    // Without the contrast link the linked pass alone keeps the second group, and the estimate would give the first back.
    const unlinked = [whole, a, b].map((c) => ({ ...c, contrast: undefined }));
    // (The linear-combination audit then withholds it anyway: whole − second group − org/C's total isolates one person.)
    const views = decide([...unlinked, other], run());
    expect(withheld(views)).toEqual({ 'H1[organizing]': 'complementary', 'H1[mobilizing]': 'complementary' });
    expect(views.find((v) => v.cells[0].id === 'H1[organizing]')!.withheld!.combines).toBeUndefined();
    expect(views.find((v) => v.cells[0].id === 'H1[mobilizing]')!.withheld!.combines).toEqual(['H1', 'H1[mobilizing]', 'org/C']);
  });

  it('withholds all places that share a key', () => {
    const a = cell('here', range(0, 9), { dims: { g: 'a' } });
    const b = cell('there', range(0, 9), { dims: { g: 'a' }, table: 'other' });
    expect(withheld(decide([cell('big', range(0, 10)), a, b], run()))).toEqual({ here: 'complementary', there: 'complementary' });
  });
});

describe('checks against earlier releases', () => {
  const g = (dims: Record<string, string | string[]>) => groupKey('w1', 'x', dims);
  const release = (id: string, k: number, groups: { key: string; n: number }[], extra: Partial<LedgerRelease> = {}): LedgerRelease => ({ releaseId: id, waveId: 'w1', k, dataFingerprint: 'f0', withheld: [], groups, ...extra });

  it('withholds a group whose n differs from the same group published earlier by 1..k−1, naming the release', () => {
    const views = decide([cell('a', range(0, 11), { dims: { org: 'C' } })], run(), [release('r1', 5, [{ key: g({ org: 'C' }), n: 10 }])]);
    expect(views[0].withheld).toMatchObject({ rule: 'differencing', against: 'r1' });
    expect(views[0].withheld!.reason).not.toMatch(/\b[1-4]\b/);
    expect(decide([cell('a', range(0, 15), { dims: { org: 'C' } })], run(), [release('r1', 5, [{ key: g({ org: 'C' }), n: 10 }])])[0].withheld).toBeUndefined();
  });

  it('compares keys nested by their constraints, both ways', () => {
    const earlier = [release('r1', 5, [{ key: g({ type: 'low' }), n: 12 }])];
    expect(decide([cell('a', range(0, 10), { dims: { type: 'low', org: 'C' } })], run(), earlier)[0].withheld).toMatchObject({ rule: 'differencing', against: 'r1' });
    const narrow = [release('r1', 5, [{ key: g({ type: 'low', org: 'C' }), n: 10 }])];
    expect(decide([cell('a', range(0, 12), { dims: { type: 'low' } })], run(), narrow)[0].withheld).toMatchObject({ rule: 'differencing' });
    // Not nested: another type, another organization.
    expect(decide([cell('a', range(0, 12), { dims: { type: 'organizing' } })], run(), narrow)[0].withheld).toBeUndefined();
    expect(decide([cell('a', range(0, 12), { dims: { type: 'low', org: 'D' } })], run(), narrow)[0].withheld).toBeUndefined();
  });

  it('refuses a k below an earlier release of the wave, saying what to do', () => {
    expect(() => decide([cell('a', range(0, 10))], run(5), [release('r1', 7, [])])).toThrow(InvalidInputError);
    expect(() => decide([cell('a', range(0, 10))], run(5), [release('r1', 7, [])])).toThrow(/--k 7/);
    // Another wave's k does not bind this one.
    expect(() => decide([cell('a', range(0, 10))], run(5), [{ ...release('r1', 7, []), waveId: 'w0' }])).not.toThrow();
  });

  it('keeps an organization\'s exported rows as an earlier release of the wave exported them: any change in their number leaves them out', () => {
    const rows = (n: number) => cell('export/respondents[C]', new Int32Array(0), { var: 'export:respondents', members: null, n, dims: { org: 'C' } });
    const key = groupKey('w1', 'export:respondents', { org: 'C' });
    const earlier = [release('r1', 5, [{ key, n: 10 }])];
    // k or more newcomers: the pair rules would allow it, the export rule does not.
    expect(decide([rows(16)], run(), earlier)[0].withheld).toMatchObject({ rule: 'differencing', against: 'r1' });
    expect(decide([rows(16)], run(), earlier)[0].withheld!.reason).toMatch(/earlier rows stand/);
    // The same rows, another wave's export, or an organization not exported before: kept.
    expect(decide([rows(10)], run(), earlier)[0].withheld).toBeUndefined();
    expect(decide([rows(16)], run(), [{ ...earlier[0], waveId: 'w0', groups: [{ key: groupKey('w0', 'export:respondents', { org: 'C' }), n: 10 }] }])[0].withheld).toBeUndefined();
    expect(decide([rows(16)], run(), [release('r1', 5, [])])[0].withheld).toBeUndefined();
  });

  it('withholds at least what an earlier release on the same data withheld', () => {
    const cells = [cell('a', range(0, 10)), cell('b', range(20, 30))];
    const views = decide(cells, run(6, 'same'), [release('r1', 5, [], { dataFingerprint: 'same', withheld: ['a'] })]);
    expect(withheld(views)).toEqual({ a: 'differencing' });
    expect(withheld(decide(cells, run(6, 'other'), [release('r1', 5, [], { dataFingerprint: 'same', withheld: ['a'] })]))).toEqual({});
  });
});

describe('group keys', () => {
  it('are canonical: dims sorted, set values sorted', () => {
    expect(groupKey('w', 'sat', { type: ['organizing', 'mobilizing'], org: 'C' })).toBe('wave=w;var=sat;org=C;type=mobilizing|organizing');
    expect(groupKey('w', 'export:respondents', { org: 'C' })).toBe('wave=w;export=respondents;org=C');
    expect(() => groupKey('w', 'sat', { org: 'a;b' })).toThrow();
  });

  it('nest by constraints', () => {
    const p = (d: Record<string, string | string[]>) => parseKey(groupKey('w', 'sat', d));
    expect(keyWithin(p({ type: 'organizing', org: 'C' }), p({ type: ['organizing', 'mobilizing'] }))).toBe(true);
    expect(keyWithin(p({ type: ['organizing', 'mobilizing'] }), p({ type: 'organizing' }))).toBe(false);
    expect(keyWithin(p({}), p({}))).toBe(true);
    expect(keyWithin(parseKey(groupKey('w', 'sat', {})), parseKey(groupKey('v', 'sat', {})))).toBe(false);
  });
});
