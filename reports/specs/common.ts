// Settings every report chart shares: size, fonts available offline, colour-blind-safe
// palette, and no actions or tooltips (the rendered SVG is static).
import type { Config } from 'vega-lite';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/**
 * A chart's whole width in px, labels included (autosize "fit"). Narrow enough that on a
 * 390 px phone the SVG is drawn at full size, so chart text keeps its font size (a wider
 * SVG is scaled down to fit, and its 12 px labels shrank to 3–7 px); on a wide screen the
 * figure scales up.
 */
export const WIDTH = 340;

/** Every text in a chart is at least this size in px at its drawn size (the reports' floor is 11 px). */
export const MIN_FONT = 12;

// Okabe–Ito colours: distinguishable with the common forms of colour blindness.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Fit the whole chart, axes and legends included, into `width`; the plot area gives way. */
export const AUTOSIZE = { type: 'fit-x' as const, contains: 'padding' as const };

// Characters per line, at the widths the text metrics in render/vega-svg.ts assume.
const TITLE_CHARS = Math.floor(WIDTH / (15 * 0.66));
const SUBTITLE_CHARS = Math.floor(WIDTH / (MIN_FONT * 0.6));

/** Greedy word wrap into lines of at most `width` characters (a longer word gets its own line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A chart title and subtitle wrapped to the chart's width (vega does not wrap titles itself). */
export function chartTitle(text: string, subtitle?: string) {
  return subtitle ? { text: wrapText(text, TITLE_CHARS), subtitle: wrapText(subtitle, SUBTITLE_CHARS) } : { text: wrapText(text, TITLE_CHARS) };
}

export const CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: MIN_FONT, titleFontSize: 13, labelLimit: WIDTH / 2, titleLimit: WIDTH },
  legend: { labelFontSize: MIN_FONT, titleFontSize: MIN_FONT, orient: 'bottom', direction: 'vertical', labelLimit: WIDTH - 40, symbolSize: 120 },
  title: { fontSize: 15, subtitleFontSize: MIN_FONT, anchor: 'start', subtitleColor: '#444' },
  text: { fontSize: MIN_FONT },
  range: { category: PALETTE },
  view: { stroke: '#ddd' },
};
