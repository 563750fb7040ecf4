// Orchestrates one pipeline run: extract → score and aggregate → analyze → disclose →
// write. Side effects (log lines, progress, clock) are passed in so tests record them and
// the CLI draws a progress bar; stage timings are reported for the benchmark.
import type { Kysely } from 'kysely';
import type { Database } from '../data/database.js';
import type { PublishedWave } from '../data/repositories/releases.js';
import { InvalidInputError } from '../data/errors.js';
import { getWave } from '../data/repositories/studies.js';
import { ROOTWORK_VERSION } from '../data/version.js';
import { aggregate, BRIDGE_ITEMS } from './aggregate.js';
import { releasedAnswered } from './answer-table.js';
import { analyze } from './analyze/index.js';
import type { Draft } from './analyze/estimate.js';
import { DEFAULT_THRESHOLDS, validateThresholds, type Thresholds } from './classify.js';
import { discloseEstimate, type SuppressionLog } from './disclose.js';
import { extractWave } from './extract.js';
import { organizationSummaries } from './organizations.js';
import { attachOrgWithheld, finishComparisons } from './org-breakdowns.js';
import { missing, omissions, participation, releasedMissing } from './participation.js';
import { applyRelease, recordWithheldAfterPass, type LedgerRelease } from './release/index.js';
import type { Results } from './results.js';
import { buildSeries } from './series.js';
import { afterRelease, beforeRelease, planTrends } from './trends/index.js';
import { waveHasSyntheticResponses } from './synthetic.js';
import type { WaveData } from './wave-data.js';
import { writeReleaseFiles, writeResults } from './write.js';

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
  /** Earlier releases of the study (oldest first): this run withholds what would differ from them by 1..k−1. */
  ledger?: LedgerRelease[];
  /** The study's earlier waves with their latest published results (oldest first): trends compare with them. */
  earlier?: PublishedWave[];
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
  dropAnswerColumns(data);
  stage('analyze');

  const log: SuppressionLog = { suppressed: [] };
  const disclose = (ds: Draft[]) => ds.map((d) => discloseEstimate(d, k, log));
  const measurement = disclose(analyses.measurement);
  const confirmatory = disclose(analyses.confirmatory);
  const exploratory = disclose(analyses.exploratory);
  const organizations = organizationSummaries(sw, log);
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
  // Trends register their new groups (study-wide means, continuing organizations) with the pass.
  const plan = planTrends(opts.earlier ?? [], { studyId: data.wave.study_id, k, opensOn: data.wave.opens_on });
  const trendsBefore = beforeRelease(sw, results, plan);
  // One pass over every output of the release, checked against the earlier releases.
  const release = applyRelease(sw, results, log, opts.ledger ?? [], trendsBefore.cells);
  // What trends withhold after the pass goes into the release's records too.
  for (const { values, ...w } of afterRelease(sw, results, plan, trendsBefore)) recordWithheldAfterPass(release, w, values);
  for (const w of plan.leftOut) deps.log(`Trends: "${w.name}" is not compared: ${w.reason}.`);
  finishComparisons(sw, results);
  attachOrgWithheld(results, release.disclosure.withheld);
  const lost = release.disclosure.information_lost;
  const rules = release.disclosure.by_rule;
  deps.log(
    `Release: ${lost.cells_withheld} of ${lost.cells} cells withheld (${rules.primary} primary, ${rules.complementary} complementary, ${rules['linear-combination']} linear-combination, ${rules.differencing} differencing)` +
      (release.disclosure.checked_against.length > 0 ? `; checked against ${release.disclosure.checked_against.join(', ')}.` : '; no earlier release to check against.'),
  );
  results.disclosure.suppressed_estimates = [...measurement, ...confirmatory, ...exploratory].filter((e) => e.suppressed).length;
  stage('disclose');

  results.run.generated_on = clock().toISOString();
  results.run.duration_ms = Math.round(performance.now() - started);
  const file = writeResults(opts.outDir, results);
  writeReleaseFiles(opts.outDir, release);
  stage('write');
  report(results, deps.log);
  deps.log(`Wrote ${file}.`);
  return { results, path: file };
}

/**
 * After the analyses only the bridge questions' raw answers are read (organization
 * comparisons and the release pass; everything else reads scores): the other answer
 * columns, one per item and respondent, need not stay through the release pass.
 */
function dropAnswerColumns(data: WaveData): void {
  const keep = new Set<string>(BRIDGE_ITEMS);
  for (const item of Object.keys(data.items)) if (!keep.has(item)) delete data.items[item];
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
