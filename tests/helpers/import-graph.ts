// Reads Rootwork's own import graph from the source files: every relative import, re-export,
// dynamic import and worker URL (`new URL('./x.mjs', import.meta.url)`), resolved to the file it
// names. The architecture test checks these arrows against the layering in DESIGN.md.
import fs from 'node:fs';
import path from 'node:path';

export interface ImportArrow {
  /** Repository-relative paths, with forward slashes. */
  from: string;
  to: string;
  /** The specifier as written, for messages. */
  spec: string;
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
// import … from '…', export … from '…', import '…', import('…'), new URL('…', import.meta.url)
const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
  /\bimport\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  /\bnew\s+URL\s*\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g,
];

/** Source without comments, so prose that mentions a path is not read as an import. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The relative specifiers a module's text imports. */
export function specifiersOf(text: string): string[] {
  const code = stripComments(text);
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) for (const m of code.matchAll(pattern)) if (m[2].startsWith('.')) found.add(m[2]);
  return [...found];
}

/** The file a relative specifier names: `.js` may stand for a `.ts`/`.tsx` source. */
export function resolveSpecifier(root: string, from: string, spec: string): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  // A URL of a folder (`new URL('../fixtures/x/', import.meta.url)`) names the folder.
  if (spec.endsWith('/')) return fs.existsSync(path.join(root, target)) && fs.statSync(path.join(root, target)).isDirectory() ? target : undefined;
  const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target.replace(/\.mjs$/, '.mts')];
  return candidates.find((c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile());
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'out' || entry.name === 'fixtures' || entry.name.startsWith('.')) continue;
      walk(root, rel, out);
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
}

/** Every source file under the given top-level folders, repository-relative. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(root, folder, out);
  return out.sort();
}

export interface ImportGraph {
  arrows: ImportArrow[];
  /** Relative imports that name no file. */
  unresolved: ImportArrow[];
}

export function readImportGraph(root: string, files: readonly string[]): ImportGraph {
  const arrows: ImportArrow[] = [];
  const unresolved: ImportArrow[] = [];
  for (const from of files) {
    for (const spec of specifiersOf(fs.readFileSync(path.join(root, from), 'utf8'))) {
      const to = resolveSpecifier(root, from, spec);
      if (to === undefined) unresolved.push({ from, to: spec, spec });
      else arrows.push({ from, to, spec });
    }
  }
  return { arrows, unresolved };
}
