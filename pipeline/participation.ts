// Participation (respondents, response rates), missing data and "prefer not to say"
// counts, and the omissions list: everything the pipeline left out, and why.
import { SCORED_SCALES } from './score.js';
import type { ScoredWave } from './aggregate.js';
import { responseRate } from './organizations.js';
import type { Omission, Results } from './results.js';

/**
 * A count of respondents as released: null when it is 1..k−1, because such a count is
 * itself a number resting on fewer than k people (0 and counts of at least k are kept).
 */
export function releasedCount(n: number, k: number): number | null {
  return n > 0 && n < k ? null : n;
}

export function participation(sw: ScoredWave): Results['participation'] {
  const withProfile = sw.orgs.filter((o) => o.facts !== null);
  const rated = sw.orgs.filter((o) => responseRate(o) !== null);
  const respondents = rated.reduce((s, o) => s + o.rec.respondents, 0);
  const headcount = rated.reduce((s, o) => s + o.facts!.headcount!, 0);
  // The organizations under k together: the total minus the counts shown would give their
  // sum back, so when it is 1..k−1 the total is not released (the reportable sum is).
  const shownSum = sw.orgs.filter((o) => releasedCount(o.rec.respondents, sw.k) !== null).reduce((s, o) => s + o.rec.respondents, 0);
  const hiddenSum = sw.data.n - shownSum;
  return {
    respondents: hiddenSum > 0 && hiddenSum < sw.k ? null : releasedCount(sw.data.n, sw.k),
    respondents_reportable: releasedCount(shownSum, sw.k),
    organizations: sw.orgs.length,
    organizations_reportable: sw.orgs.filter((o) => o.rec.respondents >= sw.k).length,
    organizations_with_profile: withProfile.length,
    overall_response_rate: headcount > 0 ? respondents / headcount : null,
    by_organization: [...sw.orgs]
      .sort((a, b) => (a.rec.code < b.rec.code ? -1 : 1))
      .map((o) => {
        const small = o.rec.respondents > 0 && o.rec.respondents < sw.k;
        return { code: o.rec.code, respondents: small ? null : o.rec.respondents, headcount: o.facts?.headcount ?? null, response_rate: small ? null : responseRate(o), suppressed: small };
      }),
  };
}

/** Raw counts, before release: omissions and the console use them, results.json gets releasedMissing. */
export interface Missing {
  race_missing: number;
  race_declined: number;
  scale_missing: Record<string, number>;
  prefer_not: { gender: number; age_band: number };
  answers_out_of_range: number;
}

export function missing(sw: ScoredWave): Missing {
  const d = sw.data;
  let raceMissing = 0;
  let declined = 0;
  let genderPn = 0;
  let agePn = 0;
  // 'prefer_not' is the last option in both GENDERS and AGE_BANDS (codes 5 and 6).
  for (let i = 0; i < d.n; i++) {
    if (d.poc[i] < 0) raceMissing++;
    if (d.raceDeclined[i] === 1) declined++;
    if (d.gender[i] === 5) genderPn++;
    if (d.ageBand[i] === 6) agePn++;
  }
  const scale_missing: Record<string, number> = {};
  for (const s of SCORED_SCALES) {
    const col = sw.scores[s.id];
    let m = 0;
    for (let i = 0; i < d.n; i++) if (Number.isNaN(col[i])) m++;
    scale_missing[s.scoreName] = m;
  }
  return { race_missing: raceMissing, race_declined: declined, scale_missing, prefer_not: { gender: genderPn, age_band: agePn }, answers_out_of_range: d.invalidAnswers };
}

