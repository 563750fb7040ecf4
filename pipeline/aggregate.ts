// Aggregate: scores the extracted columns and reduces them per organization — orientation
// means and type, scale means, bridge answer counts — in one pass over typed arrays.
// Values of organizations under k are computed here and withheld later by disclose.ts.
//
// One definition of an organization's scale mean, used by every output: the mean over its
// respondents who have that scale's score — except that the organizing and mobilizing means
// are over the respondents who have an orientation index (both scores), so that the
// organization's index is both the mean of its respondents' indices (DESIGN.md) and exactly
// organizing − mobilizing, and its type, map position and `scales` agree.
import type { ScaleId } from '../instrument/codebook.js';
import { orientationType, type Thresholds } from './classify.js';
import { profileFacts, type ProfileFacts } from './profiles.js';
import type { OrientationType } from './results.js';
import { SCORED_SCALES, scoreColumns, type ScoreColumns } from './score.js';
import type { OrgRecord, WaveData } from './wave-data.js';

export const BRIDGE_ITEMS = ['br_1', 'br_2', 'br_3'] as const;
const ORGANIZING = SCORED_SCALES.find((sc) => sc.id === 'org')!.scoreName;
const MOBILIZING = SCORED_SCALES.find((sc) => sc.id === 'mob')!.scoreName;

export interface OrgAggregate {
  rec: OrgRecord;
  /** Respondents with an orientation index, and the means over exactly them. */
  indexN: number;
  index: number | null;
  /** The same numbers as scaleMean.organizing_score and scaleMean.mobilizing_score. */
  organizingMean: number | null;
  mobilizingMean: number | null;
  /** Only for organizations whose index rests on at least k respondents. */
  type: OrientationType | null;
  scaleN: Record<string, number>;
  scaleMean: Record<string, number | null>;
  /** Answers 1–5 per bridge item. */
  bridge: Record<string, number[]>;
  facts: ProfileFacts | null;
}

export interface ScoredWave {
  data: WaveData;
  k: number;
  thresholds: Thresholds;
  scores: ScoreColumns;
  index: Float64Array;
  orgs: OrgAggregate[];
  /** Per respondent: the organization's orientation index (NaN when its organization has no type). */
  orgIndex: Float64Array;
  /** Per respondent: 1 organizing-focused, 0 mobilizing-focused, −1 otherwise. */
  organizing: Int8Array;
}

export function aggregate(data: WaveData, k: number, thresholds: Thresholds): ScoredWave {
  const { scores, index } = scoreColumns(data.items, data.n);
  const s = scores as ScoreColumns;
  const exitsByOrg = new Map<string, WaveData['exits']>();
  for (const e of data.exits) {
    const list = exitsByOrg.get(e.organization_id);
    if (list) list.push(e);
    else exitsByOrg.set(e.organization_id, [e]);
  }
  // Columns hoisted out of the respondent loop: a lookup by scale name per respondent and
  // scale cost more than the arithmetic at a million respondents.
  const scaleCols = SCORED_SCALES.map((sc) => s[sc.id as ScaleId]);
  const bridgeCols = BRIDGE_ITEMS.map((b) => data.items[b]);
  const orientationScale = SCORED_SCALES.map((sc) => sc.id === 'org' || sc.id === 'mob');
  const orgs = data.orgs.map((rec): OrgAggregate => {
    const end = rec.start + rec.respondents;
    let indexN = 0;
    for (let i = rec.start; i < end; i++) if (!Number.isNaN(index[i])) indexN += 1;
    // Column by column: each sum still adds the organization's respondents in order.
    const counts = new Float64Array(scaleCols.length);
    const sums = new Float64Array(scaleCols.length);
    for (let j = 0; j < scaleCols.length; j++) {
      const col = scaleCols[j];
      const needsIndex = orientationScale[j];
      let n = 0;
      let sum = 0;
      for (let i = rec.start; i < end; i++) {
        const v = col[i];
        if (Number.isNaN(v) || (needsIndex && Number.isNaN(index[i]))) continue;
        n += 1;
        sum += v;
      }
      counts[j] = n;
      sums[j] = sum;
    }
    const bridgeCounts = bridgeCols.map((col) => {
      const c = [0, 0, 0, 0, 0];
      for (let i = rec.start; i < end; i++) {
        const v = col[i];
        if (v >= 1 && v <= 5) c[v - 1] += 1;
      }
      return c;
    });
    const scaleN: Record<string, number> = {};
    const scaleSum: Record<string, number> = {};
    SCORED_SCALES.forEach((sc, j) => {
      scaleN[sc.scoreName] = counts[j];
      scaleSum[sc.scoreName] = sums[j];
    });
    const bridge: Record<string, number[]> = Object.fromEntries(BRIDGE_ITEMS.map((b, j) => [b, bridgeCounts[j]]));
    const scaleMean: Record<string, number | null> = Object.fromEntries(Object.keys(scaleN).map((name) => [name, scaleN[name] > 0 ? scaleSum[name] / scaleN[name] : null]));
    const organizingMean = scaleMean[ORGANIZING];
    const mobilizingMean = scaleMean[MOBILIZING];
    const profile = data.profiles.get(rec.id);
    return {
      rec,
      indexN,
      organizingMean,
      mobilizingMean,
      index: organizingMean !== null && mobilizingMean !== null ? organizingMean - mobilizingMean : null,
      type: indexN >= k ? orientationType(organizingMean!, mobilizingMean!, thresholds) : null,
      scaleN,
      scaleMean,
      bridge,
      facts: profile ? profileFacts(profile, exitsByOrg.get(rec.id) ?? []) : null,
    };
  });
  const orgIndex = new Float64Array(data.n).fill(NaN);
  const organizing = new Int8Array(data.n).fill(-1);
  for (const o of orgs) {
    if (o.type === null) continue;
    const end = o.rec.start + o.rec.respondents;
    const flag = o.type === 'organizing' ? 1 : o.type === 'mobilizing' ? 0 : -1;
    orgIndex.fill(o.index!, o.rec.start, end);
    organizing.fill(flag, o.rec.start, end);
  }
  return { data, k, thresholds, scores: s, index, orgs, orgIndex, organizing };
}
