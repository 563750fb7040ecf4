// The study report's appendices: A. methods (instrument, derived measures, models, each
// estimate's method, missing data, multiple testing); B. privacy (the minimum group size
// and what was withheld, in words); C. a glossary of the terms the report cannot avoid.
import type { Results } from '../../pipeline/results.js';
import { fmt, fmtInt, groupLabel, plainText, scaleLabel } from '../format.js';
import { releasedCountText, safeOmissions } from '../privacy.js';

/** Each distinct method once, with the estimates that use it (the exploratory note said once, above). */
function methodGroups(results: Results): { method: string; estimates: string[] }[] {
  const k = results.study.k;
  const groups = new Map<string, string[]>();
  for (const e of [...results.confirmatory, ...results.exploratory]) {
    const method = plainText(e.method.replace(/\s*Exploratory: p Holm-adjusted with the other exploratory tests\.?/, ''), k);
    const name = /^H\d/.test(e.id) ? e.id.split('.')[0] : plainText(e.label, k);
    groups.set(method, [...(groups.get(method) ?? []), name]);
  }
  return [...groups].map(([method, estimates]) => ({ method, estimates }));
}

export function MethodsAppendix({ results }: { results: Results }) {
  const t = results.study.thresholds;
  const k = results.study.k;
  return (
    <section id="methods" class="appendix">
      <h2>Appendix A. Methods</h2>
      <h3>Instrument</h3>
      <p>
        Staff answered an anonymous survey (instrument version{results.study.instrument_versions.length > 1 ? 's' : ''}{' '}
        {results.study.instrument_versions.join(', ')}): their role, tenure, race and ethnicity; four questions on organizing
        practices and four on mobilizing practices (1, strongly disagree, to 5, strongly agree); the essay’s three bridge
        questions; the other roots (culture, leadership commitment to community building, inclusive decision making, organizing
        valued as much as other programs; 1 to 5); job satisfaction (a three-question scale from 1 to 7, one question reversed)
        and intent to leave (1 to 5). Each organization’s contact filled in a profile: leadership, headcount and departures in
        the last 12 months.
      </p>
      <h3>Derived measures</h3>
      <ul>
        <li>A scale score is the mean of its questions (reversed ones turned round), computed when at least two thirds are answered.</li>
        <li>Orientation index: organizing score minus mobilizing score; an organization’s is the mean over its staff.</li>
        <li>
          Orientation type: organizing-focused when the index is {fmt(t.organizing, 2, true)} or more; mobilizing-focused when{' '}
          {fmt(t.mobilizing, 2, true)} or less; otherwise integrated when both scores are {fmt(t.integrated_mean)} or more, and low-intensity if not.
        </li>
        <li>Person of color: any race other than white ticked; “prefer not to say” leaves a person out of comparisons by race.</li>
        <li>Led by people of color: the executive director is a person of color, or at least half of senior leaders are.</li>
        <li>Separation rate: departures in the last 12 months divided by the mean of start and end headcount.</li>
      </ul>
      <h3>Models</h3>
      <p>
        Staff of one organization tend to be alike, so the intervals of the linear models allow for it (cluster-robust standard
        errors, CR2, with Satterthwaite degrees of freedom, as R’s clubSandwich computes them; see the glossary). The logistic
        model uses the simpler CR1. Each method in full, as computed, is listed below (in the HTML report) and in results.json.
      </p>
      <details class="methods">
        <summary>Show each method in full</summary>
        <table class="stack">
          <caption>Methods and the estimates that use them</caption>
          <thead><tr><th scope="col">Estimates</th><th scope="col">Method</th></tr></thead>
          <tbody>{methodGroups(results).map((g) => <tr><th scope="row">{g.estimates.join('; ')}</th><td data-label="Method">{g.method}</td></tr>)}</tbody>
        </table>
      </details>
      <h3>Missing data</h3>
      <p>
        Each analysis uses the answers given; nothing is filled in. {releasedCountText(results.missing.race_missing, k, fmtInt)} respondents
        gave no usable race answer ({releasedCountText(results.missing.race_declined, k, fmtInt)} chose “prefer not to say”) and are left out of
        comparisons by race.
      </p>
      <table class="stack">
        <caption>Respondents without a score (fewer than two thirds of its questions answered)</caption>
        <thead><tr><th scope="col">Scale</th><th scope="col" class="num">Respondents without a score</th></tr></thead>
        <tbody>
          {Object.entries(results.missing.scale_missing).map(([s, n]) => <tr><th scope="row">{scaleLabel(s)}</th><td class="num" data-label="Without a score">{releasedCountText(n, k, fmtInt)}</td></tr>)}
        </tbody>
      </table>
      <h3>Multiple testing</h3>
      <p>
        The five confirmatory questions were fixed before the data were seen and each is reported at the 5% level. Exploratory
        tests are many, so their p-values are Holm-adjusted across all of them.
      </p>
    </section>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const RULE_WORDS = (k: number): Record<string, string> => ({
  primary: `a group it needs has fewer than ${k} people`,
  complementary: 'withheld as well, so that another withheld figure cannot be worked out from it',
  differencing: `withheld so that subtracting one figure from another cannot reveal a group of fewer than ${k}`,
  'k-anonymity': `a combination of answers would describe fewer than ${k} people`,
});

/** A withheld output's id ("org/ORG-1/bridge.br_1", "exploratory/E.x[organizing]") in words. */
function plainId(id: string, labels: Map<string, string>, k: number): string {
  const org = /^org\/([^/]+)\/(.+)$/.exec(id);
  if (org) return `Organization ${org[1]}: ${plainText(org[2].split('.').pop() ?? org[2], k)}`;
  const group = /\[([^\]]+)\]$/.exec(id)?.[1];
  const bare = id.replace(/^[a-z_]+\//, '').replace(/\[[^\]]+\]$/, '');
  const label = labels.get(bare);
  const name = label ? plainText(label, k) : plainText(bare, k).replace(/[._/]+/g, ' ');
  return group ? `${name} (${groupLabel(group).label.toLowerCase()})` : name;
}

export function PrivacyAppendix({ results }: { results: Results }) {
  const k = results.study.k;
  const p = results.participation;
  const noReport = p.organizations - p.organizations_reportable;
  const labels = new Map([...results.confirmatory, ...results.exploratory, ...results.measurement].map((e) => [e.id, e.label]));
  // Each organization's answer tables are listed in its own report; here they are counted.
  const studyLevel = results.disclosure.suppressed.filter((s) => !s.id.startsWith('organizations.'));
  const answerTables = results.disclosure.suppressed.length - studyLevel.length;
  // Omissions about single organizations, one row per reason listing their codes.
  const omissions = safeOmissions(results);
  const byOrg = new Map<string, string[]>();
  for (const o of omissions.filter((o) => o.what.startsWith('organization '))) {
    const code = o.what.split(' ')[1];
    byOrg.set(o.why, [...(byOrg.get(o.why) ?? []), code]);
  }
  // Respondents without a scale score are in Appendix A's missing-data table already.
  const rest = omissions.filter((o) => !o.what.startsWith('organization ') && !/_score$/.test(o.what));
  const rules = RULE_WORDS(k);
  return (
    <section id="privacy" class="appendix">
      <h2>Appendix B. Privacy</h2>
      <p>
        Every number here that comes from staff answers rests on at least {k} people: groups of fewer than {k} people are never
        shown, and neither is a count of fewer than {k}. Where a figure could be worked out from others (from a total, or by
        subtracting), a second figure is withheld too. Organizations appear only under codes. Comments are never shown.
      </p>
      <ul>
        <li>{fmtInt(noReport)} of {fmtInt(p.organizations)} organizations had fewer than {k} respondents: they get no organization report, and their staff are left out of every estimate.</li>
        <li>{fmtInt(results.disclosure.suppressed_estimates)} of the study’s estimates were withheld.</li>
        <li>Retention curves stop before fewer than {k} people remain.</li>
        <li>Organization reports show answers in bands; a small band is shown only merged with another.</li>
      </ul>
      {results.disclosure.suppressed.length > 0 && (
        <table class="stack">
          <caption>What was withheld and why</caption>
          <thead><tr><th scope="col">What</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {studyLevel.map((s) => <tr><th scope="row">{plainId(s.id, labels, k)}</th><td data-label="Why">{rules[s.rule] ?? rules.primary}</td></tr>)}
            {answerTables > 0 && <tr><th scope="row">Organization reports’ answer tables</th><td data-label="Why">{fmtInt(answerTables)} tables show a band only merged with another (a band of fewer than {k} people, or one everyone chose)</td></tr>}
          </tbody>
        </table>
      )}
      {omissions.length > 0 && (
        <table class="stack">
          <caption>Other things left out</caption>
          <thead><tr><th scope="col">What</th><th scope="col">Why</th><th scope="col" class="num">How many</th></tr></thead>
          <tbody>
            {[...byOrg].map(([why, codes]) => <tr><th scope="row">Organizations {codes.join(', ')}</th><td data-label="Why">{plainText(why, k)}</td><td class="num" data-label="How many">{fmtInt(codes.length)}</td></tr>)}
            {rest.map((o) => <tr><th scope="row">{capitalize(plainText(o.what, k))}</th><td data-label="Why">{plainText(o.why, k)}</td><td class="num" data-label="How many">{releasedCountText(o.count, k, fmtInt)}</td></tr>)}
          </tbody>
        </table>
      )}
    </section>
  );
}

const TERMS: [string, (k: number) => string][] = [
  ['95% confidence interval (CI)', () => 'The range of values the data are consistent with. If it includes “no difference” (0, or 1 for a ratio), the report says there is no clear difference.'],
  ['p-value', () => 'How surprising the result would be if there were no difference at all; under 0.05 counts as a clear difference. Very small values are written “p < 0.001”.'],
  ['Holm-adjusted p', () => 'A p-value made stricter because many exploratory tests were run, so that some would look clear by chance.'],
  ['Confirmatory and exploratory', () => 'Confirmatory questions were fixed before the data came in; exploratory results were looked for afterwards and are leads, not conclusions.'],
  ['Organizing and mobilizing', () => 'Organizing builds community, listens and develops leaders; mobilizing moves people through steps toward a campaign goal.'],
  ['Orientation index', () => 'Organizing score minus mobilizing score: above zero leans toward organizing, below zero toward mobilizing.'],
  ['Separation rate and rate ratio', () => 'Departures in a year per member of staff; a rate ratio of 0.5 means half as many departures.'],
  ['Odds ratio', () => 'How the odds of an answer change; below 1 means less likely.'],
  ['Correlation', () => 'How closely two scores move together, from −1 to 1; 0 means not at all.'],
  ['Kaplan–Meier and log-rank', () => 'A way to chart how many staff are still in post after each year, and a test of whether two such curves differ.'],
  ['Cluster-robust (CR1, CR2)', () => 'Intervals that allow for staff of the same organization being alike, so they are not too narrow.'],
  ['Cronbach’s alpha, ICC, agreement', () => 'Checks that a scale’s questions hang together (alpha) and that staff of one organization agree enough to speak of an organization’s score (ICC, agreement).'],
  ['Minimum group size', (k) => `The rule that keeps answers anonymous: no figure rests on fewer than ${k} people. In technical documents it is called k.`],
];

export function Glossary({ k }: { k: number }) {
  return (
    <section id="glossary" class="appendix">
      <h2>Appendix C. Glossary</h2>
      <dl class="glossary">
        {TERMS.map(([term, text]) => <><dt>{term}</dt><dd>{text(k)}</dd></>)}
      </dl>
    </section>
  );
}
