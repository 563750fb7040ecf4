// A wave's responses on each dialect: counts per organization, then chunks of about
// chunkRows responses whose rows come grouped by organization in the counts' order (the
// contract that lets the pipeline place rows by position); on a SQLite file, reader threads
// read a large wave by default, or when asked, and give the chunks read here.
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
    const readAll = async (options: Parameters<typeof readWaveResponses>[4]) => {
      const chunks: ResponseChunk[] = [];
      const counts = await countWaveResponses(t.handle.db, waveId);
      for await (const chunk of readWaveResponses(t.handle.db, waveId, counts, COLUMNS, options)) chunks.push(chunk);
      return chunks;
    };
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const study = await writeSyntheticStudy(t.handle.db, { orgs: 20, staffMin: 5, staffMax: 30, seed: 5 });
      waveId = study.waveId;
      total = study.responses;
    });
    afterAll(async () => t.destroy());

    it('counts each organization’s responses once, all of them', async () => {
      const counts = await countWaveResponses(t.handle.db, waveId);
      expect(counts.length).toBeGreaterThan(10);
      expect(new Set(counts.map((c) => c.organizationId)).size).toBe(counts.length);
      expect(counts.every((c) => Number.isInteger(c.responses) && c.responses > 0)).toBe(true);
      expect(counts.reduce((s, c) => s + c.responses, 0)).toBe(total);
      expect(await countWaveResponses(t.handle.db, 'no-such-wave')).toEqual([]);
    });

    it('reads chunks of about chunkRows, each organization’s rows together, in the counts’ order', async () => {
      const counts = await countWaveResponses(t.handle.db, waveId);
      const chunks = await readAll({ chunkRows: 40 });
      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.flatMap((c) => c.organizations)).toEqual(counts);
      for (const [i, chunk] of chunks.entries()) {
        const rows = chunk.organizations.reduce((s, o) => s + o.responses, 0);
        expect(chunk.columns.rows).toBe(rows);
        expect(chunk.thread).toBe(threadId);
        // Rows come grouped by organization, in the counts' order.
        expect(chunk.columns.distinct.organization_id).toEqual(chunk.organizations.map((o) => o.organizationId));
        // Every chunk but the last reaches chunkRows, and would not without its last organization.
        if (i < chunks.length - 1) {
          expect(rows).toBeGreaterThanOrEqual(40);
          expect(rows - chunk.organizations.at(-1)!.responses).toBeLessThan(40);
        }
        expect(Array.from(chunk.columns.numbers.received_year).every((y) => y >= 2000 && y < 2100)).toBe(true);
      }
      const tenures = chunks.flatMap((c) => Array.from(c.columns.numbers.tenure_years));
      expect(tenures).toHaveLength(total);
      const stored = await t.handle.db.selectFrom('responses').select('tenure_years').where('wave_id', '=', waveId).execute();
      const sortNumbers = (xs: number[]) => xs.sort((a, b) => a - b);
      expect(sortNumbers(tenures.filter((x) => !Number.isNaN(x)))).toEqual(sortNumbers(stored.flatMap((r) => (r.tenure_years === null ? [] : [r.tenure_years]))));
    });

    it('reads nothing for a wave without responses, and refuses a chunk size below one', async () => {
      const chunks: ResponseChunk[] = [];
      for await (const chunk of readWaveResponses(t.handle.db, 'no-such-wave', [], COLUMNS)) chunks.push(chunk);
      expect(chunks).toEqual([]);
      await expect(readAll({ chunkRows: 0 })).rejects.toThrow('chunkRows must be a whole number ≥ 1, not 0.');
    });

    if (dialect === 'sqlite') {
      it('reads on threads when asked, or by default for ten chunks or more, the chunks read here', async () => {
        const here = await readAll({ chunkRows: 40, threads: 0 });
        for (const options of [{ chunkRows: 40, threads: 2 }, { chunkRows: 10 }]) {
          const threaded = await readAll(options);
          if (options.threads === undefined) expect(threaded.length).toBeGreaterThanOrEqual(10);
          const ids = new Set(threaded.map((c) => c.thread));
          expect(ids.size).toBe(2);
          expect(ids.has(threadId)).toBe(false);
          if (options.chunkRows === 40) expect(threaded.map(({ organizations, columns }) => ({ organizations, columns }))).toEqual(here.map(({ organizations, columns }) => ({ organizations, columns })));
        }
        // Fewer than ten chunks: read here unless asked.
        expect(new Set(here.map((c) => c.thread))).toEqual(new Set([threadId]));
        const few = await readAll({ chunkRows: 60 });
        expect(few.length).toBeLessThan(10);
        expect(new Set(few.map((c) => c.thread))).toEqual(new Set([threadId]));
      });

      it('stops its threads when the reading loop is left early', async () => {
        const counts = await countWaveResponses(t.handle.db, waveId);
        let seen = 0;
        for await (const chunk of readWaveResponses(t.handle.db, waveId, counts, COLUMNS, { chunkRows: 20, threads: 2 })) {
          expect(chunk.thread).not.toBe(threadId);
          seen++;
          break;
        }
        expect(seen).toBe(1);
      });
    }
  });
}
