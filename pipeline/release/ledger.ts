// Checks against earlier releases (the ledger): what an earlier release of a wave published
// is public for good, so a new release may not publish a group that differs from an
// earlier published group by 1..k−1 respondents — the same key with another n, or a key
// nested in the other's (same wave and var). k never goes below an earlier release's k of
// the same wave, and a release on the same data withholds at least what the earlier one did.
import { InvalidInputError } from '../../data/errors.js';
import type { View } from './cells.js';
import { keyOrg, keyVar, keyWithin, parseKey, type ParsedKey } from './keys.js';
import { withhold } from './linked.js';
// One earlier release of the study as the ledger recorded it: the data layer's type is the one definition.
import type { LedgerRelease } from '../../data/repositories/releases.js';

export type { LedgerRelease };

export interface ThisRun {
  waveId: string;
  k: number;
  fingerprint: string;
}

interface Earlier {
  parsed: ParsedKey;
  key: string;
  n: number;
  releaseId: string;
}

/** Refuses a k below an earlier release's k of the same wave. */
export function assertMonotoneK(run: ThisRun, ledger: readonly LedgerRelease[]): void {
  const higher = ledger.filter((r) => r.waveId === run.waveId && r.k > run.k);
  if (higher.length === 0) return;
  const top = higher.reduce((a, b) => (b.k > a.k ? b : a));
  throw new InvalidInputError(
    `k = ${run.k} is below k = ${top.k} of release ${top.releaseId} of this wave: a release may raise k, never lower it (two suppression patterns at different k combined would reveal cells). Run with --k ${top.k} or higher.`,
  );
}

/** Cell ids withheld by an earlier release of the same wave on the same data. */
export function sameDataWithheld(run: ThisRun, ledger: readonly LedgerRelease[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ledger) {
    if (r.waveId !== run.waveId || r.dataFingerprint !== run.fingerprint) continue;
    for (const id of r.withheld) if (!out.has(id)) out.set(id, r.releaseId);
  }
  return out;
}

/** Keys published earlier with exactly this n: keeping them published reveals nothing new. */
export function earlierPublished(views: readonly View[], ledger: readonly LedgerRelease[]): Set<string> {
  return keysPublishedWithSameN(views, ledger);
}

/** The keys of `views` that one of `releases` published with the same n. */
function keysPublishedWithSameN(views: readonly View[], releases: readonly LedgerRelease[]): Set<string> {
  const seen = new Map<string, Set<number>>();
  for (const r of releases) {
    for (const g of r.groups) {
      const s = seen.get(g.key);
      if (s) s.add(g.n);
      else seen.set(g.key, new Set([g.n]));
    }
  }
  const out = new Set<string>();
  for (const v of views) if (seen.get(v.key)?.has(v.n)) out.add(v.key);
  return out;
}

/**
 * Withholds every published view differing from an earlier published group by 1..k−1
 * (same key, or one key nested in the other); returns how many it withheld.
 */
export function differencingPass(views: readonly View[], k: number, ledger: readonly LedgerRelease[]): number {
  // Earlier groups by var, then by their single organization (a key with org=C can only
  // nest with keys of org C or keys without an org).
  const index = new Map<string, { byOrg: Map<string, Earlier[]>; rest: Earlier[]; all: Earlier[] }>();
  for (const r of ledger) {
    for (const g of r.groups) {
      const parsed = parseKey(g.key);
      let bucket = index.get(parsed.var);
      if (!bucket) index.set(parsed.var, (bucket = { byOrg: new Map(), rest: [], all: [] }));
      const e: Earlier = { parsed, key: g.key, n: g.n, releaseId: r.releaseId };
      bucket.all.push(e);
      const org = keyOrg(parsed);
      if (org === null) bucket.rest.push(e);
      else {
        const list = bucket.byOrg.get(org);
        if (list) list.push(e);
        else bucket.byOrg.set(org, [e]);
      }
    }
  }
  let count = 0;
  for (const v of views) {
    if (!v.published || v.withheld || v.n < k) continue;
    // Views of a var no earlier release published need no parsing.
    const bucket = index.get(keyVar(v.key) ?? '');
    if (!bucket) continue;
    const p = parseKey(v.key);
    const org = keyOrg(p);
    const candidates = org === null ? bucket.all : [...(bucket.byOrg.get(org) ?? []), ...bucket.rest];
    for (const e of candidates) {
      const d = Math.abs(v.n - e.n);
      if (d === 0 || d >= k) continue;
      if (e.key !== v.key && !keyWithin(p, e.parsed) && !keyWithin(e.parsed, p)) continue;
      const how = e.key === v.key ? 'the same group' : 'a group nested with it';
      withhold(v, { rule: 'differencing', against: e.releaseId, reason: `differencing: differs by fewer than k = ${k} respondents from ${how} published in release ${e.releaseId}` });
      count++;
      break;
    }
  }
  return count;
}

/**
 * Keys of this run that an earlier release of the same wave on the same data published
 * with the same n: they rest on the same people (on the same data a key's group only
 * loses the organizations a higher k puts under k, which changes its n), public for good.
 */
export function sameDataPublished(views: readonly View[], run: ThisRun, ledger: readonly LedgerRelease[]): Set<string> {
  return keysPublishedWithSameN(views, ledger.filter((r) => r.waveId === run.waveId && r.dataFingerprint === run.fingerprint));
}

/**
 * Once a release exported an organization's rows of a wave, they stand: a later release
 * whose rows of that organization differ in number (late responses, an import) leaves
 * them out of its export, however many the newcomers. Two files side by side are matched
 * row by row on the answers, so the rows only the second has are the newcomers' — k of
 * them in the organization, but possibly one in an organization × quasi-identifier class —
 * and rows suppressed afresh blank other values than the first file did. (A difference of
 * 1..k−1 is already caught by the differencing pass.) Returns how many it withheld.
 */
export function exportFreezePass(views: readonly View[], k: number, ledger: readonly LedgerRelease[]): number {
  let count = 0;
  if (ledger.length === 0) return 0;
  for (const v of views) {
    if (!v.published || v.withheld || !v.var.startsWith('export:')) continue;
    const wave = parseKey(v.key).wave;
    for (const r of ledger) {
      if (r.waveId !== wave) continue;
      const g = r.groups.find((x) => x.key === v.key);
      if (!g || g.n === v.n) continue;
      withhold(v, { rule: 'differencing', against: r.releaseId, reason: `differencing: release ${r.releaseId} exported this organization's rows of the wave and they have changed since (late responses or an import); the earlier rows stand, since two exports side by side would single out the newcomers' rows (k = ${k})` });
      count++;
      break;
    }
  }
  return count;
}
