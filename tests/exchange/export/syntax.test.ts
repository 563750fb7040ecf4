// The syntax files and the data package, read by real programs: R (Rscript) runs rootwork.R
// and gets every variable and value label; GNU PSPP (an SPSS syntax implementation) runs
// rootwork.sps and shows every label and the data as written; rootwork.do is checked line by
// line for every variable and label it should hold (Stata is not free software); the
// Frictionless JavaScript library (`datapackage`) loads datapackage.json, with and without
// --excel, and reads every resource typed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import type { DataPackage } from '../../../exchange/export/datapackage.js';
import { writeExports } from '../../../exchange/export/index.js';
import { STATA_LABEL_MAX, stataCodeName, stataName, valueLabels, variableLabel } from '../../../exchange/export/syntax.js';
import type { FieldSpec, TableSpec } from '../../../exchange/export/table-spec.js';
import { TEXT_EN } from '../../../instrument/text-en.js';
import { runPipeline } from '../../../pipeline/run.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases.js';
import { readCsv } from './table-schema.js';

const K = 5;

interface Loaded {
  dir: string;
  pkg: DataPackage;
  specs: TableSpec[];
}

/** The TableSpecs as the data package carries them (titles are the variable labels). */
function specsOf(dir: string): Loaded {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
  const specs = pkg.resources.filter((r) => r.name !== 'codebook').map((r) => ({
    name: r.name, path: r.path, title: r.title, description: r.description,
    fields: r.schema.fields.map((f): FieldSpec => ({ name: f.name, type: f.type as FieldSpec['type'], title: f.title ?? f.name, enum: f.constraints?.enum })),
  }));
  return { dir, pkg, specs };
}

/** Value labels as the codebook gives them: the syntax must hold exactly these. */
function codebookLabels(dir: string): Map<string, { value: string; label: string }[]> {
  const out = new Map<string, { value: string; label: string }[]>();
  for (const r of readCsv(path.join(dir, 'codebook.csv'))) {
    if (r.value_labels === '') continue;
    const values = r.allowed_values.split(';');
    out.set(`${r.file}|${r.name}`, r.value_labels.split(';').map((label, i) => ({ value: values[i], label })));
  }
  return out;
}

