// Organization reports from a real pipeline run, in both dialects: the subtraction attack on
// the within-organization breakdowns (total minus shown groups) recovers no group under k;
// each report's "what was withheld" list is disclosure.json's list for that organization
// (plus answer tables with hidden cells); a small staff group gets counts, not a rate; the
// Spanish report has no English sentence left.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, type OrgAggregate, type ScoredWave } from '../../pipeline/aggregate.js';
import { DEFAULT_THRESHOLDS } from '../../pipeline/classify.js';
import { extractWave } from '../../pipeline/extract.js';
import { measureColumn } from '../../pipeline/org-breakdowns.js';
import { ORGANIZER } from '../../pipeline/analyze/select.js';
import { writeReports } from '../../reports/index.js';
import { orgContext } from '../../reports/org-context.js';
import { ORG_TEXT, type OrgText } from '../../reports/org-text.js';
import { renderOrgReport } from '../../reports/render/org-report.js';
import { DIALECTS } from '../helpers/databases.js';
import { seededPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';

const text = (html: string) =>
  html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<title[\s\S]*?<\/title>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

/** Members of one breakdown group in an organization, with their values (what a contact who knows their staff knows). */
function group(sw: ScoredWave, o: OrgAggregate, measure: string, by: 'role' | 'race', g: string): number[] {
  const col = measureColumn(sw, measure);
  const out: number[] = [];
  for (let i = o.rec.start; i < o.rec.start + o.rec.respondents; i++) {
    const v = col[i];
    if (!(v === v && v > 0)) continue;
    const r = sw.data.role[i];
    const p = sw.data.poc[i];
    const inGroup =
      g === 'all' ||
      (by === 'role' ? (g === 'organizers' ? r === ORGANIZER : g === 'other_staff' ? r !== ORGANIZER && r !== 0 : r === 0) : g === 'poc' ? p === 1 : g === 'white' ? p === 0 : p === -1);
    if (inGroup) out.push(v);
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

/** Every string of a dictionary, with the same sample arguments for both languages, by path. */
function strings(t: OrgText): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, at: string) => {
    if (typeof v === 'string') out.set(at, v);
    else if (typeof v === 'function') out.set(at, String((v as (...a: unknown[]) => unknown)('X1', 'X2', 'X3', 'X4', 'X5', 'X6')));
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === 'object') for (const [key, x] of Object.entries(v)) walk(x, `${at}.${key}`);
  };
  walk(t, 't');
  return out;
}

