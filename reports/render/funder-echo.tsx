// The study this one reruns: what the funder asked, what it found, what this wave found on
// the same question, and where this design differs. Wording for a program officer.
import type { Results } from '../../pipeline/results.js';
import type { Finding } from '../findings.js';

const OUTCOME: Record<string, string> = {
  expected: 'this wave points the same way',
  opposite: 'this wave points the other way',
  unclear: 'this wave shows no clear difference',
  withheld: 'this wave cannot say: the groups were too small to report',
  not_estimable: 'this wave could not estimate it',
  described: 'see the exploratory results',
};

function verdictOf(findings: Finding[], id: string): string {
  const f = findings.find((x) => x.id === id);
  return f ? OUTCOME[f.verdict] : 'this wave did not estimate it';
}

export function FunderEcho({ results, findings }: { results: Results; findings: Finding[] }) {
  const rows: [string, string, string][] = [
    ['Organizers of color were more satisfied where organizations had an organizing focus.', 'H1', verdictOf(findings, 'H1.sat_diff')],
    ['Organizers of color stayed longer in organizing-focused organizations.', 'H2', verdictOf(findings, 'H2.sep_rate_ratio')],
    ['(The same, as staff’s own intent to leave.)', 'H3', verdictOf(findings, 'H3.itl_diff')],
    ['Organizations led by people of color tended toward organizing; white-led ones toward campaign mobilizing.', 'H4', verdictOf(findings, 'H4.orientation_diff')],
    ['Orientation mattered especially for organizers of color.', 'H5', verdictOf(findings, 'H5.sat_interaction')],
  ];
  return (
    <section id="funder-study">
      <h2>The study this one repeats</h2>
      <p>
        Years ago a funder looked at turnover among organizers of color in the groups it supported, as Cynthia Silva Parker
        recalls in a comment on Marty Kearns’s essay <cite>Organizing or Mobilizing</cite>. <strong>The question it asked:</strong> why
        were organizers of color leaving, and was the difference between organizing (building community, listening, developing
        leaders) and mobilizing (moving people through steps toward a campaign goal) one of the roots?
      </p>
      <table class="stack">
        <caption>What the funder found, and what this wave ({results.study.wave_name}) found on the same question</caption>
        <thead>
          <tr><th scope="col">The funder study found</th><th scope="col">Question</th><th scope="col">This wave</th></tr>
        </thead>
        <tbody>
          {rows.map(([claim, h, now]) => (
            <tr><td>{claim}</td><td data-label="Question">{h}</td><td data-label="This wave">{now}</td></tr>
          ))}
          <tr>
            <td>Other roots mattered too: organizational culture, leadership’s commitment to community building, decision making, and organizing being marginalized next to other programs.</td>
            <td data-label="Question">exploratory</td>
            <td data-label="This wave">see “Other roots” under Exploratory leads</td>
          </tr>
        </tbody>
      </table>
      <h3>Where this design differs</h3>
      <ul>
        <li><strong>Who is asked.</strong> Staff of every participating organization answer an anonymous survey; the funder study’s methods were not published, so they cannot be matched exactly.</li>
        <li><strong>Orientation</strong> is the staff’s own rating of organizing and mobilizing practices, not an outside judgement.</li>
        <li><strong>Leaving</strong> comes from each organization’s profile (the last 12 months) and from staff’s intent to leave; the funder study followed actual turnover.</li>
        <li><strong>Who takes part.</strong> Organizations and staff chose to take part; results describe them, not every organization.</li>
      </ul>
    </section>
  );
}