describe('syntax files and the data package, read by R, PSPP and Frictionless', () => {
  let t: TestDatabase;
  let plain: Loaded;
  let excel: Loaded;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const s = await writeSyntheticStudy(t.handle.db, { orgs: 10, staffMin: 4, staffMax: 30, seed: 9, k: K });
    const results = (await runPipeline({ waveId: s.waveId, outDir: tempDir('rootwork-syn-run-') }, { db: t.handle.db, log: () => {} })).results;
    const a = tempDir('rootwork-syntax-');
    await writeExports(t.handle.db, { waveId: s.waveId, outDir: a, results, includeComments: true });
    const b = tempDir('rootwork-syntax-excel-');
    await writeExports(t.handle.db, { waveId: s.waveId, outDir: b, results, excel: true });
    plain = specsOf(a);
    excel = specsOf(b);
  }, 60_000);
  afterAll(async () => t?.destroy());

  it('R: Rscript runs rootwork.R from another folder and every column has its type, label, value labels and data', () => {
    for (const { dir, specs } of [plain, excel]) {
      const script = [
        // Run as `Rscript rootwork.R` does, from elsewhere: the script finds its folder.
        `source(${JSON.stringify(path.join(dir, 'rootwork.R'))}, chdir = TRUE)`,
        'for (f in names(rootwork)) for (v in names(rootwork[[f]])) {',
        '  x <- rootwork[[f]][[v]]; l <- attr(x, "labels")',
        '  cat(f, v, class(x)[1], attr(x, "label"), sum(!is.na(x)), if (is.null(l)) "" else paste(paste0(l, "=", names(l)), collapse = ";"), sep = "\\t"); cat("\\n")',
        '}',
      ].join('\n');
      const text = execFileSync('Rscript', ['-e', script], { cwd: tempDir('rootwork-r-cwd-'), encoding: 'utf8' });
      const got = new Map(text.trim().split('\n').map((line) => {
        const [file, name, cls, label, n, labels] = line.split('\t');
        return [`${file}|${name}`, { cls, label, n: Number(n), labels }];
      }));
      const cb = codebookLabels(dir);
      for (const spec of specs) {
        const rows = readCsv(path.join(dir, spec.path));
        for (const f of spec.fields) {
          const g = got.get(`${spec.name.replace(/-/g, '_')}|${f.name}`);
          expect(g, `${spec.path} ${f.name}`).toBeDefined();
          expect(g!.label).toBe(variableLabel(f));
          expect(g!.cls).toBe({ string: 'character', integer: 'integer', number: 'numeric' }[f.type]);
          expect(g!.n, `${spec.path} ${f.name}`).toBe(rows.filter((r) => r[f.name] !== '').length);
          const want = cb.get(`${spec.path}|${f.name}`);
          expect(g!.labels).toBe(want ? want.map((v) => `${v.value}=${v.label}`).join(';') : '');
        }
      }
    }
    // The question as asked, not the variable name.
    expect(variableLabel(plain.specs[0].fields.find((f) => f.name === 'sat_1')!)).toBe(TEXT_EN['q.sat_1']);
  });

  it('SPSS: PSPP runs rootwork.sps and shows every variable label, value label and the first row as the CSV holds it', () => {
    for (const { dir, specs } of [plain, excel]) {
      const data = specs.filter((s) => s.name !== 'comments');
      const check = data.map((s) => `DATASET ACTIVATE ${s.name.replace(/-/g, '_')}.\nLIST /CASES=FROM 1 TO 1.\nDISPLAY DICTIONARY.\n`).join('');
      fs.writeFileSync(path.join(dir, 'check.sps'), fs.readFileSync(path.join(dir, 'rootwork.sps'), 'utf8') + '\n' + check);
      const report = path.join(dir, 'pspp.csv');
      execFileSync('pspp', ['-O', 'format=csv', '-o', report, 'check.sps'], { cwd: dir, encoding: 'utf8' });
      const tables = fs.readFileSync(report, 'utf8').split(/\r?\n\r?\n/).map((block) => {
        const [title, ...rest] = block.trim().split(/\r?\n/);
        return { title, rows: Papa.parse<string[]>(rest.join('\n')).data };
      });
      expect(tables.some((x) => /error/i.test(x.title))).toBe(false);
      const cb = codebookLabels(dir);
      data.forEach((spec, i) => {
        const [list, vars, values] = [tables[3 * i], tables[3 * i + 1], tables[3 * i + 2]];
        expect([list.title, vars.title]).toEqual(['Table: Data List', 'Table: Variables']);
        // The first row, every column, as the CSV holds it (numbers to 1e-12).
        const first = readCsv(path.join(dir, spec.path))[0];
        const [header, row] = list.rows;
        expect(header).toEqual(spec.fields.map((f) => f.name));
        spec.fields.forEach((f, j) => {
          const csv = first[f.name];
          if (f.type === 'string') expect(row[j].trim(), f.name).toBe(csv);
          else if (csv === '') expect(row[j].trim()).toBe('.');
          else expect(Math.abs(Number(row[j]) - Number(csv)), f.name).toBeLessThan(1e-12);
        });
        const labels = new Map(vars.rows.slice(1).map((r) => [r[0], r[2]]));
        for (const f of spec.fields) expect(labels.get(f.name), `${spec.path} ${f.name}`).toBe(variableLabel(f));
        const pairs = new Set<string>();
        let current = '';
        for (const r of values?.title === 'Table: Value Labels' ? values.rows.slice(1) : []) {
          if (r[0]) current = r[0];
          pairs.add(`${current}|${r[1]}|${r[2]}`);
        }
        for (const f of spec.fields) for (const v of cb.get(`${spec.path}|${f.name}`) ?? []) expect(pairs.has(`${variableLabel(f)}|${v.value}|${v.label}`), `${spec.path} ${f.name} ${v.value}`).toBe(true);
      });
    }
  });

  it('Stata: rootwork.do imports each CSV with its types and holds every variable label and value label', () => {
    const { dir, specs } = plain;
    const lines = fs.readFileSync(path.join(dir, 'rootwork.do'), 'utf8').split('\n');
    const q = (s: string) => '`"' + s.replace(/\\/g, '\\\\').replace(/[`$]/g, (c) => `\\${c}`) + `"'`;
    const cb = codebookLabels(dir);
    for (const spec of specs) {
      const start = lines.findIndex((l) => l.startsWith(`import delimited using ${q(spec.path)}, clear varnames(nonames) rowrange(2)`));
      const end = lines.findIndex((l, i) => i > start && l.startsWith('save '));
      expect(start, spec.path).toBeGreaterThanOrEqual(0);
      expect(lines[end]).toBe(`save ${q(spec.path.replace(/\.csv$/, '.dta'))}, replace`);
      const block = lines.slice(start, end);
      const cols = (kind: 'string' | 'other') => spec.fields.flatMap((f, i) => ((f.type === 'string') === (kind === 'string') ? [i + 1] : []));
      if (cols('string').length) expect(block[0]).toContain(`stringcols(${cols('string').join(' ')})`);
      if (cols('other').length) expect(block[0]).toContain(`numericcols(${cols('other').join(' ')})`);
      // Every column renamed from its position to its name (cut to Stata's 32 characters, no two alike).
      expect(block.filter((l) => l.startsWith('rename '))).toEqual(spec.fields.map((f, i) => `rename v${i + 1} ${stataName(f.name)}`));
      expect(new Set(spec.fields.map((f) => stataName(f.name))).size).toBe(spec.fields.length);
      for (const f0 of spec.fields) {
        const f = { ...f0, name: stataName(f0.name) };
        expect(f.name.length).toBeLessThanOrEqual(32);
        const label = variableLabel(f);
        const clipped = label.length <= STATA_LABEL_MAX ? label : label.slice(0, STATA_LABEL_MAX - 3) + '...';
        expect(block, `${spec.path} ${f.name}`).toContain(`label variable ${f.name} ${q(clipped)}`);
        const want = cb.get(`${spec.path}|${f0.name}`);
        if (!want) continue;
        if (f.type === 'string') {
          const code = stataCodeName(f.name);
          expect(code.length).toBeLessThanOrEqual(32);
          want.forEach((v, i) => expect(block).toContain(`replace ${code} = ${i + 1} if ${f.name} == ${q(v.value)}`));
          expect(block).toContain(`label define ${code} ${want.map((v, i) => `${i + 1} ${q(v.label)}`).join(' ')}, replace`);
          expect(block).toContain(`label values ${code} ${code}`);
        } else {
          expect(block).toContain(`label define ${f.name} ${want.map((v) => `${v.value} ${q(v.label)}`).join(' ')}, replace`);
          expect(block).toContain(`label values ${f.name} ${f.name}`);
        }
      }
    }
    // A label with Stata's macro characters cannot expand a macro.
    expect(valueLabels({ name: 'x', type: 'string', title: 't', enum: ['a'], valueLabels: ['$HOME `x\''] })).toEqual([{ value: 'a', label: '$HOME `x\'' }]);
  });

  it('Frictionless: the datapackage library loads the package strictly, with and without --excel, and reads every resource typed', async () => {
    const lib = 'datapackage';
    const { Package } = (await import(lib)) as { Package: { load(d: string, o: { basePath: string; strict: boolean }): Promise<FrictionlessPackage> } };
    // --excel: a byte-order-marked copy of each CSV in excel/ for Excel; the package's own files stay unmarked.
    for (const res of excel.pkg.resources) {
      const copy = fs.readFileSync(path.join(excel.dir, 'excel', res.path), 'utf8');
      expect(copy.startsWith('\uFEFF')).toBe(true);
      expect(copy.slice(1)).toBe(fs.readFileSync(path.join(excel.dir, res.path), 'utf8'));
    }
    for (const { dir, pkg } of [plain, excel]) {
      const loaded = await Package.load(path.join(dir, 'datapackage.json'), { basePath: dir, strict: true });
      expect(loaded.valid).toBe(true);
      for (const res of loaded.resources) {
        const rows = await res.read({ keyed: true, cast: true });
        expect(rows).toHaveLength(readCsv(path.join(dir, pkg.resources.find((r) => r.name === res.name)!.path)).length);
      }
      const respondents = await loaded.resources.find((r) => r.name === 'respondents')!.read({ keyed: true, cast: true });
      expect(Object.keys(respondents[0])[0]).toBe('wave');
      expect(typeof respondents.find((r) => r.satisfaction_score !== null)!.satisfaction_score).toBe('number');
    }
    // The library is strict: the descriptor --excel wrote before ("utf-8-sig") does not load.
    const broken = tempDir('rootwork-dp-broken-');
    for (const f of fs.readdirSync(excel.dir).filter((n) => n.includes('.'))) fs.copyFileSync(path.join(excel.dir, f), path.join(broken, f));
    const d = JSON.parse(fs.readFileSync(path.join(broken, 'datapackage.json'), 'utf8')) as DataPackage;
    fs.writeFileSync(path.join(broken, 'datapackage.json'), JSON.stringify({ ...d, resources: d.resources.map((r) => ({ ...r, encoding: 'utf-8-sig' })) }));
    await expect((async () => {
      const p = await Package.load(path.join(broken, 'datapackage.json'), { basePath: broken, strict: true });
      await p.resources[0].read({ keyed: true, cast: true });
    })()).rejects.toThrow(/encoding/i);
  });
});

interface FrictionlessPackage {
  valid: boolean;
  resources: { name: string; read(o: { keyed: true; cast: true }): Promise<Record<string, unknown>[]> }[];
}
