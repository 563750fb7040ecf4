// The organization report's two small charts, drawn as SVG from a template: a vega render
// costs milliseconds and 5,000 reports need two each, so these are built by hand (same
// accessibility: role="img", <title>, <desc>). They are drawn 320 wide with text of 12 or
// more, so on a 390 px phone (where the stylesheet fits a chart to the column) no text
// shrinks under 11 px; the labels wrap instead of the chart widening.
import type { OrgContext } from '../org-context.js';
import { fmt } from '../format.js';
import { esc } from './escape.js';
import { wrapText } from '../specs/common.js';

const W = 320;

function svgOpen(name: string, height: number, title: string, desc: string): string {
  const id = `chart-${name}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>` +
    `<rect width="${W}" height="${height}" fill="#fff"/>`;
}

const text = (x: number, y: number, s: string, anchor = 'start', size = 12, weight = 'normal') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-family="system-ui, sans-serif" font-size="${size}" font-weight="${weight}" fill="#1b1b1b">${esc(s)}</text>`;


export interface StripText {
  axis: string;
  legend: string;
}

/** The organization's orientation index on the study's distribution (quartile box, median). */
export function orientationStripSvg(index: number, ctx: NonNullable<OrgContext['index']>, title: string, desc: string, t: StripText): string {
  const lo = Math.min(-2, Math.floor(ctx.q1), Math.floor(index));
  const hi = Math.max(2, Math.ceil(ctx.q3), Math.ceil(index));
  const left = 16;
  const right = W - 16;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (right - left);
  const y = 52;
  let s = svgOpen('orientation-strip', 120, title, desc);
  s += text(left, 18, t.axis, 'start', 13, 'bold');
  s += `<line x1="${x(lo)}" x2="${x(hi)}" y1="${y}" y2="${y}" stroke="#bbb"/>`;
  s += `<rect x="${x(ctx.q1)}" y="${y - 12}" width="${Math.max(1, x(ctx.q3) - x(ctx.q1))}" height="24" fill="#cfe2f3" stroke="#0b5394"/>`;
  s += `<line x1="${x(ctx.median)}" x2="${x(ctx.median)}" y1="${y - 12}" y2="${y + 12}" stroke="#0b5394" stroke-width="2"/>`;
  s += `<circle cx="${x(index)}" cy="${y}" r="8" fill="#D55E00" stroke="#fff" stroke-width="2"/>`;
  s += `<line x1="${x(0)}" x2="${x(0)}" y1="${y - 20}" y2="${y + 20}" stroke="#555" stroke-dasharray="3 3"/>`;
  for (let v = lo; v <= hi; v += 1) {
    s += `<line x1="${x(v)}" x2="${x(v)}" y1="${y + 24}" y2="${y + 29}" stroke="#555"/>` + text(x(v), y + 42, fmt(v, 0, true), 'middle', 12);
  }
  s += text(left, 112, t.legend, 'start', 12);
  return s + '</svg>';
}

export interface DifferenceRow {
  label: string;
  difference: number;
  ci_low: number;
  ci_high: number;
  /** Colour key: the difference's verdict in the good or bad direction, or neither. */
  tone: 'better' | 'worse' | 'same';
}

export interface DifferenceText {
  axis: string;
  legend: string;
}

const TONE = { better: '#1b6e3a', worse: '#8a4b00', same: '#555' } as const;

/** Each result's difference from the rest of the study with its 95% interval, around a zero line. */
export function differencesSvg(rows: readonly DifferenceRow[], title: string, desc: string, t: DifferenceText): string {
  const reach = Math.max(0.5, ...rows.flatMap((r) => [Math.abs(r.ci_low), Math.abs(r.ci_high)]));
  const span = Math.ceil(reach * 2) / 2;
  const left = 20;
  const right = W - 20;
  const x = (v: number) => left + ((v + span) / (2 * span)) * (right - left);
  const layout = rows.map((r) => wrapText(r.label, 44));
  const top = 30;
  const heights = layout.map((lines) => lines.length * 15 + 26);
  const plotH = heights.reduce((a, b) => a + b, 0);
  const height = top + plotH + 52;
  let s = svgOpen('differences', height, title, desc);
  s += text(left - 12, 18, t.axis, 'start', 13, 'bold');
  s += `<line x1="${x(0)}" x2="${x(0)}" y1="${top}" y2="${top + plotH}" stroke="#555" stroke-dasharray="3 3"/>`;
  let y = top;
  rows.forEach((r, i) => {
    layout[i].forEach((line, j) => (s += text(left - 12, y + 13 + j * 15, line, 'start', 12)));
    const ly = y + layout[i].length * 15 + 10;
    const c = TONE[r.tone];
    s += `<line x1="${x(r.ci_low).toFixed(1)}" x2="${x(r.ci_high).toFixed(1)}" y1="${ly}" y2="${ly}" stroke="${c}" stroke-width="3"/>`;
    s += `<circle cx="${x(r.difference).toFixed(1)}" cy="${ly}" r="5" fill="${c}"/>`;
    y += heights[i];
  });
  const axisY = top + plotH + 6;
  s += `<line x1="${left}" x2="${right}" y1="${axisY}" y2="${axisY}" stroke="#bbb"/>`;
  for (const v of [-span, 0, span]) s += text(x(v), axisY + 16, fmt(v, 1, true), v === -span ? 'start' : v === span ? 'end' : 'middle', 12);
  s += text(left - 12, axisY + 38, t.legend, 'start', 12);
  return s + '</svg>';
}
