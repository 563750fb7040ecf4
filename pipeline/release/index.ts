// The release pass of a run, after the per-output disclosure rules: the cell index of
// everything the run publishes, checks against earlier releases (monotone k, same-data
// union, differencing, exported rows that stand), then linked suppression across all
// outputs and the linear-combination audit (span.ts) to a fixpoint, carried out in the
// results; and the two release documents (release-groups.json, disclosure.json).
import type { ScoredWave } from '../aggregate.js';
import type { SuppressionLog, SuppressionRule } from '../disclose.js';
import type { Results } from '../results.js';
import { buildCells, type ExtraCell } from './build.js';
import { universeSize, viewsByVar, viewsOf, type Cell, type View } from './cells.js';
import { assertMonotoneK, differencingPass, earlierPublished, exportFreezePass, sameDataPublished, sameDataWithheld, type LedgerRelease } from './ledger.js';
import { byFirstMember, contrastsByVar, LinkedChecks, primaryPass, withhold } from './linked.js';
import { whileReadable } from './members.js';
import { auditVar, Scratch } from './span.js';

export type { LedgerRelease } from './ledger.js';
export type { ExtraCell } from './build.js';

export interface ReleaseGroups {
  wave_id: string;
  k: number;
  data_fingerprint: string;
  /** Cell ids withheld in this run. */
  withheld: string[];
  /** The groups published numbers rest on; every n is at least k. */
  groups: { key: string; n: number }[];
}

/** disclosure.json's rules: results.json's, plus `linear-combination` (there shown as complementary). */
export type ReleaseRule = SuppressionRule | 'linear-combination';

export interface DisclosureReport {
  wave_id: string;
  k: number;
  checked_against: string[];
  withheld: { id: string; rule: ReleaseRule; reason: string; against?: string; combines?: string[] }[];
  by_rule: Record<ReleaseRule, number>;
  information_lost: { cells: number; cells_withheld: number; share_cells: number; values: number; values_withheld: number; share_values: number };
}

export interface ReleaseOutcome {
  groups: ReleaseGroups;
  disclosure: DisclosureReport;
}

/** Records a cell withheld after the pass (by a consumer of its decisions) in the release's files and figures. */
export function recordWithheldAfterPass(outcome: ReleaseOutcome, w: DisclosureReport['withheld'][number], values: number): void {
  outcome.groups.withheld.push(w.id);
  outcome.disclosure.withheld.push(w);
  outcome.disclosure.by_rule[w.rule]++;
  const lost = outcome.disclosure.information_lost;
  lost.cells_withheld++;
  lost.values_withheld += values;
  lost.share_cells = share(lost.cells_withheld, lost.cells);
  lost.share_values = share(lost.values_withheld, lost.values);
}

const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);

/** Decides on views (pure): primary, earlier releases, linked. Throws when k is below an earlier release's. */
export function decide(cells: readonly Cell[], run: { waveId: string; k: number; fingerprint: string; respondents: number }, ledger: readonly LedgerRelease[] = []): View[] {
  assertMonotoneK(run, ledger);
  const views = viewsOf(cells);
  primaryPass(views, run.k);
  const same = sameDataWithheld(run, ledger);
  if (same.size > 0) {
    for (const v of views) {
      const c = v.cells.find((x) => same.has(x.id));
      if (c && v.published) withhold(v, { rule: 'differencing', against: same.get(c.id), reason: `withheld by release ${same.get(c.id)} on the same data: a release withholds at least what an earlier one on the same data withheld` });
    }
  }
  differencingPass(views, run.k, ledger);
  exportFreezePass(views, run.k, ledger);
  const earlier = earlierPublished(views, ledger);
  const publicForGood = sameDataPublished(views, run, ledger);
  // Linked (nested pairs, table remainders, contrasts) and the linear-combination audit,
  // alternately, until neither withholds more: each only shrinks what is published. Both
  // compare only groups of one var, so each var runs to its own fixpoint, its study-wide
  // groups listed once for both checks.
  const universe = universeSize(views, run.respondents);
  const linked = new LinkedChecks(run.k, universe, earlier);
  const scratch = new Scratch(universe);
  const contrasts = contrastsByVar(views);
  const audit = { k: run.k, publicForGood, earlierPublished: earlier };
  for (const [name, list] of viewsByVar(views)) {
    const sorted = byFirstMember(list);
    const mine = contrasts.get(name) ?? [];
    whileReadable(list, () => {
      for (;;) {
        linked.fixpoint(sorted, mine);
        if (auditVar(list, audit, scratch) === 0) break;
      }
    });
  }
  return views;
}

/** Runs the release pass on a disclosed run and carries its decisions out in `results`. */
export function applyRelease(sw: ScoredWave, results: Results, log: SuppressionLog, ledger: readonly LedgerRelease[] = [], extra: readonly ExtraCell[] = []): ReleaseOutcome {
  const k = results.study.k;
  const run = { waveId: results.study.wave_id, k, fingerprint: results.run.data_fingerprint, respondents: sw.data.n };
  const { cells, apply } = buildCells(sw, results, extra);
  const views = decide(cells, run, ledger);
  // An earlier release on the same data withheld these: listed even when empty now (a higher k emptied them).
  const same = sameDataWithheld(run, ledger);
  const withheld: DisclosureReport['withheld'] = [];
  let values = 0;
  let valuesWithheld = 0;
  let counted = 0;
  for (const v of views) {
    for (const c of v.cells) {
      if (c.n === 0 && !v.withheld) {
        if (same.has(c.id)) withheld.push({ id: c.id, rule: 'differencing', against: same.get(c.id), reason: 'withheld by an earlier release on the same data; empty at this k' });
        continue;
      }
      counted++;
      values += c.values;
      if (c.published && v.withheld) {
        apply(c)(v.withheld);
        log.suppressed.push({ id: c.id, reason: v.withheld.reason, rule: v.withheld.rule, ...(v.withheld.against ? { against: v.withheld.against } : {}) });
        const { combines, ...w } = v.withheld;
        withheld.push(combines ? { id: c.id, ...w, rule: 'linear-combination', combines } : { id: c.id, ...w });
        valuesWithheld += c.values;
      } else if (!c.published) {
        withheld.push({ id: c.id, rule: c.preRule ?? 'primary', reason: 'withheld by the group rules of its output' });
        valuesWithheld += c.values;
      }
    }
  }
  const checked = ledger.map((r) => r.releaseId);
  results.run.checked_against = checked;
  withheld.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byRule: Record<ReleaseRule, number> = { primary: 0, complementary: 0, differencing: 0, 'k-anonymity': 0, 'linear-combination': 0 };
  for (const w of withheld) byRule[w.rule]++;
  const groups = views
    .filter((v) => v.published && !v.withheld && v.n >= k)
    .map((v) => ({ key: v.key, n: v.n }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    groups: { wave_id: run.waveId, k, data_fingerprint: run.fingerprint, withheld: withheld.map((w) => w.id), groups },
    disclosure: {
      wave_id: run.waveId,
      k,
      checked_against: checked,
      withheld,
      by_rule: byRule,
      information_lost: { cells: counted, cells_withheld: withheld.length, share_cells: share(withheld.length, counted), values, values_withheld: valuesWithheld, share_values: share(valuesWithheld, values) },
    },
  };
}
