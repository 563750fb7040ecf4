// The methods and privacy appendices of the study report: the instrument, derived
// measures and thresholds, models, missing data, multiple testing; k and what was withheld.
import type { Results } from '../../pipeline/results.js';
import { fmt, fmtInt, scaleLabel } from '../format.js';
import { releasedCountText, safeOmissions, safeReason } from '../privacy.js';

export function MethodsAppendix({ results }: { results: Results }) {
  const t = results.study.thresholds;
  const k = results.study.k;
  const methods = [...results.confirmatory, ...results.exploratory];
  return (
    <section id="methods" class="appendix">
      <h2>Appendix A. Methods</h2>
      <h3>Instrument</h3>
      <p>
        Staff answered an anonymous survey (instrument version{results.study.instrument_versions.length > 1 ? 's' : ''}{' '}
        {results.study.instrument_versions.join(', ')}) about their role, tenure, race and ethnicity, four organizing practices
        (org_1–org_4) and four mobilizing practices (mob_1–mob_4) rated from 1 (strongly disagree) to 5 (strongly agree), the
        essay’s three bridge questions (br_1–br_3), other roots (culture, leadership commitment to community building, inclusive
        decision making, organizing valued as much as other programs; 1–5), job satisfaction (the three-item Michigan
        Organizational Assessment Questionnaire scale, 1–7, one item reverse-coded) and intent to leave (1–5). Each
        organization’s contact filled in a profile: leadership, headcount and departures in the last 12 months.
      </p>
      <h3>Derived measures and thresholds</h3>
      <ul>
        <li>A scale score is the mean of its items after reverse coding, computed only when at least two thirds of the items are answered.</li>
        <li>A respondent’s orientation index is organizing score minus mobilizing score; an organization’s is the mean over all its staff who have one (every role, each person equally).</li>
        <li>
          Orientation type: organizing-focused when the index is at least {fmt(t.organizing, 2, true)}; mobilizing-focused when at most{' '}
          {fmt(t.mobilizing, 2, true)}; otherwise integrated when both means are at least {fmt(t.integrated_mean)}, and low-intensity if not.
          Comparisons are inclusive, with a tolerance of {t.tolerance} for rounding.
        </li>
        <li>Person of color: any race category other than white ticked; white only counts as white; a “prefer not to say” answer wins over ticked boxes, and such respondents are left out of race comparisons.</li>
        <li>Led by people of color: the executive director is a person of color, or at least half of senior leaders are.</li>
        <li>Separation rate: separations in the last 12 months divided by the mean of start and end headcount, per staff group.</li>
      </ul>
      <h3>Models</h3>
      <p>
        Staff are nested in organizations, so the headline intervals of the linear models allow for staff of one organization
        being alike: CR2 (Bell–McCaffrey) cluster-robust standard errors by organization with Satterthwaite degrees of freedom,
        as R’s clubSandwich computes them, which hold their stated level when organizations are few or unequal in size. The
        commoner CR1 with t on G−1 degrees of freedom is reported alongside in results.json; it is too confident in that case.
        The logistic model uses CR1 with z tests. Each estimate’s method, as computed:
      </p>
      <table>
        <caption>Methods by estimate</caption>
        <thead><tr><th scope="col">Estimate</th><th scope="col">Method</th></tr></thead>
        <tbody>{methods.map((e) => <tr><th scope="row">{e.id}</th><td>{e.method}</td></tr>)}</tbody>
      </table>
      <h3>Missing data</h3>
      <p>
        Analyses use the answers given (complete cases per analysis); nothing is imputed. {releasedCountText(results.missing.race_missing, k, fmtInt)} respondents
        gave no usable race answer ({releasedCountText(results.missing.race_declined, k, fmtInt)} of them chose “prefer not to say”) and are left out of
        comparisons by race.
      </p>
      <table>
        <caption>Respondents without a score, by scale (fewer than two thirds of its items answered)</caption>
        <thead><tr><th scope="col">Scale</th><th scope="col" class="num">Respondents without a score</th></tr></thead>
        <tbody>
          {Object.entries(results.missing.scale_missing).map(([s, n]) => <tr><th scope="row">{scaleLabel(s)}</th><td class="num">{releasedCountText(n, k, fmtInt)}</td></tr>)}
        </tbody>
      </table>
      <h3>Multiple testing</h3>
      <p>
        The five confirmatory hypotheses were fixed before the data were seen and are each reported at the 5% level with their own
        95% confidence interval. Exploratory tests are many, so their p-values are Holm-adjusted across the exploratory family; they
        suggest questions for the next wave rather than settle them.
      </p>
    </section>
  );
}

export function PrivacyAppendix({ results }: { results: Results }) {
  const k = results.study.k;
  const p = results.participation;
  const noReport = p.organizations - p.organizations_reportable;
  const omissions = safeOmissions(results);
  // Each organization's answer tables are listed in its own report; here they are counted.
  const studyLevel = results.disclosure.suppressed.filter((s) => !s.id.startsWith('organizations.'));
  const answerTables = results.disclosure.suppressed.length - studyLevel.length;
  return (
    <section id="privacy" class="appendix">
      <h2>Appendix B. Privacy</h2>
      <p>
        Every number in this report that comes from staff answers rests on at least <strong>k = {k}</strong> respondents, and no
        count of people under k appears anywhere (a count of none is shown). Where a group was smaller, its value and its size are withheld, and where a
        withheld value could be recovered from a total or a difference, a second value is withheld too (complementary suppression). Organizations are named only by pseudonymous codes. Free-text
        comments are never shown here.
      </p>
      <ul>
        <li>{fmtInt(noReport)} of {fmtInt(p.organizations)} organizations had fewer than {k} respondents: they get no organization report, and their staff are left out of every estimate, so that no figure here differs from the analyst export by fewer than {k} people.</li>
        <li>{fmtInt(results.disclosure.suppressed_estimates)} estimates were withheld.</li>
        <li>Retention curves pool years so that each step has no departures or at least {k}, and stop before fewer than {k} people remain at risk.</li>
        <li>Organization reports show answers in bands that add up to the organization’s respondents; a small band is shown only together with another, and so is a band that everyone chose.</li>
      </ul>
      {results.disclosure.suppressed.length > 0 && (
        <table>
          <caption>Withheld estimates and why</caption>
          <thead><tr><th scope="col">Estimate</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {studyLevel.map((s) => <tr><th scope="row">{s.id}</th><td>{safeReason(s.reason, k)}</td></tr>)}
            {answerTables > 0 && <tr><th scope="row">organization reports’ answer tables</th><td>{fmtInt(answerTables)} tables show a band only together with another (a band under k, or one everyone chose)</td></tr>}
          </tbody>
        </table>
      )}
      {omissions.length > 0 && (
        <table>
          <caption>Other things left out</caption>
          <thead><tr><th scope="col">What</th><th scope="col">Why</th><th scope="col" class="num">How many</th></tr></thead>
          <tbody>{omissions.map((o) => <tr><th scope="row">{o.what}</th><td>{o.why}</td><td class="num">{o.what.startsWith('organization ') ? '' : releasedCountText(o.count, k, fmtInt)}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
