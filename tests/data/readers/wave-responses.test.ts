// A wave's responses on each dialect: chunks of consecutive organizations in the order
// asked, of about chunkRows responses once the first chunk has shown the rate, each chunk's
// rows grouped by organization and counted (the contract that lets the pipeline place rows
// by position without counting the wave first); on a SQLite file, reader threads read the
// rest of a large wave by default, or all of it when asked, and give what is read here.
import { threadId } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { countWaveResponses, readWaveResponses, type ResponseChunk, type ResponseColumn } from '../../../data/readers/wave-responses.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

const COLUMNS: ResponseColumn[] = [
  { name: 'organization_id', kind: 'distinct' },
  { name: 'tenure_years', kind: 'number' },
  { name: 'received_year', kind: 'numeric', expression: sql<number>`cast(substr(received_on, 1, 4) as integer)` },
];

for (const dialect of DIALECTS) {
  describe(`wave responses (${dialect})`, () => {
    let t: TestDatabase;
    let waveId = '';
    let total = 0;
    /** The study's organizations, in an order of the test's own (reversed JS order): the reader keeps whatever order it is given. */
    let ids: string[] = [];
    const readAll = async (options: Parameters<typeof readWaveResponses>[4]) => {
      const chunks: ResponseChunk[] = [];
      for await (const chunk of readWaveResponses(t.handle.db, waveId, ids, COLUMNS, options)) chunks.push(chunk);
      return chunks;
    };
    const tenuresOf = (chunks: ResponseChunk[]) => chunks.flatMap((c) => Array.from(c.columns.numbers.tenure_years));
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const study = await writeSyntheticStudy(t.handle.db, { orgs: 60, staffMin: 5, staffMax: 30, seed: 5 });
      waveId = study.waveId;
      total = study.responses;
      ids = (await t.handle.db.selectFrom('organizations').select('id').execute()).map((o) => o.id).sort().reverse();
    });
    afterAll(async () => t.destroy());

    it('counts each organization’s responses once, all of them', async () => {
      const counts = await countWaveResponses(t.handle.db, waveId);
      expect(counts.length).toBeGreaterThan(40);
      expect(new Set(counts.map((c) => c.organizationId)).size).toBe(counts.length);
      expect(counts.every((c) => Number.isInteger(c.responses) && c.responses > 0)).toBe(true);
      expect(counts.reduce((s, c) => s + c.responses, 0)).toBe(total);
      expect(await countWaveResponses(t.handle.db, 'no-such-wave')).toEqual([]);
    });

    it('reads every response once, in chunks of consecutive organizations in the order asked, each organization’s rows together with its count', async () => {
      const counts = await countWaveResponses(t.handle.db, waveId);
      const chunks = await readAll({ chunkRows: 40, threads: 0 });
      expect(chunks.length).toBeGreaterThan(3);
      // Every organization with responses, with its count, once.
      const read = chunks.flatMap((c) => c.organizations);
      expect(new Map(read.map((o) => [o.organizationId, o.responses]))).toEqual(new Map(counts.map((o) => [o.organizationId, o.responses])));
      expect(read).toHaveLength(counts.length);
      expect(chunks.reduce((s, c) => s + c.covers, 0)).toBe(ids.length);
      let after = -1;
      for (const chunk of chunks) {
        expect(chunk.columns.rows).toBe(chunk.organizations.reduce((s, o) => s + o.responses, 0));
        expect(chunk.thread).toBe(threadId);
        // Rows come grouped by organization, in the order `organizations` lists.
        expect(chunk.columns.distinct.organization_id).toEqual(chunk.organizations.map((o) => o.organizationId));
        // A chunk's organizations come after the last chunk's in the order asked.
        const places = chunk.organizations.map((o) => ids.indexOf(o.organizationId)).sort((a, b) => a - b);
        expect(places[0]).toBeGreaterThan(after);
        after = places.at(-1)!;
        expect(Array.from(chunk.columns.numbers.received_year).every((y) => y >= 2000 && y < 2100)).toBe(true);
      }
      // On SQLite the rows come in the order asked, organization by organization.
      if (dialect === 'sqlite') expect(read.map((o) => o.organizationId)).toEqual(ids.filter((id) => counts.some((c) => c.organizationId === id)));
      const tenures = tenuresOf(chunks);
      expect(tenures).toHaveLength(total);
      const stored = await t.handle.db.selectFrom('responses').select('tenure_years').where('wave_id', '=', waveId).execute();
      const sortNumbers = (xs: number[]) => xs.sort((a, b) => a - b);
      expect(sortNumbers(tenures.filter((x) => !Number.isNaN(x)))).toEqual(sortNumbers(stored.flatMap((r) => (r.tenure_years === null ? [] : [r.tenure_years]))));
    });

    it('sizes later chunks by the responses per organization of the earlier ones', async () => {
      // The first chunk takes a fixed sample of organizations; then about chunkRows responses a chunk.
      const small = await readAll({ chunkRows: 25 });
      const large = await readAll({ chunkRows: 1000 });
      expect(large).toHaveLength(2);
      expect(small.length).toBeGreaterThan(4);
      const later = small.slice(1, -1).map((c) => c.columns.rows);
      expect(Math.max(...later)).toBeLessThan(25 + 30);
    });

    it('reads nothing for no organizations or a wave without responses, and refuses a chunk size below one', async () => {
      const chunks: ResponseChunk[] = [];
      for await (const chunk of readWaveResponses(t.handle.db, waveId, [], COLUMNS)) chunks.push(chunk);
      expect(chunks).toEqual([]);
      for await (const chunk of readWaveResponses(t.handle.db, 'no-such-wave', ids, COLUMNS)) chunks.push(chunk);
      expect(chunks.every((c) => c.columns.rows === 0 && c.organizations.length === 0)).toBe(true);
      await expect(readAll({ chunkRows: 0 })).rejects.toThrow('chunkRows must be a whole number ≥ 1, not 0.');
    });

    if (dialect === 'sqlite') {
      it('reads on threads when asked, or by default the rest of a wave of ten chunks or more, what it reads here', async () => {
        const here = await readAll({ chunkRows: 40, threads: 0 });
        expect(new Set(here.map((c) => c.thread))).toEqual(new Set([threadId]));
        const asked = await readAll({ chunkRows: 40, threads: 2 });
        const ids = new Set(asked.map((c) => c.thread));
        expect(ids.size).toBe(2);
        expect(ids.has(threadId)).toBe(false);
        expect(asked.flatMap((c) => c.organizations)).toEqual(here.flatMap((c) => c.organizations));
        expect(tenuresOf(asked)).toEqual(tenuresOf(here));
        // By default the first chunk is read here; it tells a wave of ten chunks or more, whose rest the threads read.
        const byDefault = await readAll({ chunkRows: 10 });
        expect(byDefault.length).toBeGreaterThanOrEqual(10);
        expect(byDefault[0].thread).toBe(threadId);
        const rest = new Set(byDefault.slice(1).map((c) => c.thread));
        expect(rest.size).toBe(2);
        expect(rest.has(threadId)).toBe(false);
        expect(tenuresOf(byDefault)).toEqual(tenuresOf(here));
        // Less than ten chunks' worth after the first: read here unless asked.
        const few = await readAll({ chunkRows: 200 });
        expect(few.length).toBeGreaterThan(1);
        expect(new Set(few.map((c) => c.thread))).toEqual(new Set([threadId]));
      });

      it('stops its threads when the reading loop is left early', async () => {
        let seen = 0;
        for await (const chunk of readWaveResponses(t.handle.db, waveId, ids, COLUMNS, { chunkRows: 20, threads: 2 })) {
          expect(chunk.thread).not.toBe(threadId);
          seen++;
          break;
        }
        expect(seen).toBe(1);
      });
    }
  });
}
