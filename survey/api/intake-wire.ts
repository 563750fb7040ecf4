// How the requests bound for the intake thread cross to it: all of them as ONE string of
// records (data/wire.mjs), a record being a request's ticket, inlet, id, day, secret and
// body, so the request thread pays for one copy of a string, not one per field.
import { frameRecords, readRecords } from '../../data/submissions/wire.mjs';
import type { ParseContext } from '../respond/submission-parse.js';

export interface IntakeItem extends ParseContext {
  text: string;
  /** Names the request in the answer, wherever that answer comes from. */
  ticket: number;
  /** The registered inlet a valid body with an invite code goes on to (0: none). */
  inlet: number;
}

export function frameItems(items: readonly IntakeItem[]): string {
  return frameRecords(items.map((i) => [String(i.ticket), String(i.inlet), i.id, i.receivedOn, i.secret, i.text]));
}

export function readItems(framed: string): IntakeItem[] {
  return readRecords(framed, 6, 'intake message').map(([ticket, inlet, id, receivedOn, secret, text]) => ({ ticket: Number(ticket), inlet: Number(inlet), id, receivedOn, secret, text }));
}
