// Orchestrates one pipeline run: extract → score and aggregate → analyze → disclose →
// write. Side effects (log lines, progress, clock) are passed in so tests record them and
// the CLI draws a progress bar; stage timings are reported for the benchmark.
import type { Kysely } from 'kysely';
import type { Database } from '../data/database.js';
import { InvalidInputError } from '../data/errors.js';
import type { LedgerRelease } from '../data/repositories/releases.js';
import { getWave } from '../data/repositories/studies.js';
import { ROOTWORK_VERSION } from '../data/version.js';
import { aggregate, type ScoredWave } from './aggregate.js';
import { analyze } from './analyze/index.js';
import type { Draft } from './analyze/estimate.js';
import { DEFAULT_THRESHOLDS, validateThresholds, type Thresholds } from './classify.js';
import { differsByFewerThanK, discloseEstimate, hideGroup, type SuppressionLog } from './disclose.js';
import { extractWave } from './extract.js';
import { organizationSummaries } from './organizations.js';
import { missing, omissions, participation, releasedMissing } from './participation.js';
import type { Estimate, GroupSummary, OrganizationSummary, Results } from './results.js';
import { buildSeries } from './series.js';
import { waveHasSyntheticResponses } from './synthetic.js';
import { writeResults } from './write.js';

export type Stage = 'extract' | 'score' | 'analyze' | 'disclose' | 'write';

export interface RunDeps {
  db: Kysely<Database>;
  log: (line: string) => void;
  progress?: (done: number, total: number) => void;
  clock?: () => Date;
  /** Called as each stage ends, with its wall time (the benchmark samples memory here). */
  onStage?: (stage: Stage, ms: number) => void;
}

export interface RunOptions {
  waveId: string;
  outDir: string;
  /** May raise the wave's k, never lower it. */
  k?: number;
  thresholds?: Thresholds;
  /** Every earlier release of the study's waves, oldest first: the run is checked against them. */
  ledger?: LedgerRelease[];
}

export interface RunOutput {
  results: Results;
  path: string;
}

export async function runPipeline(opts: RunOptions, deps: RunDeps): Promise<RunOutput> {
  const clock = deps.clock ?? (() => new Date());
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const bad = validateThresholds(thresholds);
  if (bad) throw new InvalidInputError(`Orientation thresholds are not usable: ${bad}.`);
  const started = performance.now();
  let mark = started;
  const stage = (name: Stage) => {
    const now = performance.now();
    deps.onStage?.(name, now - mark);
    mark = now;
  };

  const wave = await getWave(deps.db, opts.waveId);
  const k = opts.k ?? wave.k;
  if (!Number.isInteger(k) || k < wave.k) {
    throw new InvalidInputError(`--k ${opts.k} is below this wave's k of ${wave.k}: k may be raised for a run, never lowered (respondents were promised groups of at least ${wave.k}).`);
  }
  // Alongside the extract: on a real wave the check reads every row's source.
  const [data, synthetic] = await Promise.all([extractWave(deps.db, opts.waveId, { onProgress: deps.progress }), waveHasSyntheticResponses(deps.db, opts.waveId)]);
  deps.log(`Wave "${data.wave.name}" (${data.wave.id}) of "${data.studyName}": ${data.n} responses from ${data.orgs.filter((o) => o.respondents > 0).length} of ${data.orgs.length} organizations, ${data.profiles.size} profiles; k = ${k}.`);
  stage('extract');

  const sw = aggregate(data, k, thresholds);
  stage('score');

  const analyses = analyze(sw);
  stage('analyze');

  const log: SuppressionLog = { suppressed: [] };
  const disclose = (ds: Draft[]) => ds.map((d) => discloseEstimate(d, k, log));
  const measurement = disclose(analyses.measurement);
  const confirmatory = disclose(analyses.confirmatory);
  const exploratory = disclose(analyses.exploratory);
  const organizations = organizationSummaries(sw);
  applyBridgeDifferenceRule(sw, exploratory, organizations, log);
  const miss = missing(sw);
  const rootIds = new Set(analyses.roots.map((d) => d.estimate.id));
  const results: Results = {
    study: {
      study_name: data.studyName,
      wave_id: data.wave.id,
      wave_name: data.wave.name,
      k,
      thresholds: { ...thresholds },
      instrument_versions: data.instrumentVersions,
    },
    participation: participation(sw),
    missing: releasedMissing(miss, sw.k),
    measurement,
    confirmatory,
    exploratory,
    series: buildSeries(sw, exploratory.filter((e) => rootIds.has(e.id)), log),
    organizations,
    omissions: omissions(sw, miss),
    disclosure: { k, suppressed_estimates: 0, suppressed: log.suppressed },
    run: {
      rootwork_version: ROOTWORK_VERSION,
      data_fingerprint: data.fingerprint,
      k,
      instrument_versions: data.instrumentVersions,
      generated_on: '',
      duration_ms: 0,
      synthetic,
    },
  };
  results.disclosure.suppressed_estimates = [...measurement, ...confirmatory, ...exploratory].filter((e) => e.suppressed).length;
  stage('disclose');

  results.run.generated_on = clock().toISOString();
  results.run.duration_ms = Math.round(performance.now() - started);
  const file = writeResults(opts.outDir, results);
  stage('write');
  report(results, deps.log);
  deps.log(`Wrote ${file}.`);
  return { results, path: file };
}

/**
 * A type's bridge mean minus the released organization means inside it must not single out
 * fewer than k people: when it would, the type's group is withheld.
 */
function applyBridgeDifferenceRule(sw: ScoredWave, exploratory: Estimate[], orgs: OrganizationSummary[], log: SuppressionLog): void {
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  for (const e of exploratory) {
    if (!e.id.startsWith('E.bridge.') || !Array.isArray(e.details?.groups)) continue;
    const item = e.id.slice('E.bridge.'.length);
    for (const g of e.details.groups as GroupSummary[]) {
      if (g.suppressed || g.n === null) continue;
      let inside = 0;
      for (const o of sw.orgs) {
        if (o.type !== g.group) continue;
        const counts = byCode.get(o.rec.code)?.bridge[item]?.counts;
        if (counts) inside += counts.reduce((s, c) => s + c, 0);
      }
      if (differsByFewerThanK(g.n, inside, sw.k)) hideGroup(g, e.id, `differs by fewer than k from the released organization values inside it`, log);
    }
  }
}

/** Console summary: what was left out and why, and which estimates have no value. */
function report(results: Results, log: (line: string) => void): void {
  const groups = new Map<string, string[]>();
  for (const o of results.omissions) {
    const list = groups.get(o.why) ?? [];
    list.push(o.what);
    groups.set(o.why, list);
  }
  for (const [why, whats] of groups) {
    const shown = whats.slice(0, 6).join(', ') + (whats.length > 6 ? `, and ${whats.length - 6} more` : '');
    log(`Left out (${whats.length}): ${why} — ${shown}.`);
  }
  for (const e of [...results.measurement, ...results.confirmatory, ...results.exploratory]) {
    if (e.estimate === null) log(`${e.id}: ${e.note ?? 'no value'}`);
  }
}
