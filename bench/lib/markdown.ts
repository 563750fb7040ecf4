// Turns one benchmark run into bench/results.md: every figure beside the ceiling measured
// in the same run, the targets checked, and the command and machine stated.
import type { Machine } from './machine.js';
import type { SubBenchResult } from './sub-bench.js';
import type { SubmissionRow } from '../submissions.js';

export interface BenchReport {
  command: string;
  day: string;
  machine: Machine;
  durationS: number;
  submissions: SubmissionRow[];
  pgSkipped?: string;
  subBenches: { title: string; result: SubBenchResult }[];
}

/** Share of the bare route each real route must reach, by dialect. */
export const TARGET_RATIO = { sqlite: 0.3, postgres: 0.15 } as const;
export const TARGET_P99_MS = 50;
export const TARGET_P99_CONNECTIONS = 50;

export interface TargetCheck {
  label: string;
  met: boolean;
  detail: string;
}

export function checkTargets(rows: readonly SubmissionRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of rows) {
    if (row.target === 'bare') continue;
    const bare = rows.find((r) => r.target === 'bare' && r.summary.connections === row.summary.connections);
    if (!bare) continue;
    const ratio = row.summary.perSecond / bare.summary.perSecond;
    const target = TARGET_RATIO[row.target];
    checks.push({
      label: `${row.target}, ${row.summary.connections} connections: ≥ ${pct(target)} of the bare route`,
      met: ratio >= target,
      detail: `${pct(ratio)} (${fmt(row.summary.perSecond)}/s vs ${fmt(bare.summary.perSecond)}/s)`,
    });
    if (row.summary.connections === TARGET_P99_CONNECTIONS && row.target === 'sqlite') {
      checks.push({
        label: `${row.target}, ${row.summary.connections} connections: p99 < ${TARGET_P99_MS} ms`,
        met: row.summary.p99 < TARGET_P99_MS,
        detail: `p99 ${row.summary.p99} ms`,
      });
    }
    // autocannon stops with up to one request per connection in flight: those may be stored
    // without their answer being counted, but nothing acknowledged may be missing.
    const stored = row.stored ?? -1;
    checks.push({
      label: `${row.target}, ${row.summary.connections} connections: every 2xx stored (2xx ≤ stored ≤ 2xx + in flight at the end), no 5xx`,
      met: stored >= row.summary.ok && stored <= row.summary.ok + row.summary.connections && row.summary.status5xx === 0,
      detail: `${stored} stored, ${row.summary.ok} acknowledged, ${row.summary.status5xx} 5xx`,
    });
  }
  return checks;
}

export function renderReport(r: BenchReport): string {
  const m = r.machine;
  const lines: string[] = [
    '# Rootwork benchmarks',
    '',
    `Measured on ${r.day} with \`${r.command}\`, every figure in one run.`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}. `
      + `Load average at start: ${m.loadAverage.join(', ')} (the machine may be shared: ratios to a ceiling measured in the same run are the figures to compare, not absolute rates).`,
    '',
    '## Submissions: POST /api/v1/responses',
    '',
    `Each server runs in its own process on loopback; autocannon drives it for ${r.durationS} s per row, every body a complete survey with a fresh invite code. `
      + 'The **bare** route is a Hono POST route on the same Node server that parses the same JSON body and answers 201 with nothing else: the ceiling. '
      + 'The real route validates the answers against the instrument, checks and marks the invite code, and answers only after its transaction is durable (SQLite synchronous=FULL; PostgreSQL commit). '
      + 'After each real run the stored responses are counted. *load avg* is the machine\'s 1-minute load average as the row started: on a shared machine, rows measured under different load are not comparable.',
    '',
    '| connections | route | submissions/s | share of bare | p50 ms | p99 ms | non-2xx | 5xx | socket errors | stored | load avg |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of r.submissions) {
    const s = row.summary;
    const bare = r.submissions.find((b) => b.target === 'bare' && b.summary.connections === s.connections);
    const share = row.target === 'bare' || !bare ? '100%' : pct(s.perSecond / bare.summary.perSecond);
    const route = row.target === 'bare' ? 'bare Hono route (ceiling)' : `Rootwork on ${row.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
    lines.push(`| ${s.connections} | ${route} | ${fmt(s.perSecond)}${s.exhausted ? ' (codes ran out)' : ''} | ${share} | ${s.p50} | ${s.p99} | ${s.non2xx}${s.non2xx ? ` (${Object.entries(s.otherStatuses).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} | ${s.status5xx} | ${s.errors} | ${row.stored ?? '–'} | ${row.loadAverage.toFixed(1)} |`);
  }
  if (r.pgSkipped) lines.push('', `PostgreSQL: not measured — ${r.pgSkipped}`);
  lines.push('', '### Targets', '');
  for (const c of checkTargets(r.submissions)) lines.push(`- ${c.met ? 'met' : '**missed**'}: ${c.label} — ${c.detail}`);
  for (const { title, result } of r.subBenches) {
    lines.push('', `## ${title}`, '');
    if (result.status === 'missing') {
      lines.push(`\`${result.script}\` does not exist yet, so nothing was measured.`);
      continue;
    }
    lines.push(`\`node --import tsx ${result.script}\` (${result.seconds.toFixed(1)} s)${result.status === 'failed' ? ` **failed** with exit code ${result.exitCode}:` : ':'}`, '');
    if (result.status === 'failed') lines.push('```', result.stderrTail || '(no output)', '```', '');
    if (result.stdout) lines.push(looksLikeMarkdown(result.stdout) ? result.stdout : ['```', result.stdout, '```'].join('\n'));
  }
  lines.push('');
  return lines.join('\n');
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
