// The response-rate chart's count axis, rendered: whatever the tallest bar, the axis ends at
// a labelled tick at or above it (a bar of 13 organizations once reached past a last tick of
// 12), with whole-number ticks only.
import { describe, expect, it } from 'vitest';
import { countAxis, participationBins, participationSpec } from '../../reports/specs/participation.js';
import { renderSpec } from '../../reports/render/vega-svg.js';

/** The y axis's tick labels, as numbers, from the rendered SVG. */
function yLabels(svg: string): number[] {
  const axes = [...svg.matchAll(/role-axis-label[\s\S]*?<\/g>/g)].map((m) => [...m[0].matchAll(/>([^<]+)<\/text>/g)].map((x) => x[1]));
  return axes.find((labels) => labels.every((l) => /^\d+$/.test(l)))!.map(Number);
}

/** Heights of the bars in pixels and the frame's height, to compare the tallest with the top tick. */
function tallestBarReachesTop(svg: string): boolean {
  return [...svg.matchAll(/<path aria-label="[^"]*Organizations \(count\): \d+"[^>]*d="M[\d.]+,([\d.]+)h/g)].some((m) => Number(m[1]) === 0);
}

describe('response-rate chart count axis', () => {
  it('labels a tick at or above the tallest bar, for every tallest bar from 1 to 120', async () => {
    for (const max of [1, 2, 3, 5, 7, 9, 12, 13, 17, 25, 41, 99, 120]) {
      const rates = [...Array(max).fill(0.45), 0.15];
      const svg = await renderSpec(participationSpec(participationBins(rates), 'd'), { name: 'p', title: 't', description: 'd' });
      const labels = yLabels(svg);
      expect(Math.max(...labels), `tallest bar ${max}: labels ${labels}`).toBeGreaterThanOrEqual(max);
      // The frame's top is a labelled tick: a bar that reaches it ends exactly at that label.
      if (tallestBarReachesTop(svg)) expect(Math.max(...labels)).toBe(max);
    }
  });

  it('steps in 1, 2 or 5 times a power of ten, at most eight steps', () => {
    expect(countAxis(13)).toEqual({ top: 14, ticks: [0, 2, 4, 6, 8, 10, 12, 14] });
    expect(countAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countAxis(8).top).toBe(8);
    for (let max = 0; max < 3000; max += 7) {
      const { top, ticks } = countAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(8);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});
