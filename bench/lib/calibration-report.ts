// Markdown for `npm run bench:calibration`: the share of simulated null studies in which each
// confirmatory test rejects at 5% (its type I error, with a 95% Monte Carlo interval), and the
// power for the generator's planted effects; and the marked section of bench/results.md that
// holds it, so rewriting one part of that file keeps the other.
import { power, rejectionRate, type SimulationResult } from '../../pipeline/power/simulate.js';
import { markers, namedSectionOf, withNamedSection } from './sections.js';

export const { start: SECTION_START, end: SECTION_END } = markers('calibration');
/** The headline tests DESIGN.md sets a 4–6% target for. */
export const TARGET = { low: 0.04, high: 0.06, hypotheses: ['H1', 'H3', 'H5'] } as const;

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

export interface CalibrationReport {
  command: string;
  day: string;
  seconds: number;
  nullRun: SimulationResult;
  plantedRun: SimulationResult;
}

export function renderCalibration(r: CalibrationReport): string {
  const p = r.nullRun.plan;
  const lines = [
    '## Calibration: type I error and power of the confirmatory tests',
    '',
    `Measured on ${r.day} with \`${r.command}\` (${r.seconds.toFixed(0)} s).`,
    '',
    `Each simulated study: ${p.orgs} organizations of ${p.staffMin}–${p.staffMax} respondents each (unbalanced), drawn from the synthetic generator (data/synthetic) with organizations that differ (random organization effects on satisfaction, intent to leave and the other roots), k = ${p.k}, profiles from ${pct(p.profileRate)} of organizations; analysed by the pipeline's own confirmatory analyses (pipeline/power/simulate.ts). Seeds ${r.nullRun.seed} (null) and ${r.plantedRun.seed} (planted), ${r.nullRun.sims} studies each. Intervals are 95% Clopper–Pearson (Monte Carlo error).`,
    '',
    `### Under the null (every planted effect 0): share of studies rejecting at 5%`,
    '',
    '| hypothesis | test | headline | rejected / estimable | rate | 95% MC interval | target |',
    '|---|---|---|---:|---:|---|---|',
    ...r.nullRun.tests.map((t) => {
      const x = rejectionRate(t);
      const targeted = t.headline && (TARGET.hypotheses as readonly string[]).includes(t.hypothesis);
      const verdict = !targeted || x.rate === null ? '' : x.rate >= TARGET.low && x.rate <= TARGET.high ? '4–6%: met' : '4–6%: **not met**';
      return `| ${t.hypothesis} | ${t.test} | ${t.headline ? 'yes' : ''} | ${t.rejected} / ${t.estimable} | ${pct(x.rate)} | ${pct(x.ciLow)}–${pct(x.ciHigh)} | ${verdict} |`;
    }),
    '',
    `### Power for the generator's planted effects (data/synthetic/params.ts DEFAULT_EFFECTS)`,
    '',
    `A study where a test cannot be computed counts as a miss. Mean Hedges' g of H1 across these studies: ${r.plantedRun.meanHedgesG === null ? '–' : r.plantedRun.meanHedgesG.toFixed(2)}.`,
    '',
    '| hypothesis | test | headline | rejected / studies | power | 95% MC interval |',
    '|---|---|---|---:|---:|---|',
    ...r.plantedRun.tests.map((t) => {
      const x = power(t);
      return `| ${t.hypothesis} | ${t.test} | ${t.headline ? 'yes' : ''} | ${t.rejected} / ${t.sims} | ${pct(x.rate)} | ${pct(x.ciLow)}–${pct(x.ciHigh)} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/** `document` with its calibration section replaced by `section` (appended when it has none). */
export function withSection(document: string, section: string): string {
  return withNamedSection(document, 'calibration', section);
}

/** The calibration section of `document`, markers included, or '' when it has none. */
export function sectionOf(document: string): string {
  return namedSectionOf(document, 'calibration');
}
