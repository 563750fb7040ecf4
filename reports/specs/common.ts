// Settings every report chart shares: size, fonts available offline, colour-blind-safe
// palette, and no actions or tooltips (the rendered SVG is static).
import type { Config } from 'vega-lite';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const WIDTH = 520;

// Okabe–Ito colours: distinguishable with the common forms of colour blindness.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export const CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom', labelLimit: 0 },
  title: { fontSize: 15, anchor: 'start' },
  range: { category: PALETTE },
  view: { stroke: '#ddd' },
};
