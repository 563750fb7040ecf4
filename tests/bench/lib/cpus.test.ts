// The --cpus split of the benchmark: CPU lists read and written as Linux writes them, bad
// splits refused with a reason, and real processes pinned where they were told to run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, startTsEntry } from '../../kit/child-server.js';
import { allowedCpus, formatCpuList, parseCpuList, parseCpuSplit, withThisProcessOn } from '../../../bench/lib/cpus.js';

describe('CPU lists', () => {
  it('reads single CPUs, ranges and both, in any order, without repeats', () => {
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList('1-3')).toEqual([1, 2, 3]);
    expect(parseCpuList('5,0,2-3,2')).toEqual([0, 2, 3, 5]);
  });

  it('refuses what is not a CPU list, saying how to write one', () => {
    for (const bad of ['', 'a', '1-', '-1', '1,,2', '0 1']) expect(() => parseCpuList(bad)).toThrow(/not a CPU list/);
    expect(() => parseCpuList('3-1')).toThrow(/low to high/);
  });

  it('writes the shortest list that reads back as the same CPUs', () => {
    expect(formatCpuList([3, 0, 1, 2, 7, 9, 10])).toBe('0-3,7,9-10');
    fc.assert(fc.property(fc.array(fc.nat({ max: 64 }), { minLength: 1, maxLength: 30 }), (cpus) => {
      expect(parseCpuList(formatCpuList(cpus))).toEqual([...new Set(cpus)].sort((a, b) => a - b));
    }));
  });
});

describe('GEN:SERVER splits', () => {
  const allowed = [0, 1, 2, 3];

  it('gives autocannon the first list and the servers the second', () => {
    expect(parseCpuSplit('0:1-3', allowed)).toEqual({ generator: [0], server: [1, 2, 3] });
  });

  it('refuses a split without exactly one colon', () => {
    expect(() => parseCpuSplit('0-3', allowed)).toThrow(/GEN:SERVER/);
    expect(() => parseCpuSplit('0:1:2', allowed)).toThrow(/GEN:SERVER/);
  });

  it('refuses CPUs given to both sides, naming them', () => {
    expect(() => parseCpuSplit('0-1:1-2', allowed)).toThrow(/CPU 1 is given to both/);
  });

  it('refuses CPUs this process may not run on, naming those it may', () => {
    expect(() => parseCpuSplit('0:4-5', allowed)).toThrow(/CPU 4-5 is not one this process may run on \(it may use 0-3\)/);
  });
});

describe('pinning real processes', () => {
  it('reads the CPUs this process may run on', () => {
    expect(allowedCpus().length).toBe(os.availableParallelism());
  });

  it('starts a server whose every thread runs only on the CPUs given', async () => {
    const cpu = allowedCpus().at(-1)!;
    const server = await startTsEntry(path.join(ROOT, 'bench', 'bare-server.ts'), { cpus: [cpu] });
    try {
      const pid = server.process.pid!;
      const threads = fs.readdirSync(`/proc/${pid}/task`);
      expect(threads.length).toBeGreaterThan(1);
      for (const tid of threads) expect(allowedCpus(Number(tid))).toEqual([cpu]);
      expect((await fetch(`${server.url}/api/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(201);
    } finally {
      await server.stop();
    }
  });

  it('moves this process for the work and gives it back its CPUs after, even when the work fails', async () => {
    const before = allowedCpus();
    const inside = await withThisProcessOn([before[0]], async () => allowedCpus());
    expect(inside).toEqual([before[0]]);
    expect(allowedCpus()).toEqual(before);
    await expect(withThisProcessOn([before[0]], async () => { throw new Error('the run failed'); })).rejects.toThrow('the run failed');
    expect(allowedCpus()).toEqual(before);
  });
});
