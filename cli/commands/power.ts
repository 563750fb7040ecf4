// rootwork power: the power of H1–H5 for a planned study, by simulating it many times with the
// synthetic generator and running the pipeline's own confirmatory analyses on each
// (pipeline/power/simulate.ts). Pure computation: no database is opened. Several --effect
// values give a power curve, drawn as an SVG with --svg.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_EFFECTS } from '../../data/synthetic/params.js';
import { power, scaledEffects, simulate, type SimulationResult } from '../../pipeline/power/simulate.js';
import { renderSpec } from '../../reports/render/vega-svg.js';
import { powerCurveSpec, type PowerPoint } from '../../reports/specs/power-curve.js';
import { intFlag, kFlag, parse, rangeFlag, UsageError, type Command } from '../args.js';
import { usage } from '../usage/power.js';

const MAX_SIMS = 100_000;
// Every simulated study is held in memory while it is analysed: bounds that keep one study small.
const MAX_ORGS = 5_000;
const MAX_STAFF = 2_000;

export const powerCommand: Command = {
  name: 'power',
  usage,
  async run(argv, ctx) {
    const { values } = parse('power', argv, {
      orgs: { type: 'string' }, staff: { type: 'string' }, effect: { type: 'string' }, sims: { type: 'string' },
      seed: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean' }, svg: { type: 'string' },
    });
    if (values.orgs === undefined) throw new UsageError('power: --orgs is required: how many organizations the study would enroll, e.g. --orgs 60.');
    if (values.staff === undefined) throw new UsageError('power: --staff is required: responding staff per organization, e.g. --staff 5..40.');
    const orgs = intFlag('power', 'orgs', values.orgs as string, 0);
    if (orgs < 4) throw new UsageError(`power: --orgs must be at least 4, two organizations on each side of a comparison (got ${orgs}).`);
    if (orgs > MAX_ORGS) throw new UsageError(`power: --orgs must be at most ${MAX_ORGS} (got ${orgs}).`);
    const [staffMin, staffMax] = rangeFlag('power', 'staff', values.staff as string, [5, 40]);
    if (staffMax > MAX_STAFF) throw new UsageError(`power: --staff must be at most ${MAX_STAFF} per organization (got ${staffMax}).`);
    const effects = effectsFlag(values.effect as string | undefined);
    const sims = intFlag('power', 'sims', values.sims as string | undefined, 200);
    if (sims < 1 || sims > MAX_SIMS) throw new UsageError(`power: --sims must be between 1 and ${MAX_SIMS} (got ${sims}).`);
    const seed = intFlag('power', 'seed', values.seed as string | undefined, 1);
    if (seed < 0) throw new UsageError(`power: --seed must be 0 or more (got ${seed}).`);
    const k = kFlag('power', values.k as string | undefined) ?? 5;
    const svg = values.svg as string | undefined;
    if (svg !== undefined && !fs.existsSync(path.dirname(path.resolve(svg)))) throw new UsageError(`power: --svg ${svg}: its folder does not exist; create it or choose another path.`);

    const results = effects.map((effect, e) =>
      // The same seed at every effect (common random numbers): studies differ only where the
      // planted effects change what is drawn, so the curve's steps mostly come from the effect.
      simulate(
        { orgs, staffMin, staffMax, effects: scaledEffects(DEFAULT_EFFECTS, effect), k, profileRate: 0.95 },
        { sims, seed, onProgress: ctx.interactive ? (done, total) => process.stderr.write(`\rpower: effect ${effect} (${e + 1}/${effects.length}): ${done}/${total} simulated studies`) : undefined },
      ),
    );
    if (ctx.interactive) process.stderr.write('\n');
    if (values.json) {
      const json = results.map((r, e) => asJson(r, effects[e]));
      ctx.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
    } else {
      results.forEach((r, e) => {
        if (e > 0) ctx.out('');
        for (const line of table(r, effects[e])) ctx.out(line);
      });
    }
    if (svg !== undefined) {
      const points: PowerPoint[] = results.flatMap((r, e) => r.tests.filter((t) => t.headline).map((t) => {
        const p = power(t);
        return { effect: effects[e], hypothesis: `${t.hypothesis} (${t.test})`, power: p.rate, ci_low: p.ciLow, ci_high: p.ciHigh };
      }));
      const title = `Power of H1–H5: ${orgs} organizations, ${staffMin}–${staffMax} staff each`;
      const description = `Power at the 5% level of each confirmatory headline test against the planted effect (× the funder study's), ${sims} simulated studies per point: ` +
        points.map((p) => `${p.hypothesis} at ×${p.effect} ${(100 * p.power).toFixed(0)}%`).join('; ') + '.';
      const out = await renderSpec(powerCurveSpec(points, { title, description }), { name: 'power-curve', title, description });
      fs.writeFileSync(`${svg}.tmp`, out);
      fs.renameSync(`${svg}.tmp`, svg);
      ctx.err(`power: wrote the power curve to ${svg}`);
    }
  },
};

function effectsFlag(value: string | undefined): number[] {
  if (value === undefined) return [1];
  const parts = value.split(',');
  if (parts.length > 20) throw new UsageError(`power: --effect takes at most 20 values (got ${parts.length}).`);
  return parts.map((part) => effectFlag(part.trim()));
}

function effectFlag(value: string): number {
  const f = Number(value);
  if (value.trim() === '' || !Number.isFinite(f) || f < 0 || f > 10) {
    throw new UsageError(`power: --effect must be a number from 0 to 10, a multiple of the funder study's planted effects (got "${value}").`);
  }
  return f;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function asJson(r: SimulationResult, effect: number) {
  return {
    orgs: r.plan.orgs,
    staff: [r.plan.staffMin, r.plan.staffMax],
    effect,
    planted_effects: r.plan.effects,
    k: r.plan.k,
    sims: r.sims,
    seed: r.seed,
    alpha: r.alpha,
    h1_mean_hedges_g: r.meanHedgesG,
    tests: r.tests.map((t) => {
      const p = power(t);
      return { hypothesis: t.hypothesis, id: t.id, test: t.test, headline: t.headline, rejected: t.rejected, estimable: t.estimable, power: p.rate, ci_low: p.ciLow, ci_high: p.ciHigh };
    }),
  };
}

function table(r: SimulationResult, effect: number): string[] {
  const rows = r.tests.map((t) => {
    const p = power(t);
    return [t.hypothesis, t.test + (t.headline ? ' (headline)' : ''), pct(p.rate), `${pct(p.ciLow)}–${pct(p.ciHigh)}`, `${t.rejected}/${t.sims}`, String(t.estimable)];
  });
  const head = ['hyp.', 'test', 'power', '95% MC interval', 'rejected', 'estimable'];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j >= 2 ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  return [
    `Power at the 5% level: ${r.plan.orgs} organizations, ${r.plan.staffMin}–${r.plan.staffMax} responding staff each, effects ×${effect} of the funder study's, k = ${r.plan.k}; ${r.sims} simulated studies, seed ${r.seed}.`,
    `H1's planted effect as a standardized difference: mean Hedges' g ${r.meanHedgesG === null ? '– (never estimable)' : r.meanHedgesG.toFixed(2)}.`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
}
