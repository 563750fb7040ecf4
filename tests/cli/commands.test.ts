// The command list in cli/main.ts holds each command's name and summary so that
// `rootwork --help` loads no command module; this keeps that list and the modules it
// loads in step.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/main.js';

describe('the command list', () => {
  it('loads, for every entry, the command of that name, whose usage starts with its name', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toMatch(new RegExp(`^Usage: rootwork ${entry.name}[ \\n]`));
      expect(entry.summary.length, entry.name).toBeGreaterThan(10);
    }
  }, 60_000);
});
