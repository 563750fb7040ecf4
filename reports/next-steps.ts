// "What to do next" on the study report's first screen: a few steps that follow from this
// wave's results (clear, unclear or withheld answers, missing profiles, response rate).
// Plain sentences for a funder; each says why it is suggested.
import type { Results } from '../pipeline/results.js';
import type { Finding } from './findings.js';
import { fmtInt, fmtPct } from './format.js';

const hList = (fs: Finding[]) => {
  const names = fs.map((f) => f.heading.split(' ·')[0]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

export function nextSteps(results: Results, confirmatory: Finding[]): string[] {
  const k = results.study.k;
  const p = results.participation;
  const clear = confirmatory.filter((f) => f.verdict === 'expected' || f.verdict === 'opposite');
  const unclear = confirmatory.filter((f) => f.verdict === 'unclear');
  const withheld = confirmatory.filter((f) => f.verdict === 'withheld' || f.verdict === 'not_estimable');
  const steps: string[] = [];
  if (p.organizations_reportable > 0) {
    steps.push(`Send each organization its own report (${fmtInt(p.organizations_reportable)} organizations had at least ${k} respondents and have one): it compares the organization with the study as a whole, for its staff and board to discuss.`);
  }
  if (clear.length > 0) {
    steps.push('Read the clear results as patterns, not proof of cause. Survey the same organizations again next year: if organizations that move toward organizing then keep more of their organizers of color, that is much stronger evidence.');
  }
  if (unclear.length > 0) {
    steps.push(`${hList(unclear)} gave no clear answer. That is not evidence of “no effect”: with ${fmtInt(p.organizations)} organizations the range of likely values is wide. More organizations in the next wave would narrow it.`);
  }
  if (withheld.length > 0) {
    steps.push(`${hList(withheld)} could not be reported because groups were too small. More organizations, or more staff answering in each, would let them be reported.`);
  }
  const noProfile = p.organizations - p.organizations_with_profile;
  if (noProfile > 0) {
    steps.push(`${fmtInt(noProfile)} of ${fmtInt(p.organizations)} organizations did not fill in the organization profile, so their departures and leadership are missing from the questions on leaving (H2) and on who leads (H4). Ask them to complete it.`);
  }
  if (p.overall_response_rate !== null && p.overall_response_rate < 0.6) {
    steps.push(`Only ${fmtPct(p.overall_response_rate)} of staff answered. Where few staff answer, the results may not speak for everyone; ask organizations to give staff time to respond.`);
  }
  if (results.exploratory.length > 0) {
    steps.push('Choose which exploratory leads (the other roots and the bridge questions, below) to test as fixed questions in the next wave.');
  }
  return steps;
}
