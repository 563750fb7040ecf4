// rootwork publish and pipeline --publish, run in-process through the real CLI entry (main)
// on a SQLite file: a run of a closed wave publishes and prints its release id; every
// refusal is one stderr line, a non-zero exit, and nothing recorded.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/connect.js';
import { inProcessCli } from '../helpers/cli-in-process.js';

const { dir, env, rootwork } = inProcessCli('rootwork-cli-publish-', 'publish.db');

async function releases(): Promise<number> {
  const handle = await openDatabase(env.DATABASE_URL);
  try {
    return (await handle.db.selectFrom('releases').select('id').execute()).length;
  } finally {
    await handle.close();
  }
}

/** One stderr line (after the pipeline's own progress lines, when it ran), exit `code`, nothing recorded. */
async function refused(argv: string[], code: number, message: RegExp) {
  const before = await releases();
  const r = await rootwork(...argv);
  expect(r.code, argv.join(' ')).toBe(code);
  const failure = r.err.filter((l) => l.startsWith('rootwork'));
  expect(failure, r.err.join('\n')).toHaveLength(1);
  expect(failure[0]).toMatch(message);
  expect(await releases()).toBe(before);
}

let waveId = '';

beforeAll(async () => {
  const r = await rootwork('synthetic', '--orgs', '6', '--staff', '5..12', '--seed', '3');
  expect(r.code).toBe(0);
  waveId = (JSON.parse(r.out[0]) as { wave_id: string }).wave_id;
}, 60_000);

describe('rootwork publish', () => {
  it('refuses usage mistakes and a folder that is not a run, in one line', async () => {
    await refused(['publish'], 2, /^rootwork publish: give exactly one run folder/);
    await refused(['publish', 'a', 'b'], 2, /^rootwork publish: give exactly one run folder/);
    await refused(['publish', path.join(dir, 'nothing-here')], 1, /^rootwork publish: .*nothing-here is not a folder/);
    fs.mkdirSync(path.join(dir, 'empty'));
    await refused(['publish', path.join(dir, 'empty')], 1, /^rootwork publish: .*empty has no manifest\.json/);
  });

  it('pipeline --publish on an open wave writes the draft run and refuses to publish it', async () => {
    const out = path.join(dir, 'open-run');
    await refused(['pipeline', '--out', out, '--publish'], 1, /^rootwork pipeline: Wave "Wave 1" is still open: .*Close it \(rootwork admin close-wave --wave W\), rerun the pipeline, then publish\.$/);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'release.json'))).toBe(false);
  }, 60_000);

  it('publishes a run of the closed wave, prints the release id, and refuses a second time', async () => {
    expect((await rootwork('admin', 'close-wave', '--wave', waveId)).code).toBe(0);
    const out = path.join(dir, 'closed-run');
    expect((await rootwork('pipeline', '--out', out)).code).toBe(0);
    const r = await rootwork('publish', out);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'release.json'), 'utf8')).release_id).toBe(r.out[0]);
    await refused(['publish', out], 1, /^rootwork publish: .*closed-run was published already/);
  }, 60_000);

  it('refuses a tampered run and a run of the old draft folder in one line each', async () => {
    const out = path.join(dir, 'tampered-run');
    expect((await rootwork('pipeline', '--out', out)).code).toBe(0);
    fs.appendFileSync(path.join(out, 'exports', 'respondents.csv'), 'ORG-X,organizer\r\n');
    await refused(['publish', out], 1, /^rootwork publish: .*respondents\.csv was changed after the pipeline run/);
    // The draft run of the open wave is older than the published release and missed it.
    await refused(['publish', path.join(dir, 'open-run')], 1, /^rootwork publish: Release .* was published after this run, which was not checked against it: rerun the pipeline/);
  }, 60_000);

  it('is listed in rootwork --help and has its own --help', async () => {
    expect((await rootwork('--help')).out.join('\n')).toMatch(/publish\s+publish a pipeline run as a release/);
    expect((await rootwork('publish', '--help')).out.join('\n')).toContain('Usage: rootwork publish DIR');
  });
});
