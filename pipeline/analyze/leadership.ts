// H4: organizations, each weighted equally — orientation index of POC-led minus white-led
// organizations (Welch), and orientation type × POC-led by chi-square, or Fisher's exact
// test when an expected count is under 5.
import type { ScoredWave } from '../aggregate.js';
import type { OrientationType } from '../results.js';
import { chiSquareIndependence, fisherExact, welchTTest } from '../stats/index.js';
import { attempt, draft, groupSummary, notEstimable, type Base, type Draft } from './estimate.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];

export const H4_BASE: Base = {
  id: 'H4.orientation_diff',
  label: 'Organization orientation index: POC-led minus white-led organizations',
  population: 'organizations with an orientation type and a profile stating leadership',
  method: 'Welch two-sample t test on organization orientation indices (each organization weighted equally; an organization\'s index is the mean over its respondents; n is organizations, details.respondents the respondents behind them). Orientation type × POC-led: Pearson chi-square, or Fisher\'s exact test when an expected count is under 5.',
  confirmatory: true,
  scale: 'difference',
};

const TABLE_BASE: Base = {
  id: 'H4.type_by_leadership',
  label: 'Orientation type by POC-led (Cramér\'s V)',
  population: H4_BASE.population,
  method: 'Contingency table of orientation type (rows with no organizations dropped) by POC-led; Pearson chi-square without continuity correction, or Fisher\'s exact test (r×c) when any expected count is under 5. Estimate: Cramér\'s V.',
  confirmatory: true,
  scale: 'cramers_v',
};

export function leadershipContrast(sw: ScoredWave): Draft {
  const orgs = sw.orgs.filter((o) => o.type !== null && o.facts?.pocLed != null);
  const led = orgs.filter((o) => o.facts!.pocLed === true);
  const white = orgs.filter((o) => o.facts!.pocLed === false);
  // n is the organizations compared (the units, each weighted equally); the respondents
  // behind their indices go in details.
  const n = orgs.length;
  const respondents = orgs.reduce((s, o) => s + o.indexN, 0);
  const minGroup = Math.min(...orgs.map((o) => o.indexN), Infinity);
  const min = Number.isFinite(minGroup) ? minGroup : 0;
  if (led.length < 2 || white.length < 2) {
    return notEstimable(H4_BASE, n, orgs.length, `needs at least 2 POC-led and 2 white-led organizations with a type (got ${led.length} and ${white.length})`, min);
  }
  return attempt(H4_BASE, n, orgs.length, min, () => {
    const x = led.map((o) => o.index!);
    const y = white.map((o) => o.index!);
    const w = welchTTest(x, y);
    const details: NonNullable<Draft['estimate']['details']> = {
      respondents,
      t: w.t,
      df: w.df,
      groups: [groupSummary('POC-led', x, led.length), groupSummary('white-led', y, white.length)],
      type_by_leadership: typeTable(orgs.map((o) => [o.type!, o.facts!.pocLed!] as const), respondents, min).estimate,
    };
    return draft(H4_BASE, { n, n_orgs: orgs.length, estimate: w.difference, ci_low: w.ciLow, ci_high: w.ciHigh, p: w.p }, min, details);
  });
}

function typeTable(rows: readonly (readonly [OrientationType, boolean])[], respondents: number, minGroup: number): Draft {
  const n = rows.length;
  const table = TYPES.map((t) => [true, false].map((l) => rows.filter(([rt, rl]) => rt === t && rl === l).length)).filter((r) => r[0] + r[1] > 0);
  const counts = TYPES.map((t) => `${t}: ${rows.filter(([rt, rl]) => rt === t && rl).length} POC-led / ${rows.filter(([rt, rl]) => rt === t && !rl).length} white-led`).join('; ');
  if (table.length < 2) return notEstimable(TABLE_BASE, n, rows.length, 'organizations fall in fewer than 2 orientation types', minGroup);
  return attempt(TABLE_BASE, n, rows.length, minGroup, () => {
    const chi = chiSquareIndependence(table);
    const useFisher = chi.anyExpectedBelow5;
    const p = useFisher ? fisherExact(table).p : chi.p;
    const v = Math.sqrt(chi.statistic / (rows.length * (Math.min(table.length, 2) - 1)));
    return draft(TABLE_BASE, { n, n_orgs: rows.length, estimate: v, ci_low: null, ci_high: null, p }, minGroup, {
      respondents,
      test: useFisher ? 'fisher_exact' : 'chi_square',
      chi_square: chi.statistic,
      df: chi.df,
      min_expected: chi.minExpected,
      counts,
    });
  });
}
