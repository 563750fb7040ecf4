// The organization report's two small charts, drawn as SVG from a template: a vega render
// costs milliseconds and 5,000 reports need two each, so these are built by hand (same
// accessibility: role="img", <title>, <desc>).
import type { OrgContext } from '../org-context.js';
import { fmt } from '../format.js';
import { esc } from './escape.js';

const W = 560;

function svgOpen(name: string, height: number, title: string, desc: string): string {
  const id = `chart-${name}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>` +
    `<rect width="${W}" height="${height}" fill="#fff"/>`;
}

const text = (x: number, y: number, s: string, anchor = 'start', size = 12, weight = 'normal') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-family="system-ui, sans-serif" font-size="${size}" font-weight="${weight}" fill="#1b1b1b">${esc(s)}</text>`;

/** The organization's orientation index on the study's distribution (quartile box, median). */
export function orientationStripSvg(index: number, ctx: NonNullable<OrgContext['index']>, title: string, desc: string): string {
  const lo = Math.min(-2, Math.floor(ctx.q1), Math.floor(index));
  const hi = Math.max(2, Math.ceil(ctx.q3), Math.ceil(index));
  const left = 40;
  const right = W - 40;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (right - left);
  const y = 60;
  let s = svgOpen('orientation-strip', 130, title, desc);
  s += text(left, 20, 'Orientation index: organizing minus mobilizing (scale points)', 'start', 13, 'bold');
  s += `<line x1="${x(lo)}" x2="${x(hi)}" y1="${y}" y2="${y}" stroke="#bbb"/>`;
  s += `<rect x="${x(ctx.q1)}" y="${y - 12}" width="${Math.max(1, x(ctx.q3) - x(ctx.q1))}" height="24" fill="#cfe2f3" stroke="#0b5394"/>`;
  s += `<line x1="${x(ctx.median)}" x2="${x(ctx.median)}" y1="${y - 12}" y2="${y + 12}" stroke="#0b5394" stroke-width="2"/>`;
  s += `<circle cx="${x(index)}" cy="${y}" r="8" fill="#D55E00" stroke="#fff" stroke-width="2"/>`;
  s += `<line x1="${x(0)}" x2="${x(0)}" y1="${y - 20}" y2="${y + 20}" stroke="#555" stroke-dasharray="3 3"/>`;
  for (let t = lo; t <= hi; t += 1) {
    s += `<line x1="${x(t)}" x2="${x(t)}" y1="${y + 24}" y2="${y + 29}" stroke="#555"/>` + text(x(t), y + 42, fmt(t, 0, true), 'middle', 11);
  }
  s += text(left, 122, 'Box: middle half of organizations; line: median; orange dot: your organization.', 'start', 11);
  return s + '</svg>';
}

export interface ScaleRow {
  label: string;
  min: number;
  max: number;
  own: number;
  benchmark: number | null;
}

/** Each scale on its own axis: the organization's staff mean (dot) and the study benchmark (diamond). */
export function scalesSvg(rows: ScaleRow[], title: string, desc: string): string {
  const rowH = 46;
  const top = 34;
  const left = 250;
  const right = W - 30;
  let s = svgOpen('scales', top + rows.length * rowH + 24, title, desc);
  s += text(10, 18, 'Staff mean on each scale (scale points)', 'start', 13, 'bold');
  rows.forEach((r, i) => {
    const y = top + i * rowH + 18;
    const x = (v: number) => left + ((v - r.min) / (r.max - r.min)) * (right - left);
    // Long scale names wrap onto a second line rather than being cut: every word is read.
    const [first, second] = wrapLabel(r.label, 34);
    s += second ? text(10, y - 2, first, 'start', 12) + text(10, y + 13, second, 'start', 12) : text(10, y + 4, first, 'start', 12);
    s += `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="#bbb"/>`;
    s += text(left, y + 18, String(r.min), 'middle', 10) + text(right, y + 18, String(r.max), 'middle', 10);
    if (r.benchmark !== null) {
      const bx = x(r.benchmark);
      s += `<path d="M${bx.toFixed(1)},${y - 7} l7,7 l-7,7 l-7,-7 Z" fill="#0072B2"/>`;
    }
    s += `<circle cx="${x(r.own).toFixed(1)}" cy="${y}" r="6" fill="#D55E00"/>`;
  });
  s += text(10, top + rows.length * rowH + 14, 'Orange dot: your staff; blue diamond: average participating organization.', 'start', 11);
  return s + '</svg>';
}

/** Splits a label at a word boundary into at most two lines of about `width` characters. */
function wrapLabel(label: string, width: number): [string, string?] {
  if (label.length <= width) return [label];
  const cut = label.lastIndexOf(' ', width);
  return cut > 0 ? [label.slice(0, cut), label.slice(cut + 1)] : [label];
}
