// The column reader on each dialect: a query's rows come back as columns, the same whether
// read on this thread or on reader threads (SQLite file); asked for threads, the threads do
// the reading, in turn; a query run once per value of a placeholder gives its rows in the
// values' order with a count per value; a query that fails on a thread fails with the
// database's reason and the thread's name; an in-memory SQLite database, which threads
// cannot open, is read here.
import { threadId } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../data/connect.js';
import { migrateToLatest } from '../../../data/migrate.js';
import { openColumnReader } from '../../../data/readers/column-reader.js';
import type { ColumnSpec } from '../../../data/readers/row-columns.mjs';
import { WorkerThreadError } from '../../../data/worker-client.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

const COLUMNS: ColumnSpec[] = [
  { name: 'study_id', kind: 'distinct' },
  { name: 'k', kind: 'numeric' },
  { name: 'twice', kind: 'number' },
];

for (const dialect of DIALECTS) {
  describe(`column reader (${dialect})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      await t.handle.db
        .insertInto('studies')
        .values(['s0', 's1', 's2'].map((id) => ({ id, name: id, created_on: '2026-01-01' })))
        .execute();
      await t.handle.db
        .insertInto('waves')
        .values(Array.from({ length: 12 }, (_, i) => ({ id: `w${String(i).padStart(2, '0')}`, study_id: `s${i % 3}`, name: `Wave ${i}`, status: 'draft' as const, k: 3 + i, created_on: '2026-01-01' })))
        .execute();
    });
    afterAll(async () => t.destroy());

    const query = (from: string, to: string) =>
      t.handle.db
        .selectFrom('waves')
        .select(['study_id', 'k', sql<number>`k * 2`.as('twice')])
        .where('id', '>=', from)
        .where('id', '<', to)
        .orderBy('id');

    it('reads a query’s rows as columns, here', async () => {
      const reader = openColumnReader(t.handle.db, COLUMNS);
      expect(reader.threads).toBe(0);
      const read = await reader.read(query('w00', 'w05'));
      await reader.close();
      expect(read.thread).toBe(threadId);
      expect(read.columns.rows).toBe(5);
      expect(Array.from(read.columns.numbers.k)).toEqual([3, 4, 5, 6, 7]);
      expect(Array.from(read.columns.numbers.twice)).toEqual([6, 8, 10, 12, 14]);
      expect(read.columns.distinct.study_id).toEqual(['s0', 's1', 's2']);
    });

    it('runs a query once per value of a placeholder, rows in the values’ order, counted per value', async () => {
      const PLACE = '\u0000study';
      const each = (reader: ReturnType<typeof openColumnReader>) =>
        reader.read(t.handle.db.selectFrom('waves').select(['study_id', 'k', sql<number>`k * 2`.as('twice')]).where('study_id', '=', PLACE).orderBy('id'), { placeholder: PLACE, values: ['s2', 'nobody', 's0'] });
      const readers = [openColumnReader(t.handle.db, COLUMNS), ...(dialect === 'sqlite' ? [openColumnReader(t.handle.db, COLUMNS, { threads: 1 })] : [])];
      try {
        for (const reader of readers) {
          const read = await each(reader);
          expect(read.counts).toEqual([4, 0, 4]);
          expect(Array.from(read.columns.numbers.k)).toEqual([5, 8, 11, 14, 3, 6, 9, 12]);
          expect(read.columns.distinct.study_id).toEqual(['s2', 's0']);
        }
        // The placeholder must be exactly one of the query's parameters.
        await expect(readers[0].read(query('w00', 'w05'), { placeholder: PLACE, values: ['s0'] })).rejects.toThrow('The query must take the placeholder');
      } finally {
        for (const reader of readers) await reader.close();
      }
    });

    if (dialect === 'sqlite') {
      it('reads on its threads, in turn, what it reads here', async () => {
        const here = openColumnReader(t.handle.db, COLUMNS);
        const threads = openColumnReader(t.handle.db, COLUMNS, { threads: 2 });
        try {
          expect(threads.threads).toBe(2);
          const ranges = [['w00', 'w03'], ['w03', 'w06'], ['w06', 'w09'], ['w09', 'w99']];
          const onThreads = await Promise.all(ranges.map(([a, b]) => threads.read(query(a, b))));
          const inline = await Promise.all(ranges.map(([a, b]) => here.read(query(a, b))));
          expect(onThreads.map((r) => r.columns)).toEqual(inline.map((r) => r.columns));
          const ids = onThreads.map((r) => r.thread);
          expect(ids).not.toContain(threadId);
          // Taken in turn: 1, 2, 1, 2.
          expect(new Set(ids).size).toBe(2);
          expect(ids[0]).toBe(ids[2]);
          expect(ids[1]).toBe(ids[3]);
        } finally {
          await threads.close();
          await here.close();
        }
      });

      it('fails a query the database refuses with its reason, naming the thread', async () => {
        const reader = openColumnReader(t.handle.db, [{ name: 'x', kind: 'numeric' }], { threads: 1 });
        try {
          const bad = t.handle.db.selectFrom('waves').select(sql<number>`no_such_column`.as('x'));
          const error = await reader.read(bad).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WorkerThreadError);
          expect((error as Error).message).toMatch(/^The column reader thread 1 of 1 could not serve a request: no such column: no_such_column/);
          // The thread serves on.
          const good = await reader.read(t.handle.db.selectFrom('waves').select(sql<number>`count(*)`.as('x')));
          expect(Array.from(good.columns.numbers.x)).toEqual([12]);
        } finally {
          await reader.close();
        }
      });

      it('reads an in-memory database here, even when asked for threads', async () => {
        const memory = await openDatabase(':memory:');
        try {
          await migrateToLatest(memory.db);
          await memory.db.insertInto('studies').values({ id: 'm', name: 'M', created_on: '2026-01-01' }).execute();
          const reader = openColumnReader(memory.db, [{ name: 'name', kind: 'distinct' }], { threads: 2 });
          expect(reader.threads).toBe(0);
          const read = await reader.read(memory.db.selectFrom('studies').select('name'));
          expect(read).toEqual({ columns: { rows: 1, numbers: {}, texts: {}, runs: {}, distinct: { name: ['M'] } }, thread: threadId });
          await reader.close();
        } finally {
          await memory.close();
        }
      });
    }

    it('refuses a thread count that is not a whole number', () => {
      expect(() => openColumnReader(t.handle.db, COLUMNS, { threads: -1 })).toThrow('Reader threads must be a whole number ≥ 0, not -1.');
      expect(() => openColumnReader(t.handle.db, COLUMNS, { threads: 1.5 })).toThrow(/not 1\.5/);
    });
  });
}
