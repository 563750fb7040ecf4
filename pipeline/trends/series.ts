// The study-wide trend series: each confirmatory estimate and each key scale mean, one point
// per compared wave (its published value), the change since the previous compared wave, and
// the change among the organizations reportable in both. Every point is a number a release
// published; the changes are functions of published numbers only.
import type { Estimate, Results, TrendChange, TrendPoint, TrendSeries, Withheld } from '../results.js';
import { independentChange, isRatio, noChange, pairedChange, sideOf } from './change.js';
import type { ComparedWave } from './earlier.js';
import { SCALE_LABELS, TREND_SCALES } from './items.js';
import { versionMismatch, type CurrentInstrument } from './versions.js';

const CHANGE_METHOD = 'Difference of two independent estimates (waves are separate cross-sections of anonymous respondents): SE = √(se₁² + se₂²) from each wave\'s published estimate';
const RATIO_METHOD = 'Ratio of two independent rate ratios, on the log scale: SE = √(se₁² + se₂²) of the log rate ratios (Wald)';
const PAIRED_METHOD = 'Mean change of the organization means among organizations whose mean was published in both waves, each organization weighted equally (the same organizations in both waves: a paired comparison at the organization level)';
const MODEL_NOTE = 'Confirmatory models are fitted on one wave\'s respondents and earlier waves are compared as published, so there is no separate figure for continuing organizations.';

export const pointOf = (waveId: string, e: Estimate | undefined, missing: string): TrendPoint =>
  e
    ? { wave_id: waveId, estimate: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, n: e.n, n_orgs: e.n_orgs, withheld: e.withheld ?? (e.estimate === null ? { rule: 'not_estimable', reason: e.note ?? 'not estimable' } : null) }
    : { wave_id: waveId, estimate: null, ci_low: null, ci_high: null, n: null, n_orgs: null, withheld: { rule: 'not_estimable', reason: missing } };

/** The change between two published estimates, or why there is none. */
export function estimateChange(before: Estimate | undefined, now: Estimate | undefined, names: [string, string]): TrendChange {
  const ratio = !!now && isRatio(now);
  const method = ratio ? RATIO_METHOD : CHANGE_METHOD;
  for (const [e, name] of [[before, names[0]], [now, names[1]]] as const) {
    if (!e) return noChange(method, { rule: 'not_estimable', reason: `no published value in "${name}"` });
    if (e.estimate === null) {
      const w: Withheld = e.withheld && e.withheld.rule !== 'not_estimable' ? { rule: e.withheld.rule, reason: `withheld in "${name}": ${e.withheld.reason}` } : { rule: 'not_estimable', reason: `not estimable in "${name}"` };
      return noChange(method, w);
    }
  }
  const a = sideOf(before!);
  const b = sideOf(now!);
  if (!a || !b) return noChange(method, { rule: 'not_estimable', reason: 'a wave\'s estimate has no interval to compare' });
  return independentChange(a, b, ratio, method);
}

/** Paired change of organization means among organizations whose mean both releases publish. */
export function continuingChange(prev: Pick<Results, 'organizations'>, now: Pick<Results, 'organizations'>, scoreName: string): { change: TrendChange | null; orgs: number } {
  const before = new Map(prev.organizations.filter((o) => o.reportable && o.scales[scoreName] != null).map((o) => [o.code, o.scales[scoreName]!]));
  const diffs: number[] = [];
  for (const o of now.organizations) {
    const b = before.get(o.code);
    const m = o.scales[scoreName];
    if (o.reportable && m != null && b !== undefined) diffs.push(m - b);
  }
  return { change: pairedChange(diffs, PAIRED_METHOD), orgs: diffs.length };
}

export interface SeriesInput {
  results: Results;
  compared: readonly ComparedWave[];
  instrument: CurrentInstrument;
  /** Scale score names whose continuing-organization group the release pass withheld, with why. */
  continuingWithheld: ReadonlyMap<string, Withheld>;
}

export function buildSeries({ results, compared, instrument, continuingWithheld }: SeriesInput): TrendSeries[] {
  const waveId = results.study.wave_id;
  const prev = compared.at(-1)!;
  const names: [string, string] = [prev.name, results.study.wave_name];
  const mismatchOf = (id: string): string | null => {
    const reasons = compared.map((w) => versionMismatch(id, w, instrument)).filter((r): r is string => r !== null);
    return reasons.length ? `Not compared: ${reasons.join('; ')}.` : null;
  };
  const series: TrendSeries[] = [];
  for (const e of results.confirmatory) {
    const notCompared = mismatchOf(e.id);
    const points = [...compared.map((w) => pointOf(w.waveId, w.results.confirmatory.find((x) => x.id === e.id), `"${w.name}" published no ${e.id}`)), pointOf(waveId, e, '')];
    const change = notCompared ? null : estimateChange(prev.results.confirmatory.find((x) => x.id === e.id), e, names);
    series.push({ id: e.id, label: e.label, kind: 'confirmatory', points, change, change_continuing: null, not_compared: notCompared, continuing_note: notCompared ? null : MODEL_NOTE });
  }
  for (const sc of TREND_SCALES) {
    const id = `scale.${sc.id}`;
    const now = results.scale_means?.find((x) => x.id === id);
    const notCompared = mismatchOf(id);
    const points = [...compared.map((w) => pointOf(w.waveId, w.results.scale_means?.find((x) => x.id === id), `the release of "${w.name}" did not publish study-wide scale means`)), pointOf(waveId, now, 'not computed')];
    let change: TrendChange | null = null;
    let continuing: TrendChange | null = null;
    let note: string | null = null;
    if (!notCompared) {
      change = estimateChange(prev.results.scale_means?.find((x) => x.id === id), now, names);
      const withheld = continuingWithheld.get(sc.scoreName);
      if (withheld) continuing = noChange(PAIRED_METHOD, withheld);
      else {
        const c = continuingChange(prev.results, results, sc.scoreName);
        continuing = c.change;
        if (!continuing) note = `Fewer than two organizations (or no variation among them) have a published mean in both "${prev.name}" and this wave.`;
      }
    }
    series.push({ id, label: SCALE_LABELS[sc.id], kind: 'scale', points, change, change_continuing: continuing, not_compared: notCompared, continuing_note: note });
  }
  return series;
}
