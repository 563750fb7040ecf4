// What the figures were measured on: they only mean something next to the machine.
import os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: [number, number, number];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const [a, b, c] = os.loadavg();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: [a, b, c].map((x) => Math.round(x * 100) / 100) as [number, number, number],
  };
}
