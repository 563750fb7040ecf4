// Turns one benchmark run into sections of bench/results.md (bench/lib/sections.ts): every
// submission run beside the bare runs that bracket it, a summary across rounds and the
// targets checked; each sub-benchmark's own output; each section with its command, date and
// machine, so that a run of one part replaces its section and keeps the others.
import { formatCpuList, type CpuSplit } from './cpus.js';
import type { Machine } from './machine.js';
import type { SubBenchResult } from './sub-bench.js';
import type { SubmissionRow } from '../submissions.js';
import { bracketRuns, isReal, summarizeRoutes } from './rounds.js';

export interface BenchReport {
  command: string;
  day: string;
  machine: Machine;
  durationS: number;
  /** Seconds of unmeasured warm-up load on each server before its measured run. */
  warmupS: number;
  /** Interleaved rounds per connection count (see bench/submissions.ts). */
  rounds: number;
  /** In the order they ran. */
  submissions: SubmissionRow[];
  pgSkipped?: string;
  /** With --cpus: where autocannon and the servers ran (none: both anywhere). */
  cpus?: CpuSplit;
  subBenches: { name: SectionName; title: string; result: SubBenchResult }[];
}

export type SectionName = 'submissions' | 'pipeline' | 'reports';

export interface RenderedSection {
  name: SectionName;
  /** Markdown, from its `##` heading on. */
  body: string;
}

/** The top of a new bench/results.md; the sections follow it. */
export const RESULTS_HEADER = [
  '# Rootwork benchmarks',
  '',
  'Each section says when, with which command and on what machine (with its load) it was measured. `npm run bench` rewrites the submissions, pipeline and reports sections, `npm run bench -- --only PART` only its own, and `npm run bench:calibration` the calibration section; every other section is kept.',
  '',
].join('\n');

/** Share of the bare route each real route must reach, by dialect (median across rounds). */
export const TARGET_RATIO = { sqlite: 0.25, postgres: 0.15 } as const;
/** Median p99 across rounds; the worst round is stated beside it. */
export const TARGET_P99_MS = 50;
export const TARGET_P99_CONNECTIONS = 50;

export interface TargetCheck {
  label: string;
  met: boolean;
  detail: string;
}

export function checkTargets(rows: readonly SubmissionRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const g of summarizeRoutes(rows)) {
    const where = `${g.dialect}, ${g.connections} connections`;
    const n = `${g.runs.length} round${g.runs.length === 1 ? '' : 's'}`;
    const target = TARGET_RATIO[g.dialect];
    checks.push({
      label: `${where}: median share ≥ ${pct(target)} of the bare route`,
      met: g.medianShare >= target,
      detail: `${pct(g.medianShare)}, median of ${n} (${g.runs.map((r) => pct(r.share)).join(', ')})`,
    });
    if (g.connections === TARGET_P99_CONNECTIONS && g.dialect === 'sqlite') {
      checks.push({
        label: `${where}: median p99 < ${TARGET_P99_MS} ms`,
        met: g.medianP99 < TARGET_P99_MS,
        detail: `median p99 ${ms(g.medianP99)} ms, worst ${g.worstP99} ms over ${n}`,
      });
    }
    const failed = g.notDurable.map((r) => `round ${r.row.round}: ${r.row.stored ?? '?'} stored, ${r.row.summary.ok} acknowledged, ${r.row.summary.status5xx} 5xx`);
    checks.push({
      label: `${where}: in every run, every 2xx stored (2xx ≤ stored ≤ 2xx + in flight at the end) and no 5xx`,
      met: failed.length === 0,
      detail: failed.length === 0
        ? `${g.runs.length} of ${g.runs.length} runs; in all, ${fmt(g.stored)} stored, ${fmt(g.acknowledged)} acknowledged, ${g.status5xx} 5xx`
        : `failed in ${failed.length} of ${g.runs.length} runs — ${failed.join('; ')}`,
    });
  }
  return checks;
}

function cpuLine(cpus: CpuSplit | undefined): string {
  return cpus
    ? `CPUs: autocannon ran on CPU ${formatCpuList(cpus.generator)}, and every server (bare and real, with its threads) on CPU ${formatCpuList(cpus.server)}. PostgreSQL's own processes were not pinned.`
    : 'CPUs: autocannon and the servers shared every core (no --cpus).';
}

function measured(r: BenchReport, load: readonly number[]): string {
  const m = r.machine;
  return `Measured on ${r.day} with \`${r.command}\`. Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}. `
    + `Load average as this part started: ${load.join(', ')} (the machine may be shared: ratios to a ceiling measured in the same run are the figures to compare, not absolute rates).`;
}