for (const dialect of DIALECTS) {
  describe(`organization reports (${dialect})`, () => {
    let run: PipelineRun;
    let sw: ScoredWave;
    let disclosure: { withheld: { id: string; rule: string }[] };
    beforeAll(async () => {
      run = await seededPipelineRun(dialect, 11, 30);
      sw = aggregate(await extractWave(run.tdb.handle.db, run.waveId), run.results.study.k, DEFAULT_THRESHOLDS);
      disclosure = JSON.parse(fs.readFileSync(path.join(run.dir, 'disclosure.json'), 'utf8'));
      await writeReports(run.results, run.dir);
    }, 120_000);
    afterAll(async () => {
      await run?.tdb.destroy();
    });

    it('breakdown cells go through the release pass: shown ones are groups in release-groups.json, withheld ones are in disclosure.json', () => {
      const groups = JSON.parse(fs.readFileSync(path.join(run.dir, 'release-groups.json'), 'utf8')) as { groups: { key: string; n: number }[] };
      const withheld = new Set(disclosure.withheld.map((w) => w.id));
      const dims = { organizers: 'role=organizer', other_staff: 'role=other', poc: 'poc=1', white: 'poc=0' } as const;
      let shown = 0;
      let hidden = 0;
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        const agg = sw.orgs.find((a) => a.rec.code === o.code)!;
        for (const b of o.breakdowns ?? []) {
          for (const c of b.cells) {
            if (c.mean !== null) {
              shown++;
              const key = groups.groups.find((g) => g.key.includes(`var=${b.measure};`) && g.key.includes(`org=${o.code}`) && g.key.endsWith(dims[c.group]));
              expect(key, `${o.code} ${b.measure} ${c.group}`).toBeTruthy();
              expect(key!.n).toBeGreaterThanOrEqual(run.results.study.k);
            } else if (group(sw, agg, b.measure, b.by, c.group).length > 0) {
              hidden++;
              expect(withheld.has(`org/${o.code}/breakdown.${b.measure}.${b.by}.${c.group}`), `${o.code} ${b.measure} ${c.group}`).toBe(true);
            }
          }
        }
      }
      expect(shown).toBeGreaterThan(0);
      expect(hidden).toBeGreaterThan(0);
    });

    it('the subtraction attack (organization total minus shown groups) gives back no group of 1..k−1', () => {
      const k = run.results.study.k;
      const byCode = new Map(sw.orgs.map((o) => [o.rec.code, o]));
      let attacks = 0;
      let shownCells = 0;
      let smallWithPartner = 0;
      for (const s of run.results.organizations.filter((o) => o.reportable)) {
        const o = byCode.get(s.code)!;
        for (const b of s.breakdowns ?? []) {
          const total = s.scales[b.measure];
          const all = group(sw, o, b.measure, b.by, 'all');
          const shown = b.cells.filter((c) => c.mean !== null);
          shownCells += shown.length;
          // A group under k beside a partner of at least k, everyone's group known: both must be withheld, or
          // total − partner is the small group.
          const sizes = b.cells.map((c) => group(sw, o, b.measure, b.by, c.group).length);
          const unknown = all.length - sizes.reduce((x, n) => x + n, 0);
          if (unknown === 0 && sizes.some((n) => n > 0 && n < k) && sizes.some((n) => n >= k)) {
            smallWithPartner++;
            expect(b.cells.every((c) => c.mean === null), `${s.code} ${b.measure} ${b.by}`).toBe(true);
          }
          if (total === null || shown.length === 0) continue;
          // Every subset of the shown cells, taken from the total, is a group a contact can compute.
          for (let mask = 1; mask < 1 << shown.length; mask++) {
            const taken = shown.filter((_, i) => mask & (1 << i));
            const takenValues = taken.flatMap((c) => group(sw, o, b.measure, b.by, c.group));
            const left = all.length - takenValues.length;
            attacks++;
            if (left === 0) continue;
            // The attack works: the arithmetic gives the true mean of the remaining people…
            const recovered = (total * all.length - takenValues.reduce((x, v) => x + v, 0)) / left;
            const truth = mean(remainder(all, takenValues));
            expect(recovered).toBeCloseTo(truth, 9);
            // …and those people are never fewer than k.
            expect(left, `${s.code} ${b.measure} ${b.by}: total minus ${taken.map((c) => c.group).join('+')}`).toBeGreaterThanOrEqual(k);
          }
        }
      }
      expect(attacks).toBeGreaterThan(10);
      expect(shownCells).toBeGreaterThan(10);
      expect(smallWithPartner).toBeGreaterThan(0);
    });

    it("each report's withheld list is disclosure.json's list for that organization, plus answer tables with hidden cells", () => {
      let listed = 0;
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        const html = fs.readFileSync(path.join(run.dir, 'orgs', `${o.code}.html`), 'utf8');
        const inReport = [...html.matchAll(/<li data-cell="([^"]+)"/g)].map((m) => m[1].replace(/&#91;|&#x5B;/g, '[').replace(/&#93;|&#x5D;/g, ']'));
        const expected = disclosure.withheld.filter((w) => w.id.startsWith(`org/${o.code}/`) || w.id === `export/respondents[${o.code}]`).map((w) => w.id);
        const tables = ['br_1', 'br_2', 'br_3'].filter((b) => o.bridge[b]?.table?.withheld).map((b) => `answer-table/${b}`);
        expect(inReport.sort(), o.code).toEqual([...expected, ...tables].sort());
        listed += inReport.length;
        // The old report said "Nothing else was withheld" beside hidden answer cells.
        if (inReport.length > 0) expect(html).not.toContain(ORG_TEXT.en.withheldNothing);
      }
      expect(listed).toBeGreaterThan(0);
    });

    it('a staff group with a mean headcount under 5 gets no separation rate, only counts within the rules', () => {
      const k = run.results.study.k;
      let small = 0;
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        const html = fs.readFileSync(path.join(run.dir, 'orgs', `${o.code}.html`), 'utf8');
        for (const [g, r] of Object.entries(o.separation_rates)) {
          const row = new RegExp(`<tr data-staff-group="${g}">(.*?)</tr>`).exec(html)![1];
          if (r.mean_headcount >= 5) continue;
          small++;
          expect(r.rate).toBeNull();
          expect(row).toContain(ORG_TEXT.en.smallGroup);
          expect(row).not.toContain('%');
          // Counts of 1..k−1 read "fewer than k".
          if (r.separations > 0 && r.separations < k) expect(row).toContain(`fewer than ${k}`);
        }
      }
      expect(small).toBeGreaterThan(0);
    });

    it('the Spanish report has no English sentence left', () => {
      const en = strings(ORG_TEXT.en);
      const es = strings(ORG_TEXT.es);
      // English phrases: every English string that differs from its Spanish counterpart, and the shared components' words.
      const phrases = [...en].filter(([at, s]) => es.get(at) !== s && /[a-z]{3,}.*\s.*[a-z]{3,}/i.test(s)).map(([, s]) => s.replace(/X\d/g, '').trim());
      phrases.push('Synthetic data', 'not real responses', 'Show the data as a table', 'of your staff answered', 'What was withheld', 'Generated by Rootwork', 'not shown', 'Organization report', 'study average');
      expect(phrases.length).toBeGreaterThan(80);
      const ctx = orgContext(run.results);
      for (const o of run.results.organizations.filter((x) => x.reportable)) {
        const html = renderOrgReport(o, ctx, 'es');
        // The one English phrase on purpose: the link to the English report, marked as English.
        expect(html).toContain(`lang="en">${ORG_TEXT.es.otherLang.text}</a>`);
        const body = text(html.replace(/<a [^>]*lang="en">[^<]*<\/a>/, ' ')).replace(ctx.studyName, '').replace(ctx.waveName, '');
        expect(body).toContain(ORG_TEXT.es.title(o.code));
        for (const p of phrases) {
          for (const piece of p.split(/[.:;()]/).map((x) => x.trim()).filter((x) => x.split(' ').length >= 3)) expect(body, piece).not.toContain(piece);
        }
        expect(body.match(/\b(the|your|staff|with|and|of|were|was|is|not)\b/gi), o.code).toBeNull();
      }
    });
  });
}

/** `all` without the values of `taken` (a multiset difference). */
function remainder(all: number[], taken: number[]): number[] {
  const left = [...all];
  for (const v of taken) left.splice(left.indexOf(v), 1);
  return left;
}
