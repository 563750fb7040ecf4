// `rootwork report`: writes a run's reports from its results.json; every failure is one
// line on stderr and a non-zero exit, with nothing half-written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { syntheticResults } from '../kit/synthetic-results.js';
import { tempDir } from '../helpers/databases.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env: { ...process.env, ...env }, out: (l) => out.push(l), err: (l) => err.push(l), interactive: false });
  return { code, out, err };
}

describe('rootwork report', () => {
  let root: string;
  let dir: string;

  beforeAll(() => {
    root = tempDir('rootwork-report-cli-');
    dir = path.join(root, 'run');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(syntheticResults({ orgs: 8, staffMin: 2, staffMax: 15, k: 5, seed: 4 })));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes the study report, chart specs and each organization report in English and Spanish, printing the report path', async () => {
    const r = await run(['report', '--run', dir]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out).toEqual([path.join(dir, 'study-report.html')]);
    expect(r.err.join('\n')).toContain('in English (orgs/CODE.html) and Spanish (orgs/CODE.es.html)');
    expect(fs.readdirSync(path.join(dir, 'charts')).length).toBeGreaterThanOrEqual(6);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    const codes: string[] = results.organizations.filter((o: { reportable: boolean }) => o.reportable).map((o: { code: string }) => o.code);
    expect(codes.length).toBeGreaterThan(1);
    expect(fs.readdirSync(path.join(dir, 'orgs')).sort()).toEqual(codes.flatMap((c) => [`${c}.html`, `${c}.es.html`]).sort());
    for (const code of codes) {
      const en = fs.readFileSync(path.join(dir, 'orgs', `${code}.html`), 'utf8');
      const es = fs.readFileSync(path.join(dir, 'orgs', `${code}.es.html`), 'utf8');
      expect(en).toContain('<html lang="en">');
      expect(es).toContain('<html lang="es">');
      expect(es).toContain(`<h1>Informe de la organización — ${code}</h1>`);
      // Each links to the other, by its file name beside it.
      expect(en).toContain(`<a href="${code}.es.html" hreflang="es" lang="es">Leer este informe en español</a>`);
      expect(es).toContain(`<a href="${code}.html" hreflang="en" lang="en">Read this report in English</a>`);
    }
  });

  it('says in --help which files it writes in which language', async () => {
    const r = await run(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/orgs\/CODE\.html\s+in English/);
    expect(r.out.join('\n')).toMatch(/orgs\/CODE\.es\.html\s+in Spanish/);
  });

  it('says in one line when the run folder has no results.json', async () => {
    const r = await run(['report', '--run', path.join(root, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^rootwork report: No results file at .*results\.json: run `rootwork pipeline/);
  });

  it('names the bad field of a results.json that breaks the contract, and writes nothing', async () => {
    const bad = path.join(root, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'results.json'), JSON.stringify({ study: { k: 2 } }));
    const r = await run(['report', '--run', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/does not match the results contract \(study\.\w+/);
    expect(fs.readdirSync(bad)).toEqual(['results.json']);
    fs.writeFileSync(path.join(bad, 'results.json'), '{ not json');
    const r2 = await run(['report', '--run', bad]);
    expect(r2.err[0]).toMatch(/is not valid JSON/);
  });

  it('explains in one line how to get a PDF when Chromium is missing, after writing the HTML', async () => {
    const r = await run(['report', '--run', dir, '--pdf'], { CHROMIUM_PATH: path.join(root, 'no-chromium') });
    expect(r.code).toBe(1);
    const errors = r.err.filter((l) => l.startsWith('rootwork report:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Chromium is not installed');
    expect(errors[0]).toContain('CHROMIUM_PATH');
    expect(fs.existsSync(path.join(dir, 'study-report.pdf'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'study-report.html'))).toBe(true);
  });

  it('rejects an unknown flag as a usage error', async () => {
    const r = await run(['report', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('--frobnicate');
  });
});
