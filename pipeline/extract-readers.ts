// The main thread's side of the extract reader threads (extract-reader.worker.mjs): a small
// pool, each thread with its own read-only connection to the SQLite file, taking chunk
// queries in turn. Results come back in the order asked, whatever order they finish in.
import { Worker } from 'node:worker_threads';

/** A chunk's rows as columns: what extract.ts fills the wave's arrays from. */
export interface ChunkColumns {
  rows: number;
  /** NaN where the row's tenure is not a number. */
  tenure: Float64Array;
  person: Float64Array;
  words: Float64Array[];
  versions: string[];
}

export interface ChunkQuery {
  sql: string;
  parameters: readonly unknown[];
}

export class ExtractReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractReadError';
  }
}

const WORKER_URL = new URL('./extract-reader.worker.mjs', import.meta.url);

export class ExtractReaders {
  readonly #workers: Worker[];
  readonly #waiting = new Map<number, { resolve(c: ChunkColumns): void; reject(e: Error): void }>();
  #next = 0;

  constructor(file: string, threads: number, readonly words: number) {
    this.#workers = Array.from({ length: threads }, () => {
      const worker = new Worker(WORKER_URL, { workerData: { file } });
      worker.on('message', (m: { id: number; columns?: ChunkColumns; error?: string }) => {
        const waiting = this.#waiting.get(m.id);
        this.#waiting.delete(m.id);
        if (m.error !== undefined || !m.columns) waiting?.reject(new ExtractReadError(`Reading responses failed: ${m.error}`));
        else waiting?.resolve(m.columns);
      });
      const fail = (error: Error) => {
        for (const w of this.#waiting.values()) w.reject(error);
        this.#waiting.clear();
      };
      worker.on('error', (error) => fail(new ExtractReadError(`An extract reader thread failed: ${error.message}`)));
      worker.on('exit', (code) => code !== 0 && fail(new ExtractReadError(`An extract reader thread stopped (exit code ${code}).`)));
      return worker;
    });
  }

  /** Queues a chunk query on the next thread in turn. */
  read(query: ChunkQuery): Promise<ChunkColumns> {
    const id = this.#next++;
    const worker = this.#workers[id % this.#workers.length];
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, sql: query.sql, parameters: query.parameters, words: this.words });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
