// Chart-ready series for the reports, each through disclosure control: the orientation
// map (reportable organizations only), outcomes of organizers by type × race, separation
// rates by type, retention curves and the other-roots correlations.
import type { ScaleId } from '../instrument/codebook.js';
import type { ScoredWave } from './aggregate.js';
import { countDistinct, groupSummary } from './analyze/estimate.js';
import { gather, gatherOrgs, ORGANIZER, releaseScratch, scratch, selectInOrgs } from './analyze/select.js';
import { separationSeries } from './analyze/separation.js';
import { survivalCurves } from './analyze/retention.js';
import { discloseGroups, type SuppressionLog } from './disclose.js';
import type { Estimate, GroupSummary, OrientationType, Results } from './results.js';

const TYPES: OrientationType[] = ['organizing', 'mobilizing', 'integrated', 'low'];
const OUTCOMES: { id: ScaleId; name: string }[] = [
  { id: 'sat', name: 'satisfaction_score' },
  { id: 'itl', name: 'intent_to_leave_score' },
];

export function buildSeries(sw: ScoredWave, roots: Estimate[], log: SuppressionLog): Results['series'] {
  const orientation_map = sw.orgs
    .filter((o) => o.rec.respondents >= sw.k && o.type !== null)
    .sort((a, b) => (a.rec.code < b.rec.code ? -1 : 1))
    .map((o) => ({ code: o.rec.code, organizing_score: o.organizingMean!, mobilizing_score: o.mobilizingMean!, poc_led: o.facts?.pocLed ?? null, orientation_type: o.type! }));
  const outcome_by_type_race = OUTCOMES.map((out) => {
    const y = sw.scores[out.id];
    const groups: GroupSummary[] = TYPES.flatMap((type) =>
      ([[1, 'poc'], [0, 'white']] as const).map(([poc, race]) => {
        const idx = selectInOrgs(sw, (o) => o.type === type, { role: ORGANIZER, poc, scored: [y] });
        const buffers = scratch(sw); // read by the group's summary, which keeps only numbers
        return groupSummary(`${type} · ${race}`, gather(y, idx, buffers.f64(0)), countDistinct(sw.data.org, idx), gatherOrgs(sw, idx, buffers.i32(1)));
      }),
    );
    return { outcome: out.name, groups: discloseGroups(groups, sw.k, `series.outcome_by_type_race.${out.name}`, log) };
  });
  releaseScratch(sw);
  return {
    orientation_map,
    outcome_by_type_race,
    // Profile counts, not staff answers; a type's pooled rate still needs k organizers of color behind it.
    separation_rates: discloseGroups(separationSeries(sw), sw.k, 'series.separation_rates', log),
    survival: survivalCurves(sw).map((c) => {
      if (c.withheld) log.suppressed.push({ id: `series.survival[${c.group}]`, reason: c.withheld.reason, rule: 'primary' });
      return c;
    }),
    roots,
  };
}
