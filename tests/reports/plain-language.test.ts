// The study report reads in plain language, on a study of the demo's size and seed: no item
// codes (br_1, sat_2r), no "0.000" p-values, no stray backticks, the minimum group size in
// words rather than "k"; and a first screen with the five answers, participation and next
// steps, short enough to read in five minutes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../reports/format.js';
import { writeReports } from '../../reports/index.js';
import { decode } from './helpers/read-html.js';
import { demoPipelineRun, type PipelineRun } from './helpers/pipeline-run.js';

/** What a reader sees: the text of the page (SVG text, titles and descriptions included), no markup or attribute values. */
function visibleText(html: string): string {
  return decode(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Each match with some text around it, so a failure shows where. */
function occurrences(text: string, re: RegExp): string[] {
  return [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].map((m) => text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20));
}

describe('the study report in plain language (demo-sized study)', () => {
  let run: PipelineRun;
  let html: string;
  let text: string;

  beforeAll(async () => {
    run = await demoPipelineRun();
    const written = await writeReports(run.results, run.dir);
    html = fs.readFileSync(written.studyReport, 'utf8');
    text = visibleText(html);
  });
  afterAll(async () => {
    await run?.tdb.destroy();
    if (run) fs.rmSync(path.dirname(run.dir), { recursive: true, force: true });
  });

  it('names no variable, prints no 0.000 p-value and no backtick', () => {
    // The pipeline's own labels do use codes: the check would catch them if they leaked.
    expect(JSON.stringify(run.results)).toMatch(/\b(br|sat|itl|org|mob)_\d/);
    expect(occurrences(text, /\b(br|sat|itl|org|mob)_\d\w*/)).toEqual([]);
    expect(occurrences(text, /\b\w+_score\b/)).toEqual([]);
    expect(occurrences(text, /\b0\.000\b/)).toEqual([]);
    expect(occurrences(text, /`/)).toEqual([]);
    // Symbols stay in the folded list of methods in full, for analysts; the prose has none.
    const prose = visibleText(html.replace(/<details class="methods">[\s\S]*?<\/details>/, ''));
    expect(occurrences(prose, /[×÷Σ]/)).toEqual([]);
    const tiny = [...run.results.confirmatory, ...run.results.exploratory].some((e) => !e.suppressed && ((e.confirmatory ? e.p : e.p_holm) ?? 1) < 0.001);
    expect(tiny).toBe(true);
    expect(text).toContain('p < 0.001');
  });

  it('says the minimum group size in words, never as a bare "k"', () => {
    const k = run.results.study.k;
    expect(text).toContain(`groups of fewer than ${k} people are never shown`);
    // The glossary names the letter once, to explain it; nowhere else is it used.
    const glossary = visibleText(/<section id="glossary"[\s\S]*?<\/section>/.exec(html)![0]);
    expect(glossary).toContain(`no figure rests on fewer than ${k} people. In technical documents it is called k.`);
    expect(occurrences(text.replace(glossary, ''), /\bk\b(?![\u0300-\u036f])/)).toEqual([]);
  });

  it('opens with the five answers, each with its estimate and 95% CI or why not, then participation and next steps', () => {
    const summary = /<section id="summary"[\s\S]*?<\/section>/.exec(html)![0];
    const items = [...summary.matchAll(/data-glance="([^"]+)"[\s\S]*?<\/li>/g)];
    expect(items.map((m) => m[1])).toEqual(['H1.sat_diff', 'H2.sep_rate_ratio', 'H3.itl_diff', 'H4.orientation_diff', 'H5.sat_interaction']);
    for (const [item, id] of items) {
      const e = run.results.confirmatory.find((x) => x.id === id)!;
      if (e.suppressed || e.estimate === null || e.ci_low === null) expect(visibleText(item)).toMatch(/Not reported|Could not/);
      else expect(visibleText(item)).toMatch(/Yes, as the funder study found|No: the opposite|Not clear/), expect(visibleText(item)).toMatch(/95% CI −?\d+\.\d\d to −?\d+\.\d\d/);
    }
    const s = visibleText(summary);
    expect(s).toMatch(/[\d,]+ staff of \d+ organizations answered/);
    expect(s).toContain('What to do next');
    // Five minutes of reading: the whole first screen, questions and steps included.
    const header = visibleText(/<header>[\s\S]*?<\/header>/.exec(html)![0]);
    expect(words(header) + words(s)).toBeLessThan(500);
  });

  it('plainText turns codes and k into words, and leaves plain text alone', () => {
    expect(plainText('Bridge question br_1 (organizing for its own sake)', 5)).toBe('Bridge question 1 (organizing for its own sake)');
    expect(plainText('who answered `looking`, from at least k respondents', 5)).toBe('who answered “looking”, from at least 5 respondents');
    expect(plainText('Cronbach\u2019s alpha: leadership cb score (3 items)', 5)).toBe('Cronbach\u2019s alpha: leadership commitment to community building (3 items)');
    expect(plainText('orientation type × poc; sat_2r; 1 to k − 1; (k̃ − 1)', 7)).toBe('orientation type and race; satisfaction item 2; 1 to 7 − 1; (k̃ − 1)');
    const plain = 'Organizers of color were more satisfied.';
    expect(plainText(plain, 5)).toBe(plain);
  });
});
