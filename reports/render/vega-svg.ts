// Compiles a vega-lite spec and renders it to SVG with vega in Node (no canvas, no
// network), then makes the SVG accessible: role="img", a <title> and a <desc>.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { esc } from './escape.js';

export interface ChartText {
  /** Used for the SVG ids; unique within one page. */
  name: string;
  title: string;
  description: string;
}

// vega's loader would fetch URLs; every spec here carries inline values, so any load is a
// bug. vega logs a failed load and renders an empty chart, so URLs are refused up front too.
const noLoader = vega.loader();
noLoader.load = async (uri: string) => {
  throw new Error(`A report chart tried to load ${uri}: charts must carry their data inline.`);
};

// Without a canvas, vega guesses a text's width as 0.8 em a character, about a third more
// than a sans-serif face draws: labels were cut short and autosized charts came out too
// wide. This guess (0.6 em, 0.66 em bold) is closer and still errs wide.
type TextItem = { text?: unknown; fontSize?: number; fontWeight?: string | number };
(vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics.width = (item, text) => {
  const t = text ?? item.text;
  const lines = (Array.isArray(t) ? t : [t]).map((l) => String(l ?? ''));
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  return Math.max(0, ...lines.map((l) => l.length)) * (item.fontSize ?? 11) * (bold ? 0.66 : 0.6);
};

export async function renderSpec(spec: TopLevelSpec, text: ChartText): Promise<string> {
  const compiled = compile(spec).spec;
  const remote = (compiled.data ?? []).find((d) => 'url' in d);
  if (remote) throw new Error(`Chart ${text.name} loads data from a URL: report charts must carry their data inline.`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader });
  try {
    const svg = await view.toSVG();
    return accessibleSvg(svg, text);
  } finally {
    view.finalize();
  }
}

/** Adds role, title and description to an SVG document's root element. */
export function accessibleSvg(svg: string, text: ChartText): string {
  const id = `chart-${text.name}`;
  const open = svg.indexOf('>', svg.indexOf('<svg'));
  if (open < 0) throw new Error(`Chart ${text.name} did not render to SVG.`);
  const head = svg
    .slice(0, open)
    .replace('<svg', `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`);
  return `${head}><title id="${id}-title">${esc(text.title)}</title><desc id="${id}-desc">${esc(text.description)}</desc>${svg.slice(open + 1)}`;
}
