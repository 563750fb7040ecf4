// Withholding a cell in the results: its value and its n become null, the place says it was
// withheld and why. One function per kind of place; the pass decides, this only carries out.
import { withhold as withholdEstimate } from '../disclose.js';
import type { Estimate, GroupSummary, Results } from '../results.js';
import type { Withholding } from './cells.js';

export type Apply = (w: Withholding) => void;

type Section = 'measurement' | 'confirmatory' | 'exploratory';

function hideGroup(g: GroupSummary | undefined): void {
  if (!g) return;
  g.n = null;
  g.mean = null;
  g.ci_low = null;
  g.ci_high = null;
  g.suppressed = true;
}

const note = (w: Withholding) => `Suppressed: ${w.reason}.`;

export function applier(results: Results) {
  const org = (code: string) => results.organizations.find((o) => o.code === code);
  const estimateIn = (section: Section, id: string) => results[section].find((e) => e.id === id);
  const replaceEstimate = (list: Estimate[], id: string, w: Withholding) => {
    const i = list.findIndex((e) => e.id === id);
    if (i >= 0) list[i] = { ...withholdEstimate(list[i], note(w)), n: null };
  };
  return {
    orgRespondents: (code: string): Apply => (w) => {
      const row = results.participation.by_organization.find((r) => r.code === code);
      if (row) Object.assign(row, { respondents: null, response_rate: null, suppressed: true });
      const o = org(code);
      if (o) {
        o.response_rate = null;
        o.suppressed.push(`respondents: ${w.reason}`);
      }
    },
    exportRows: (code: string): Apply => (w) => {
      const list = (results.disclosure.export_withheld ??= []);
      list.push({ org_code: code, reason: `${w.reason}; the earlier release's rows stand` });
    },
    orgOrientation: (code: string): Apply => (w) => {
      const o = org(code);
      if (o) {
        Object.assign(o, { orientation_index: null, organizing_score: null, mobilizing_score: null, orientation_type: null, orientation_percentile: null });
        o.suppressed.push(`orientation: ${w.reason}`);
      }
      results.series.orientation_map = results.series.orientation_map.filter((p) => p.code !== code);
    },
    orgScale: (code: string, name: string): Apply => (w) => {
      const o = org(code);
      if (!o) return;
      o.scales[name] = null;
      o.suppressed.push(`${name}: ${w.reason}`);
    },
    orgBridge: (code: string, item: string): Apply => (w) => {
      const o = org(code);
      if (!o) return;
      o.bridge[item] = { mean: null, counts: null };
      o.suppressed.push(`${item}: ${w.reason}`);
    },
    estimate: (section: Section, id: string): Apply => (w) => {
      replaceEstimate(results[section], id, w);
      replaceEstimate(results.series.roots, id, w);
    },
    group: (section: Section, id: string, group: string): Apply => () => {
      const e = estimateIn(section, id);
      const groups = e?.details?.groups;
      if (Array.isArray(groups)) hideGroup((groups as GroupSummary[]).find((g) => g.group === group));
    },
    seriesGroup: (outcome: string, label: string): Apply => () => {
      hideGroup(results.series.outcome_by_type_race.find((s) => s.outcome === outcome)?.groups.find((g) => g.group === label));
    },
    missing: (name: 'race_missing' | 'race_declined'): Apply => () => {
      results.missing[name] = null;
      for (const o of results.omissions) {
        if (o.what !== 'race') continue;
        if (name === 'race_missing') o.count = null;
        o.why = 'no race answer: left out of race comparisons (H1, H3, H5 and breakdowns by race)';
      }
    },
    missingScale: (scale: string): Apply => () => {
      results.missing.scale_missing[scale] = null;
      for (const o of results.omissions) if (o.what === scale) o.count = null;
    },
  };
}
