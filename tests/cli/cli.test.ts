// The CLI as a person runs it: a real process, real files, one line on failure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/databases.js';
import { rootwork } from '../helpers/cli.js';

// `rootwork demo` has its own file: tests/cli/demo.test.ts.

describe('rootwork CLI', () => {
  it('lists commands with --help', async () => {
    const r = await rootwork(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['migrate', 'serve', 'demo', 'synthetic']) expect(r.stdout).toContain(c);
  });

  it('gives every command a --help', async () => {
    for (const c of ['migrate', 'serve', 'demo', 'synthetic']) {
      const r = await rootwork([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: rootwork ${c}`));
    }
  });

  it('rejects unknown commands and bad flags with one line and a non-zero exit', async () => {
    const cases = [['frobnicate'], ['synthetic', '--orgs', 'many'], ['synthetic', '--staff', '9..2'], ['migrate', '--bogus']];
    for (const args of cases) {
      const r = await rootwork(args, { DATABASE_URL: path.join(tempDir(), 'x.db') });
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rootwork/);
    }
  });

  it('fails with one line on an unknown DATABASE_URL scheme and on an unwritable location', async () => {
    for (const url of ['mysql://localhost/x', path.join(tempDir(), 'no', 'such', 'x.db')]) {
      const r = await rootwork(['migrate'], { DATABASE_URL: url });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('seeds a synthetic study deterministically into a SQLite file', async () => {
    const dir = tempDir();
    const a = await rootwork(['synthetic', '--orgs', '5', '--staff', '2..6', '--seed', '9'], { DATABASE_URL: path.join(dir, 'a.db') });
    const b = await rootwork(['synthetic', '--orgs', '5', '--staff', '2..6', '--seed', '9'], { DATABASE_URL: path.join(dir, 'b.db') });
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    expect(ja.organizations).toBe(5);
    expect(JSON.parse(b.stdout)).toEqual(ja);
  });
});