/** The missing-data block as released in results.json: counts under k become null. */
export function releasedMissing(m: Missing, k: number): Results['missing'] {
  const c = (n: number) => releasedCount(n, k);
  // Missing minus declined is the blank answers: when that is 1..k−1, declined is withheld too.
  const blank = m.race_missing - m.race_declined;
  return {
    race_missing: c(m.race_missing),
    race_declined: blank > 0 && blank < k ? null : c(m.race_declined),
    scale_missing: Object.fromEntries(Object.entries(m.scale_missing).map(([s, n]) => [s, c(n)])),
    prefer_not: { gender: c(m.prefer_not.gender), age_band: c(m.prefer_not.age_band) },
    // A count of invalid values, not of people with a trait, but each came from a person: under k, not released either.
    answers_out_of_range: c(m.answers_out_of_range),
  };
}

export function omissions(sw: ScoredWave, miss: Missing): Omission[] {
  const out: Omission[] = [];
  const k = sw.k;
  if (sw.data.n === 0) out.push({ what: `wave ${sw.data.wave.name}`, why: 'the wave has no responses: every staff-based estimate is not estimable', count: 0 });
  const byCode = [...sw.orgs].sort((a, b) => (a.rec.code < b.rec.code ? -1 : 1));
  for (const o of byCode) {
    const code = o.rec.code;
    if (o.rec.respondents === 0) out.push({ what: `organization ${code}`, why: 'no responses in this wave', count: 0 });
    else if (o.rec.respondents < k) out.push({ what: `organization ${code}`, why: `fewer than k = ${k} respondents: no organization report, and its staff are left out of every estimate`, count: null });
    else if (o.type === null) out.push({ what: `organization ${code}`, why: `fewer than k = ${k} respondents have an orientation index: no orientation type, left out of organization-level analyses`, count: o.rec.respondents });
    if (sw.data.draftProfiles.has(o.rec.id)) out.push({ what: `organization ${code}`, why: 'profile started but not submitted: not used', count: 1 });
    else if (o.facts === null) out.push({ what: `organization ${code}`, why: 'no organization profile: left out of H2, H4, response rates and separation rates; H5 size variant uses respondents', count: 1 });
    for (const p of o.facts?.problems ?? []) out.push({ what: `organization ${code} profile: ${p}`, why: 'impossible profile numbers: those figures are not used', count: 1 });
    if (o.facts && o.facts.pocLed === null) out.push({ what: `organization ${code} profile`, why: 'leadership not stated well enough to tell POC-led: left out of H4', count: 1 });
    if (o.facts && o.facts.headcount !== null && o.rec.respondents > o.facts.headcount) {
      const respondents = releasedCount(o.rec.respondents, k) ?? `fewer than ${k}`;
      out.push({ what: `organization ${code} profile (${respondents} respondents, end headcount ${o.facts.headcount})`, why: 'more respondents than end-of-period headcount: no response rate', count: 1 });
    }
  }
  if (miss.race_missing > 0) {
    const shown = (n: number) => releasedCount(n, k) ?? `fewer than ${k}`;
    const blank = miss.race_missing - miss.race_declined;
    const split = releasedCount(blank, k) === null || releasedCount(miss.race_declined, k) === null ? '' : ` (${shown(miss.race_declined)} declined, ${shown(blank)} blank)`;
    out.push({ what: 'race', why: `no race answer${split}: left out of race comparisons (H1, H3, H5 and breakdowns by race)`, count: releasedCount(miss.race_missing, k) });
  }
  for (const [name, m] of Object.entries(miss.scale_missing)) {
    if (m === 0) continue;
    const all = m === sw.data.n && m > 0;
    out.push({ what: name, why: all ? 'no respondent answered enough items: every analysis using this scale is not estimable' : 'fewer than two thirds of the items answered: no score, left out of analyses using it', count: releasedCount(m, k) });
  }
  if (miss.answers_out_of_range > 0) out.push({ what: 'answers', why: 'outside the item\'s response range (e.g. from an import): treated as unanswered', count: miss.answers_out_of_range });
  // No count of 1..k−1 leaves in results.json, whatever it counts (an omission about one
  // organization names it in `what`; its count of 1 says nothing more).
  return out.map((o) => ({ ...o, count: o.count === null ? null : releasedCount(o.count, k) }));
}
