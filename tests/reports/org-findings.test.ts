// What an organization report says, on a hand-made summary: the verdict printed for each
// comparison follows the interval (a 0.05 difference whose interval includes 0 reads
// "about the same"), strengths and areas to discuss are ranked by the end of the interval
// nearest zero and direction-aware (higher intent to leave is an area to discuss), and a
// withheld comparison appears nowhere but the withheld list.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrgComparison, OrganizationSummary, Results } from '../../pipeline/results.js';
import { orgContext } from '../../reports/org-context.js';
import { rankFindings } from '../../reports/org-findings.js';
import { ORG_TEXT } from '../../reports/org-text.js';
import { renderOrgReport } from '../../reports/render/org-report.js';
import { parseResults } from '../../reports/schema.js';

const cmp = (difference: number, lo: number, hi: number): OrgComparison => ({
  mean: 3 + difference,
  benchmark: 3,
  difference,
  ci_low: lo,
  ci_high: hi,
  verdict: lo > 0 ? 'higher' : hi < 0 ? 'lower' : 'about_the_same',
  withheld: null,
});

function fixture(): { results: Results; org: OrganizationSummary } {
  const results = parseResults(JSON.parse(fs.readFileSync('tests/fixtures/results/synthetic-12-orgs.json', 'utf8')), 'fixture');
  const org = results.organizations.find((o) => o.reportable)!;
  org.comparisons = {
    satisfaction_score: cmp(0.05, -0.25, 0.35),
    culture_score: cmp(0.6, 0.3, 0.9),
    decision_score: cmp(0.9, 0.1, 1.7),
    intent_to_leave_score: cmp(0.4, 0.1, 0.7),
    valued_score: cmp(-0.5, -0.8, -0.2),
    leadership_cb_score: { mean: null, benchmark: null, difference: null, ci_low: null, ci_high: null, verdict: null, withheld: { rule: 'primary', reason: 'x' } },
  };
  org.withheld_cells = [{ id: `org/${org.code}/compare.leadership_cb_score`, rule: 'primary', reason: 'x' }];
  return { results, org };
}

describe('organization report findings', () => {
  it('ranks strengths by the lower end of the interval and areas to discuss by the end nearest zero, each in the right direction', () => {
    const { org } = fixture();
    const { strengths, concerns } = rankFindings(org);
    // Culture (0.3 to 0.9) is clearer than decisions (0.1 to 1.7) although its difference is smaller.
    expect(strengths.map((r) => r.measure)).toEqual(['culture_score', 'decision_score']);
    // Valued is worse with −0.2 at best; intent to leave is higher, which is worse, with −0.1 at best (as a gain).
    expect(concerns.map((r) => r.measure)).toEqual(['valued_score', 'intent_to_leave_score']);
  });

  it('prints "about the same" for an interval that includes zero, and never better/worse for a 0.05 difference', () => {
    const { results, org } = fixture();
    const html = renderOrgReport(org, orgContext(results));
    const row = /<th scope="row">Job satisfaction<\/th><td class="num"[^>]*>[^<]*<\/td><td class="num"[^>]*>([^<]*)<\/td>/.exec(html)![1];
    expect(row).toMatch(/about the same$/);
    expect(html).not.toMatch(/\((better|worse)\)/);
    expect(/<th scope="row">Culture and belonging<\/th><td class="num"[^>]*>[^<]*<\/td><td class="num"[^>]*>([^<]*)<\/td>/.exec(html)![1]).toMatch(/higher$/);
    expect(/<th scope="row">Intent to leave<\/th><td class="num"[^>]*>[^<]*<\/td><td class="num"[^>]*>([^<]*)<\/td>/.exec(html)![1]).toMatch(/higher$/);
    // Satisfaction is neither a strength nor an area to discuss.
    const glance = html.slice(html.indexOf('id="glance"'), html.indexOf('id="orientation"'));
    expect(glance).not.toContain('Job satisfaction');
    expect(glance).toContain('Intent to leave: your staff are 0.40 points worse off');
    // The withheld comparison is listed as withheld and shown nowhere else.
    expect(html).not.toContain('<th scope="row">Leadership commitment to community building</th>');
    expect(html).toContain(`data-cell="org/${org.code}/compare.leadership_cb_score"`);
  });

  it('says so when nothing differs clearly, in either language', () => {
    const { results, org } = fixture();
    org.comparisons = { satisfaction_score: cmp(0.05, -0.25, 0.35) };
    for (const lang of ['en', 'es'] as const) {
      const html = renderOrgReport(org, orgContext(results), lang);
      expect(html).toContain(ORG_TEXT[lang].noStrengths);
      expect(html).toContain(ORG_TEXT[lang].noConcerns);
    }
  });
});
