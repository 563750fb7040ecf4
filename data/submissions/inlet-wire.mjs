// How submissions cross an inlet to the SQLite writer thread: each batch as ONE string of
// records (../wire.mjs), a record being a submission's ticket, code hash, day and body.
// Plain JavaScript, because the writer thread (sqlite-writer.worker.mjs) runs without a
// TypeScript loader; typed in inlet-wire.d.mts.
import { frameRecords, readRecords } from './wire.mjs';

/** @param {readonly { ticket: number; codeHash: string; day: string; json: string }[]} batch */
export function frameInletBatch(batch) {
  return frameRecords(batch.map((s) => [String(s.ticket), s.codeHash, s.day, s.json]));
}

/** @param {string} framed */
export function readInletBatch(framed) {
  return readRecords(framed, 4, 'inlet message').map(([ticket, codeHash, day, json]) => ({ ticket: Number(ticket), codeHash, day, json }));
}
