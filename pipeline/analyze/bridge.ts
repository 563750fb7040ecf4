// Exploratory: the essay's three bridge questions by orientation type — each item's mean
// per type, and the organizing- minus mobilizing-focused difference by OLS with CR2 SEs by
// organization and Satterthwaite df (CR1 alongside).
import type { ScoredWave } from '../aggregate.js';
import { BRIDGE_ITEMS } from '../aggregate.js';
import type { GroupSummary, OrientationType } from '../results.js';
import { olsClusteredColumns } from '../stats/index.js';
import { CR2_HEADLINE, clusterDetails, headline } from './clustered.js';
import { attempt, countDistinct, draft, groupSummary, notEstimable, type Base, type Draft } from './estimate.js';
import { countWhere, gather, gatherOrgs, ones, scratch, selectInOrgs } from './select.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];
const WORDING: Record<string, string> = {
  br_1: 'organizing for its own sake',
  br_2: 'the mobilized pushed back to organizers',
  br_3: 'the organized mobilized to act',
};

export function bridgeByType(sw: ScoredWave): Draft[] {
  return BRIDGE_ITEMS.map((item) => {
    const base: Base = {
      id: `E.bridge.${item}`,
      label: `Bridge question ${item} (${WORDING[item]}): organizing- minus mobilizing-focused organizations`,
      population: 'all respondents who answered the item, in organizing- or mobilizing-focused organizations',
      method: `OLS of the item (1–5) on an organizing-focused indicator; ${CR2_HEADLINE}; means by all four types alongside. Exploratory: p Holm-adjusted with the other exploratory tests.`,
      confirmatory: false,
      scale: 'difference',
    };
    const col = sw.data.items[item];
    // Scratch columns: each is read by the statistic it is passed to and let go.
    const buffers = scratch(sw);
    const groups: GroupSummary[] = TYPES.map((type) => {
      const idx = selectInOrgs(sw, (o) => o.type === type, { answered: [col] }, { transient: true });
      return groupSummary(type, gather(col, idx, buffers.f64(0)), countDistinct(sw.data.org, idx), gatherOrgs(sw, idx, buffers.i32(1)));
    });
    const idx = selectInOrgs(sw, (o) => o.type === 'organizing' || o.type === 'mobilizing', { answered: [col] }, { transient: true });
    const nOrg = countWhere(sw.organizing, idx, 1);
    const minGroup = Math.min(nOrg, idx.length - nOrg);
    const nOrgs = countDistinct(sw.data.org, idx);
    if (nOrg === 0 || nOrg === idx.length) return notEstimable(base, idx.length, nOrgs, 'no answers from one of the two types', minGroup);
    return attempt(base, idx.length, nOrgs, minGroup, () => {
      const fit = olsClusteredColumns(gather(col, idx, buffers.f64(0)), [ones(idx.length), gather(sw.organizing, idx, buffers.f64(1))], gatherOrgs(sw, idx, buffers.i32(1)));
      const { values, cr2, cr1 } = headline(fit, 1);
      return draft(base, values, minGroup, { ...clusterDetails(cr2, cr1), groups });
    });
  });
}
