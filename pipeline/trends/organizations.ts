// Each organization's own change since its previous published wave: its published scale
// means in both waves and the change with a Welch interval (different, anonymous
// respondents in each wave), from the published standard errors. Only for organizations
// reportable in both waves; otherwise `trend` is null and `trend_note` says why, without
// any count.
import type { OrganizationSummary, OrganizationTrend, Results, TrendChange } from '../results.js';
import { independentChange, noChange } from './change.js';
import type { ComparedWave } from './earlier.js';
import { SCALE_LABELS, TREND_SCALES } from './items.js';
import { versionMismatch, type CurrentInstrument } from './versions.js';

const METHOD = 'Difference of the organization\'s means in two waves (independent respondents), Welch interval from each mean\'s standard error';

/** The organization's previous compared wave it took part in, newest first. */
function previousWave(code: string, compared: readonly ComparedWave[]): { wave: ComparedWave; org: OrganizationSummary } | null {
  for (let i = compared.length - 1; i >= 0; i--) {
    const org = compared[i].results.organizations.find((o) => o.code === code);
    // respondents is null when under k (a count under k is not published); 0 when the organization did not take part.
    if (org && (org.reportable || org.respondents === null || org.respondents > 0)) return { wave: compared[i], org };
  }
  return null;
}

function measureChange(prev: OrganizationSummary, now: OrganizationSummary, scoreName: string, waveName: string, mismatch: string | null): TrendChange {
  if (mismatch) return noChange(METHOD, { rule: 'not_estimable', reason: mismatch });
  const a = prev.scales[scoreName];
  const b = now.scales[scoreName];
  if (a == null || b == null) return noChange(METHOD, { rule: 'primary', reason: `the mean is withheld in ${a == null ? `"${waveName}"` : 'this wave'}` });
  const seA = prev.scale_se?.[scoreName];
  const seB = now.scale_se?.[scoreName];
  if (seA == null || seB == null || !(seA > 0) || !(seB > 0)) {
    return noChange(METHOD, { rule: 'not_estimable', reason: seA === undefined ? `the release of "${waveName}" did not publish the standard errors a change interval needs` : 'a mean has no spread to build an interval on' });
  }
  const df = (o: OrganizationSummary) => (o.respondents != null && o.respondents > 1 ? o.respondents - 1 : null);
  return independentChange({ value: a, se: seA, df: df(prev) }, { value: b, se: seB, df: df(now) }, false, METHOD);
}

/** Sets `trend` and `trend_note` on every organization of `results`. */
export function addOrganizationTrends(results: Results, compared: readonly ComparedWave[], instrument: CurrentInstrument, anyEarlier: boolean): void {
  for (const o of results.organizations) {
    o.trend = null;
    o.trend_note = null;
    if (!anyEarlier) continue;
    if (compared.length === 0) {
      o.trend_note = 'No earlier wave of the study is compared (see the trends section for why).';
      continue;
    }
    if (!o.reportable) {
      o.trend_note = o.respondents === 0 ? 'Did not take part in this wave.' : 'Fewer than k respondents in this wave: no change figure.';
      continue;
    }
    const prev = previousWave(o.code, compared);
    if (!prev) {
      o.trend_note = 'Did not take part in an earlier compared wave.';
      continue;
    }
    if (!prev.org.reportable) {
      o.trend_note = `Fewer than k respondents in "${prev.wave.name}": no change figure.`;
      continue;
    }
    const measures: OrganizationTrend['measures'] = TREND_SCALES.map((sc) => ({
      id: `scale.${sc.id}`,
      label: SCALE_LABELS[sc.id],
      previous: prev.org.scales[sc.scoreName] ?? null,
      current: o.scales[sc.scoreName] ?? null,
      change: measureChange(prev.org, o, sc.scoreName, prev.wave.name, versionMismatch(`scale.${sc.id}`, prev.wave, instrument)),
    }));
    o.trend = { previous_wave_id: prev.wave.waveId, previous_wave_name: prev.wave.name, measures };
  }
}
