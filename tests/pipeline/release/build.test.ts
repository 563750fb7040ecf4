// The cell index against the analyses it describes: on a real synthetic study, each
// breakdown cell's member set has exactly the n the estimate or series reports, the
// organization cells count each organization's answers, every member of an organization
// cell belongs to it, and a breakdown cell from one organization carries its org in the key.
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { aggregate } from '../../../pipeline/aggregate.js';
import { DEFAULT_THRESHOLDS } from '../../../pipeline/classify.js';
import { extractWave } from '../../../pipeline/extract.js';
import { buildCells } from '../../../pipeline/release/build.js';
import type { GroupSummary } from '../../../pipeline/results.js';
import { runPipeline } from '../../../pipeline/run.js';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases.js';

let t: TestDatabase;
afterAll(async () => t?.destroy());

describe('cell index', () => {
  it('rests each published number on the respondents the analyses used', async () => {
    t = await createTestDatabase('sqlite');
    const { waveId } = await writeSyntheticStudy(t.handle.db, { orgs: 14, staffMin: 3, staffMax: 25, seed: 41 });
    const { results } = await runPipeline({ waveId, outDir: tempDir() }, { db: t.handle.db, log: () => {} });
    const sw = aggregate(await extractWave(t.handle.db, waveId), results.study.k, DEFAULT_THRESHOLDS);
    const { cells } = buildCells(sw, results);
    const byId = new Map(cells.map((c) => [c.id, c]));
    let checked = 0;
    for (const section of ['confirmatory', 'exploratory'] as const) {
      for (const e of results[section]) {
        const groups = e.details?.groups;
        // H4's groups are of organizations (means of published organization indices), not of respondents.
        if (!Array.isArray(groups) || e.id.startsWith('H4')) continue;
        if (!e.suppressed && e.n !== null) expect(byId.get(`${section}/${e.id}`)!.n, e.id).toBe(e.n);
        for (const g of groups as GroupSummary[]) {
          if (g.n === null) continue;
          expect(byId.get(`${section}/${e.id}[${g.group}]`)!.n, `${e.id}[${g.group}]`).toBe(g.n);
          checked++;
        }
      }
    }
    for (const s of results.series.outcome_by_type_race) {
      for (const g of s.groups) {
        if (g.n === null) continue;
        expect(byId.get(`series/outcome_by_type_race.${s.outcome}[${g.group}]`)!.n).toBe(g.n);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    for (const o of sw.orgs.filter((x) => x.rec.respondents >= sw.k)) {
      const code = o.rec.code;
      const bridge = byId.get(`org/${code}/bridge.br_2`)!;
      expect(bridge.n).toBe(o.bridge.br_2.reduce((a, b) => a + b, 0));
      expect(byId.get(`org/${code}/satisfaction_score`)!.n).toBe(o.scaleN.satisfaction_score);
      for (const i of bridge.members!) expect(sw.data.org[i]).toBe(sw.orgs.indexOf(o));
      expect(bridge.key).toBe(`wave=${waveId};var=br_2;org=${code}`);
    }
    // Breakdown cells from a single organization say so in their key.
    for (const c of cells) {
      if (!c.members || c.members.length === 0) continue;
      const orgs = new Set(Array.from(c.members, (i) => sw.data.org[i]));
      if (orgs.size === 1) expect(c.key, c.id).toMatch(new RegExp(`;org=${sw.orgs[[...orgs][0]].rec.code}(;|$)`));
      else expect(c.key, c.id).not.toMatch(/;org=/);
    }
    // Sorted, distinct member indices (the pass relies on it).
    for (const c of cells) if (c.members) for (let j = 1; j < c.members.length; j++) expect(c.members[j]).toBeGreaterThan(c.members[j - 1]);
  });
});
