// The progress helper off a terminal: one plain line per quarter of the way, never one per
// step, the last at the total; a total of zero still ends with one line.
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../cli/args.js';
import { progressReporter } from '../../cli/progress.js';

function context(): { ctx: CommandContext; err: string[] } {
  const err: string[] = [];
  return { ctx: { env: {}, out: () => {}, err: (l) => err.push(l), interactive: false }, err };
}

describe('progressReporter (not a terminal)', () => {
  it('writes a line at each quarter, with the label and the unit', () => {
    const { ctx, err } = context();
    const p = progressReporter(ctx, { label: 'Writing exports', unit: 'organizations' });
    for (let i = 1; i <= 2000; i++) p(i, 2000);
    expect(err).toEqual(['Writing exports: 500 of 2000 organizations.', 'Writing exports: 1000 of 2000 organizations.', 'Writing exports: 1500 of 2000 organizations.', 'Writing exports: 2000 of 2000 organizations.']);
  });

  it('takes a line of its own, and says something once when there is nothing to do', () => {
    const { ctx, err } = context();
    const p = progressReporter(ctx, { label: 'Reading responses', unit: 'responses', line: (d, t) => `Read ${d} of ${t} responses.` });
    p(3, 3);
    p(0, 0);
    expect(err).toEqual(['Read 3 of 3 responses.']);
  });
});
