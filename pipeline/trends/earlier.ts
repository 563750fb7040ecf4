// The study's earlier waves as a run compares with them: each one's latest published
// release, read back from the ledger (never recomputed from today's data), or the reason it
// is left out. Rule on k: a wave is compared only when its release was published at the
// k of this run — every number shown then rests on groups of the same size rule, and the
// two releases' suppression patterns stay comparable.
import { z } from 'zod';
import type { PublishedWave } from '../../data/repositories/releases.js';
import type { Estimate, OrganizationSummary } from '../results.js';

/** What trends read of an earlier release's results.json (it may predate trends). */
export interface EarlierResults {
  study: { wave_id: string; wave_name: string; k: number; instrument_versions: string[] };
  participation: { organizations_reportable: number | null };
  confirmatory: Estimate[];
  organizations: OrganizationSummary[];
  scale_means?: Estimate[];
  codebook?: { item_versions: Record<string, string> };
}

export interface ComparedWave {
  waveId: string;
  name: string;
  opensOn: string | null;
  k: number;
  releaseId: string;
  results: EarlierResults;
}

export interface LeftOut {
  wave_id: string;
  name: string;
  reason: string;
}

// Loose: only the fields trends read are checked, so older releases still read.
const earlierSchema = z.looseObject({
  study: z.looseObject({ wave_id: z.string(), wave_name: z.string(), k: z.number(), instrument_versions: z.array(z.string()) }),
  participation: z.looseObject({ organizations_reportable: z.number().nullable() }),
  confirmatory: z.array(z.looseObject({ id: z.string(), estimate: z.number().nullable() })),
  organizations: z.array(z.looseObject({ code: z.string(), reportable: z.boolean(), scales: z.record(z.string(), z.number().nullable()) })),
  scale_means: z.array(z.looseObject({ id: z.string() })).optional(),
  codebook: z.looseObject({ item_versions: z.record(z.string(), z.string()) }).optional(),
});

/** Sorts the earlier waves into compared ones (oldest first) and left-out ones with their reasons. */
export function classifyEarlier(earlier: readonly PublishedWave[], run: { studyId: string; k: number }): { compared: ComparedWave[]; leftOut: LeftOut[] } {
  const compared: ComparedWave[] = [];
  const leftOut: LeftOut[] = [];
  for (const w of earlier) {
    const out = (reason: string) => leftOut.push({ wave_id: w.waveId, name: w.name, reason });
    if (w.studyId !== run.studyId) {
      out('it belongs to another study: waves of different studies are never compared');
      continue;
    }
    if (!w.release) {
      out(`it has no published release: publish a run of "${w.name}" (rootwork publish RUN_DIR) and rerun this wave's pipeline to compare with it`);
      continue;
    }
    if (w.release.k !== run.k) {
      out(`its release was published at k = ${w.release.k} and this run is at k = ${run.k}: waves are compared only at the same k (run this wave at k = ${w.release.k} if that is not below its own k, or publish "${w.name}" again at k = ${run.k})`);
      continue;
    }
    let parsed: EarlierResults;
    try {
      const check = earlierSchema.safeParse(JSON.parse(w.release.resultsJson));
      if (!check.success) {
        out(`its release ${w.release.id} does not hold readable results (${check.error.issues[0]?.path.join('.') || 'results'}: ${check.error.issues[0]?.message})`);
        continue;
      }
      parsed = check.data as unknown as EarlierResults;
    } catch (cause) {
      out(`its release ${w.release.id} does not hold valid JSON (${(cause as Error).message})`);
      continue;
    }
    if (parsed.study.wave_id !== w.waveId) {
      out(`its release ${w.release.id} holds the results of another wave (${parsed.study.wave_id})`);
      continue;
    }
    compared.push({ waveId: w.waveId, name: w.name, opensOn: w.opensOn, k: w.release.k, releaseId: w.release.id, results: parsed });
  }
  return { compared, leftOut };
}
