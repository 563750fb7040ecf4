// Small readers for the reports' own markup in tests (no DOM in Node): findings sentences,
// text without tags, entity decoding.
import fs from 'node:fs';
import path from 'node:path';

export function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** id → sentence text of each finding block. */
export function findingSentences(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/data-estimate="([^"]+)"><h3>[\s\S]*?<\/h3><p class="sentence">([\s\S]*?)<\/p>/g)) out.set(decode(m[1]), decode(m[2]));
  return out;
}

/** Every file under a folder (recursively), as [relative path, content]. */
export function allFiles(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push([path.relative(dir, full), fs.readFileSync(full, 'utf8')]);
  }
  return out;
}
