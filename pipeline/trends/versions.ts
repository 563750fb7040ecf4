// Whether a series may be compared between an earlier wave and this run: every item it rests
// on kept its fingerprint. A release written before per-item fingerprints is compared only
// when its instrument versions are exactly this run's.
import type { EarlierResults } from './earlier.js';
import { changedItems, seriesItems } from './items.js';

export interface CurrentInstrument {
  itemVersions: Record<string, string>;
  instrumentVersions: readonly string[];
}

/** Why `seriesId` cannot be compared with `wave`, or null when it can. */
export function versionMismatch(seriesId: string, wave: { name: string; results: EarlierResults }, now: CurrentInstrument): string | null {
  const all = Object.keys(now.itemVersions);
  const ids = seriesItems(seriesId, all);
  const before = wave.results.codebook?.item_versions;
  if (!before) {
    const a = [...wave.results.study.instrument_versions].sort().join(',');
    const b = [...now.instrumentVersions].sort().join(',');
    return a === b ? null : `"${wave.name}" was published before per-item instrument versions were recorded, and its instrument version differs from this wave's`;
  }
  const changed = changedItems(ids, before, now.itemVersions);
  if (changed.length === 0) return null;
  const shown = changed.slice(0, 4).join(', ') + (changed.length > 4 ? ` and ${changed.length - 4} more` : '');
  return `the wording or response scale of ${shown} changed between "${wave.name}" and this wave`;
}
