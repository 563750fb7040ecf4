// The folder layout is the architecture (DESIGN.md): data flows one way, and this test fails
// on any import arrow DESIGN.md forbids. There is no exception list: a new arrow that breaks
// a rule is moved, not excused.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportGraph, sourceFiles, specifiersOf, type ImportArrow } from './helpers/import-graph.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PRODUCT = ['instrument', 'data', 'survey', 'pipeline', 'reports', 'exchange', 'cli'] as const;

type Layer = (typeof PRODUCT)[number] | 'stats' | 'bench' | 'kit' | 'tests' | 'bin' | 'other';

/** The layer a repository-relative file belongs to. */
function layerOf(file: string): Layer {
  if (file.startsWith('pipeline/stats/')) return 'stats';
  if (file.startsWith('tests/kit/')) return 'kit';
  const top = file.split('/')[0];
  if ((PRODUCT as readonly string[]).includes(top)) return top as Layer;
  if (top === 'bench' || top === 'tests' || top === 'bin') return top;
  return 'other';
}

const isProduct = (layer: Layer) => (PRODUCT as readonly string[]).includes(layer) || layer === 'stats';

interface Rule {
  why: string;
  forbids(from: Layer, to: Layer, arrow: ImportArrow): boolean;
}

/** DESIGN.md's forbidden arrows, and the composition root's place at the top. */
const RULES: Rule[] = [
  { why: 'the instrument imports nothing of Rootwork\'s', forbids: (f, t) => f === 'instrument' && t !== 'instrument' },
  { why: 'the data layer knows none of its consumers', forbids: (f, t) => f === 'data' && ['survey', 'pipeline', 'stats', 'reports', 'exchange', 'cli'].includes(t) },
  { why: 'statistics are pure: they know no codebook and no database', forbids: (f, t) => f === 'stats' && t !== 'stats' },
  { why: 'analysis never renders or exports', forbids: (f, t) => f === 'pipeline' && ['reports', 'exchange', 'survey', 'cli'].includes(t) },
  { why: 'reports read results.json only', forbids: (f, t) => f === 'reports' && ['data', 'exchange', 'cli'].includes(t) },
  { why: 'exchange reads data and the pipeline, and renders nothing', forbids: (f, t) => f === 'exchange' && ['survey', 'reports', 'cli'].includes(t) },
  { why: 'the CLI is the composition root: nothing in the product imports it', forbids: (f, t) => t === 'cli' && f !== 'cli' && isProduct(f) },
  { why: 'the product never imports benchmarks or the test kit', forbids: (f, t) => isProduct(f) && (t === 'bench' || t === 'kit' || t === 'tests') },
  { why: 'benchmarks share code with tests only through the test kit', forbids: (f, t) => f === 'bench' && t === 'tests' },
  { why: 'tests share code with benchmarks only through the test kit', forbids: (f, t, a) => (f === 'tests' || f === 'kit') && t === 'bench' && !a.from.startsWith('tests/bench/') },
];

function violations(arrows: readonly ImportArrow[]): string[] {
  const found: string[] = [];
  for (const arrow of arrows) {
    const from = layerOf(arrow.from);
    const to = layerOf(arrow.to);
    for (const rule of RULES) if (rule.forbids(from, to, arrow)) found.push(`${arrow.from} -> ${arrow.to} (${rule.why})`);
  }
  return found;
}

// This file is left out: its examples of imports are strings, not imports.
const SELF = 'tests/architecture.test.ts';
const graph = readImportGraph(ROOT, sourceFiles(ROOT, [...PRODUCT, 'bench', 'tests', 'bin']).filter((f) => f !== SELF));

describe('architecture', () => {
  it('reads the import graph (the checker sees the arrows it must judge)', () => {
    // A graph this small would mean the reader stopped finding imports, and every rule would pass vacuously.
    expect(graph.arrows.length).toBeGreaterThan(500);
    expect(graph.arrows.some((a) => a.from.startsWith('survey/') && a.to.startsWith('data/'))).toBe(true);
    expect(graph.arrows.some((a) => a.to.endsWith('.worker.mjs'))).toBe(true);
  });

  it('has no import arrow that DESIGN.md forbids', () => {
    expect(violations(graph.arrows)).toEqual([]);
  });

  it('has no relative import that names a missing file', () => {
    expect(graph.unresolved.map((a) => `${a.from}: ${a.spec}`)).toEqual([]);
  });

  it('flags each forbidden kind of arrow (the rules can fail)', () => {
    const arrow = (from: string, to: string): ImportArrow => ({ from, to, spec: to });
    const forbidden = [
      arrow('instrument/codebook.ts', 'data/database.ts'),
      arrow('data/repositories/studies.ts', 'pipeline/score.ts'),
      arrow('data/connect.ts', 'exchange/export/index.ts'),
      arrow('pipeline/stats/icc.ts', 'instrument/codebook.ts'),
      arrow('pipeline/stats/icc.ts', 'data/database.ts'),
      arrow('pipeline/run.ts', 'reports/index.ts'),
      arrow('pipeline/run.ts', 'exchange/export/index.ts'),
      arrow('reports/schema.ts', 'data/errors.ts'),
      arrow('survey/app.ts', 'cli/main.ts'),
      arrow('survey/app.ts', 'bench/lib/args.ts'),
      arrow('reports/index.ts', 'tests/kit/synthetic-results.ts'),
      arrow('tests/evidence/load.test.ts', 'bench/lib/cannon.ts'),
      arrow('bench/run.ts', 'tests/helpers/databases.ts'),
    ];
    for (const a of forbidden) expect(violations([a]), `${a.from} -> ${a.to}`).toHaveLength(1);
    const allowed = [
      arrow('data/database.ts', 'instrument/codebook.ts'),
      arrow('pipeline/extract.ts', 'data/connect.ts'),
      arrow('reports/format.ts', 'pipeline/results.ts'),
      arrow('exchange/export/index.ts', 'pipeline/score.ts'),
      arrow('cli/commands/serve.ts', 'survey/app.ts'),
      arrow('bench/reports.ts', 'tests/kit/synthetic-results.ts'),
      arrow('tests/bench/lib/cpus.test.ts', 'bench/lib/cpus.ts'),
    ];
    for (const a of allowed) expect(violations([a]), `${a.from} -> ${a.to}`).toEqual([]);
  });

  it('reads every kind of import a module can make, and none from comments', () => {
    const text = [
      "import type { A } from '../a.js';",
      "import { B,\n  C } from './b.js';",
      "export { D } from '../d.js';",
      "import './side-effect.js';",
      "const m = await import('../dynamic.js');",
      "const w = new URL('./thread.worker.mjs', import.meta.url);",
      "import fs from 'node:fs';",
      "// see '../commented.js' and import x from '../commented-too.js'",
      '/* import y from "../block.js" */',
    ].join('\n');
    expect(specifiersOf(text).sort()).toEqual(['../a.js', '../d.js', '../dynamic.js', './b.js', './side-effect.js', './thread.worker.mjs']);
  });
});
