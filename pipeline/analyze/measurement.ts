// Measurement quality: Cronbach's alpha per scale (Feldt 95% CI), and whether staff agree
// enough for an organization-level orientation score — ICC(1), ICC(2) of the respondent
// orientation index by organization, and mean rwg(j) over the eight orientation items.
import { REVERSE_CODED, type Scale } from '../../instrument/codebook.js';
import type { ScoredWave } from '../aggregate.js';
import { SCORED_SCALES } from '../score.js';
import { cronbachAlphaItems, iccOneWayGrouped, meanRwgJColumns } from '../stats/index.js';
import { attempt, countDistinct, draft, notEstimable, type Base, type Draft } from './estimate.js';
import { gather, scratch, select, selectInOrgs } from './select.js';

const ORIENTATION_ITEMS = ['org_1', 'org_2', 'org_3', 'org_4', 'mob_1', 'mob_2', 'mob_3', 'mob_4'];

export function measurement(sw: ScoredWave): Draft[] {
  return [...SCORED_SCALES.map((s) => alpha(sw, s)), ...agreement(sw)];
}

function alpha(sw: ScoredWave, scale: Scale): Draft {
  const base: Base = {
    id: `M.alpha.${scale.id}`,
    label: `Cronbach's alpha: ${scale.scoreName.replace(/_/g, ' ')} (${scale.items.length} items)`,
    population: 'respondents who answered every item of the scale',
    method: 'Raw Cronbach\'s alpha on listwise-complete respondents (reverse-coded items recoded first), Feldt F-based 95% CI.',
    confirmatory: false,
    scale: 'reliability',
  };
  const columns = scale.items.map((item) => sw.data.items[item]);
  const flips = scale.items.map((item) => (REVERSE_CODED.has(item) ? scale.min + scale.max : 0));
  const complete = select(sw, { answered: columns }, { transient: true });
  const nOrgs = countDistinct(sw.data.org, complete);
  return attempt(base, complete.length, nOrgs, complete.length, () => {
    // Read from the answer columns for the complete respondents, reverse-coded on the way: no copies.
    const a = cronbachAlphaItems(columns, flips, complete);
    return draft(base, { n: a.n, n_orgs: nOrgs, estimate: a.alpha, ci_low: a.ciLow, ci_high: a.ciHigh, p: null }, a.n, { items: scale.items.length });
  });
}

function agreement(sw: ScoredWave): Draft[] {
  const typed = sw.orgs.filter((o) => o.type !== null);
  // Index values stored organization by organization (offsets mark where each starts), and
  // each organization's orientation items as columns (NaN = unanswered) for rwg(j).
  const index = sw.index;
  const withIndex = selectInOrgs(sw, (o) => o.type !== null, { scored: [index] });
  const buffers = scratch(sw);
  const values = gather(sw.index, withIndex, buffers.f64(ORIENTATION_ITEMS.length));
  const offsets = new Int32Array(typed.length + 1);
  typed.forEach((o, g) => (offsets[g + 1] = offsets[g] + o.indexN));
  const itemCols = ORIENTATION_ITEMS.map((item) => sw.data.items[item]);
  // Each organization's answers are a view of its own rows of one scratch column per item.
  const itemGroups = typed.map((o) => itemCols.map((col, j) => answers(col, o.rec.start, o.rec.start + o.rec.respondents, buffers.f64(j))));
  const population = 'respondents with an orientation index, in organizations where at least k respondents have one';
  const make = (id: string, label: string, method: string): Base => ({ id, label, population, method, confirmatory: false, scale: 'agreement' });
  const icc1Base = make('M.icc1.orientation', 'ICC(1) of the orientation index by organization', 'One-way ANOVA of the respondent orientation index on organization; ICC(1) = (MSB − MSW)/(MSB + (k̃ − 1)MSW) with the adjusted mean group size k̃ (Bliese 2000). No CI.');
  const icc2Base = make('M.icc2.orientation', 'ICC(2): reliability of organization mean orientation index', 'ICC(2) = (MSB − MSW)/MSB from the same one-way ANOVA. No CI.');
  const rwgBase = make('M.rwg_j.orientation', 'Mean rwg(j) over organizations, eight orientation items', 'rwg(j) per organization over the eight orientation items (respondents answering all eight), uniform null for 5 options (variance 2), then averaged over organizations; details give the median.');
  if (typed.length < 2) {
    const why = `needs at least 2 organizations with k or more respondents who have an orientation index (got ${typed.length})`;
    return [notEstimable(icc1Base, values.length, typed.length, why), notEstimable(icc2Base, values.length, typed.length, why), notEstimable(rwgBase, values.length, typed.length, why)];
  }
  const iccDrafts = (() => {
    try {
      const r = iccOneWayGrouped(values, offsets);
      return [
        draft(icc1Base, { n: r.n, n_orgs: r.nGroups, estimate: r.icc1, ci_low: null, ci_high: null, p: null }, null, { ms_between: r.msBetween, ms_within: r.msWithin, group_size: r.groupSize }),
        draft(icc2Base, { n: r.n, n_orgs: r.nGroups, estimate: r.icc2, ci_low: null, ci_high: null, p: null }, null),
      ];
    } catch (err) {
      return [attempt(icc1Base, values.length, typed.length, null, () => { throw err; }), attempt(icc2Base, values.length, typed.length, null, () => { throw err; })];
    }
  })();
  const rwg = attempt(rwgBase, values.length, typed.length, null, () => {
    const r = meanRwgJColumns(itemGroups, 5);
    const used = r.perGroup.filter((v): v is number => v !== null).sort((a, b) => a - b);
    const median = used.length % 2 ? used[(used.length - 1) / 2] : (used[used.length / 2 - 1] + used[used.length / 2]) / 2;
    return draft(rwgBase, { n: values.length, n_orgs: r.nGroupsUsed, estimate: r.mean, ci_low: null, ci_high: null, p: null }, null, { median, organizations_used: r.nGroupsUsed });
  });
  return [...iccDrafts, rwg];
}

/** Answers from..to of one item as doubles, NaN where unanswered (stored as 0), in rows from..to of `into`. */
function answers(col: Uint8Array, from: number, to: number, into: Float64Array): Float64Array {
  const out = into.subarray(from, to);
  for (let i = from; i < to; i++) out[i - from] = col[i] === 0 ? NaN : col[i];
  return out;
}
