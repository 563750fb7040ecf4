// The command list in cli/main.ts holds each command's name and summary so that
// `rootwork --help` loads no command module, and each command's --help text sits in a module
// of its own under cli/usage/ so that `rootwork NAME --help` loads nothing else; this keeps
// that list, the usage modules and the command modules in step.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/main.js';
import { specifiersOf } from '../helpers/import-graph.js';

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

  it('prints, for every entry, the same --help text as its command, without loading the command', async () => {
    for (const entry of COMMANDS) {
      const usage = await entry.usage();
      expect(usage, entry.name).toBe((await entry.load()).usage);
    }
    const usageFiles = fs.readdirSync('cli/usage').filter((f) => f.endsWith('.ts'));
    expect(usageFiles.sort()).toEqual(COMMANDS.map((c) => `${c.name}.ts`).sort());
    for (const file of usageFiles) {
      const text = fs.readFileSync(path.join('cli/usage', file), 'utf8');
      // No import at all: --help must not pull in a driver, the statistics or a chart library.
      expect(specifiersOf(text), file).toEqual([]);
      expect(text, file).not.toMatch(/^\s*import\s/m);
    }
    // main.ts itself loads commands only on demand: its one static import is args.ts.
    const main = fs.readFileSync('cli/main.ts', 'utf8');
    const staticImports = [...main.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(['./args.js']);
  }, 60_000);
});
