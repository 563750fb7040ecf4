// All analyses of a scored wave: measurement, the five confirmatory hypotheses and the
// exploratory family, whose p values are Holm-adjusted together here (before disclosure,
// so the family is the same whatever is later withheld).
import type { ScoredWave } from '../aggregate.js';
import { holm } from '../stats/index.js';
import { bridgeByType } from './bridge.js';
import { H1_BASE, H3_BASE, organizerContrast } from './contrast.js';
import type { Draft } from './estimate.js';
import { interaction } from './interaction.js';
import { leadershipContrast } from './leadership.js';
import { lookingModel } from './looking.js';
import { measurement } from './measurement.js';
import { retentionTests } from './retention.js';
import { rootCorrelations, rootsInH5 } from './roots.js';
import { releaseScratch } from './select.js';
import { separationRatio } from './separation.js';

export interface Analyses {
  measurement: Draft[];
  confirmatory: Draft[];
  exploratory: Draft[];
  /** Ids of the correlation estimates that also feed the roots chart. */
  roots: Draft[];
}

export function analyze(sw: ScoredWave): Analyses {
  const roots = rootCorrelations(sw);
  const exploratory = [lookingModel(sw), ...retentionTests(sw), ...roots, ...rootsInH5(sw), ...bridgeByType(sw)];
  adjustHolm(exploratory);
  const analyses = {
    measurement: measurement(sw),
    confirmatory: [organizerContrast(sw, 'sat', H1_BASE), separationRatio(sw), organizerContrast(sw, 'itl', H3_BASE), leadershipContrast(sw), interaction(sw)],
    exploratory,
    roots,
  };
  // Tens of megabytes at a million respondents that the release pass should not sit on.
  releaseScratch(sw);
  return analyses;
}

function adjustHolm(drafts: Draft[]): void {
  const tested = drafts.filter((d) => d.estimate.p !== null);
  if (tested.length === 0) return;
  const adjusted = holm(tested.map((d) => d.estimate.p!));
  tested.forEach((d, i) => (d.estimate.p_holm = adjusted[i]));
}