/** One section per part that ran, each standing on its own. */
export function renderSections(r: BenchReport): RenderedSection[] {
  const sections: RenderedSection[] = [];
  if (r.submissions.length > 0) {
    const [head, ...rest] = renderSubmissions(r);
    // Where autocannon ran only means something beside the submission runs it drove.
    sections.push({ name: 'submissions', body: [head, '', measured(r, r.machine.loadAverage), '', cpuLine(r.cpus), ...rest].join('\n') });
  }
  for (const { name, title, result } of r.subBenches) {
    const lines = [`## ${title}`, '', measured(r, result.loadAtStart), ''];
    if (result.status === 'missing') {
      lines.push(`\`${result.script}\` does not exist yet, so nothing was measured.`);
    } else {
      lines.push(`\`node --import tsx ${result.script}\` (${result.seconds.toFixed(1)} s)${result.status === 'failed' ? ` **failed** with exit code ${result.exitCode}:` : ':'}`, '');
      if (result.status === 'failed') lines.push('```', result.stderrTail || '(no output)', '```', '');
      if (result.stdout) lines.push(looksLikeMarkdown(result.stdout) ? result.stdout : ['```', result.stdout, '```'].join('\n'));
    }
    sections.push({ name, body: lines.join('\n') });
  }
  return sections;
}

function renderSubmissions(r: BenchReport): string[] {
  const lines: string[] = [
    '## Submissions: POST /api/v1/responses',
    '',
    `Each server runs in its own process on loopback; autocannon drives it for ${r.durationS} s per row, every body a complete survey with a fresh invite code. `
      + 'The **bare** route is a Hono POST route on the same Node server that parses the same JSON body and answers 201 with nothing else: the ceiling. '
      + 'The real route validates the answers against the instrument, checks and marks the invite code, and answers only after its transaction is durable (SQLite synchronous=FULL; PostgreSQL commit), each run on a fresh database. '
      + (r.warmupS > 0 ? `Every server, bare and real alike, first takes ${r.warmupS} s of the same load, not measured, so the rows compare steady states rather than V8 compiling a larger program in its first seconds. ` : '')
      + 'After each real run the stored responses are counted. *load avg* is the machine\'s 1-minute load average as the row started.',
    '',
    `This machine's speed drifts over minutes, so the runs are interleaved: at each connection count, ${r.rounds} round${r.rounds === 1 ? '' : 's'} of the bare route followed by each real route, and one more bare run at the end. `
      + 'Each real run is divided by the mean of the bare run just before it and the one just after it (*ceiling/s*, with those two rates in brackets), so a slowdown during the run lowers its ceiling too. '
      + 'The targets are checked on the median across rounds, and the durability check on every run.',
    '',
    '| connections | round | route | submissions/s | ceiling/s | share of ceiling | p50 ms | p99 ms | non-2xx | 5xx | socket errors | stored | load avg |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const runs = new Map(bracketRuns(r.submissions).map((b) => [b.row, b]));
  for (const row of r.submissions) {
    const s = row.summary;
    const run = isReal(row) ? runs.get(row) : undefined;
    const ceiling = run ? `${fmt(run.ceiling)} (${[run.before, run.after].map((b) => (b ? fmt(b.summary.perSecond) : '–')).join(' → ')})` : '–';
    const share = row.target === 'bare' ? '(ceiling)' : run ? pct(run.share) : '–';
    const round = row.round > r.rounds ? 'end' : String(row.round);
    // The bare route ignores the code, so reusing codes (cannon.ts wraps around) costs it nothing.
    const ranOut = s.exhausted && row.target !== 'bare' ? ' (codes ran out)' : '';
    lines.push(`| ${s.connections} | ${round} | ${routeName(row.target)} | ${fmt(s.perSecond)}${ranOut} | ${ceiling} | ${share} | ${s.p50} | ${s.p99} | ${s.non2xx}${s.non2xx ? ` (${Object.entries(s.otherStatuses).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} | ${s.status5xx} | ${s.errors} | ${row.stored ?? '–'} | ${row.loadAverage.toFixed(1)} |`);
  }
  if (r.pgSkipped) lines.push('', `PostgreSQL: not measured — ${r.pgSkipped}`);
  lines.push(
    '',
    '### Summary across rounds',
    '',
    '| connections | route | rounds | median share of ceiling | shares by round | median submissions/s | median p99 ms | worst p99 ms | stored | acknowledged (2xx) | 5xx |',
    '|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const g of summarizeRoutes(r.submissions)) {
    lines.push(`| ${g.connections} | ${routeName(g.dialect)} | ${g.runs.length} | ${pct(g.medianShare)} | ${g.runs.map((b) => pct(b.share)).join(', ')} | ${fmt(g.medianPerSecond)} | ${ms(g.medianP99)} | ${g.worstP99} | ${g.stored} | ${g.acknowledged} | ${g.status5xx} |`);
  }
  lines.push('', '### Targets', '');
  for (const c of checkTargets(r.submissions)) lines.push(`- ${c.met ? 'met' : '**missed**'}: ${c.label} — ${c.detail}`);
  return lines;
}

function routeName(target: SubmissionRow['target']): string {
  if (target === 'bare') return 'bare Hono route';
  return `Rootwork on ${target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
}

/** A median of two p99s can end in .5. */
function ms(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

function looksLikeMarkdown(text: string): boolean {
  return /^(#|\|)/m.test(text) && !text.trimStart().startsWith('{');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}
