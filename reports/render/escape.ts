// HTML/XML escaping for the few strings built outside hono/jsx (hand-drawn SVG, attributes).
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => MAP[c]);
}
