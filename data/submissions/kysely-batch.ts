// The general write of a batch of submissions, through Kysely in one transaction: claim the
// invite codes (`claimInvites`, a statement per day and few hundred codes, each claim
// recording its submission's token hash in the invite row), then insert the responses and
// the token hashes of open-link submissions. The first submission in the batch carrying a
// code takes its claim. A refused invite submission whose token hash the invite row holds
// (claimed earlier, by this batch or a concurrent one) or `submission_tokens` holds (stored
// before invites held them) is answered 'replayed'; an open-link submission whose token is
// already recorded, or taken by an earlier submission of the batch, likewise.
// It serves a SQLite database in memory, and any dialect when asked (on a SQLite file it
// leaves the log to SQLite's own checkpoints and never VACUUMs: the service writes a file
// through the thread, sqlite-thread.ts, which does both); the tests hold it to the same
// results as the SQLite thread and PostgreSQL's single statement.
import type { Kysely } from 'kysely';
import type { Database, NewResponse } from '../database.js';
import { claimInvites, findRefusals, refusalReason, type InviteClaim } from './invite-rule.js';
import { responseRow } from './response-body.js';
import { recordedTokens, replayedClaims } from './token.js';
import type { BatchPath, Submission, SubmissionResult } from './writer.js';

type Db = Kysely<Database>;

// A response row has ~60 columns; SQLite allows 32,766 bound parameters per statement.
const MAX_ROWS_PER_INSERT = 400;
// Codes per claim (two parameters each) or token hashes per insert: well under every dialect's parameter limit.
const MAX_CODES_PER_STATEMENT = 500;

export function kyselyPath(db: Db): BatchPath {
  return { write: (submissions) => db.transaction().execute((trx) => writeInTransaction(trx, submissions)) };
}

/** Where each claimed code belongs: its wave and organization, keyed by code hash. */
type Claimed = Map<string, { wave_id: string; organization_id: string }>;

/** Claims each code for the first submission carrying it; returns those claimed. */
async function claimAll(trx: Db, first: readonly Submission[]): Promise<Claimed> {
  const byDay = new Map<string, InviteClaim[]>();
  for (const s of first) {
    if (s.to.kind !== 'invite') continue;
    const claims = byDay.get(s.to.day) ?? [];
    claims.push({ codeHash: s.to.codeHash, tokenHash: s.tokenHash ?? null });
    byDay.set(s.to.day, claims);
  }
  const claimed: Claimed = new Map();
  for (const [day, claims] of byDay) {
    for (let i = 0; i < claims.length; i += MAX_CODES_PER_STATEMENT) {
      for (const r of await claimInvites(trx, claims.slice(i, i + MAX_CODES_PER_STATEMENT), day).execute()) claimed.set(r.code_hash, r);
    }
  }
  return claimed;
}

/** Per open-link submission: whether it replays a stored one or an earlier one of the batch. */
async function openLinkReplays(trx: Db, submissions: readonly Submission[]): Promise<boolean[]> {
  const tokens = submissions.flatMap((s) => (s.to.kind === 'known' && s.tokenHash !== undefined ? [s.tokenHash] : []));
  const seen = await recordedTokens(trx, [...new Set(tokens)]);
  return submissions.map((s) => {
    if (s.to.kind !== 'known' || s.tokenHash === undefined) return false;
    if (seen.has(s.tokenHash)) return true;
    seen.add(s.tokenHash);
    return false;
  });
}

async function writeInTransaction(trx: Db, submissions: readonly Submission[]): Promise<SubmissionResult[]> {
  const replayed = await openLinkReplays(trx, submissions);
  // The first submission carrying each code is the one its claim is made for.
  const firstOfCode = new Map<string, Submission>();
  for (const s of submissions) if (s.to.kind === 'invite' && !firstOfCode.has(s.to.codeHash)) firstOfCode.set(s.to.codeHash, s);
  const claimed = await claimAll(trx, [...firstOfCode.values()]);
  const takes = (s: Submission) => s.to.kind === 'invite' && firstOfCode.get(s.to.codeHash) === s && claimed.has(s.to.codeHash);
  // Only refusals pay for a second look: why, and whether they replay a stored submission.
  // On PostgreSQL a code a concurrent transaction claimed is read here as it committed.
  const refused = submissions.flatMap((s) => (s.to.kind === 'invite' && !takes(s) ? [{ codeHash: s.to.codeHash, tokenHash: s.tokenHash, day: s.to.day }] : []));
  const rows = await findRefusals(trx, [...new Set(refused.map((r) => r.codeHash))]);
  const replays = await replayedClaims(trx, refused, new Map([...rows].map(([code, r]) => [code, r.token_hash])));

  const results: SubmissionResult[] = [];
  const responses: NewResponse[] = [];
  const tokens: { token_hash: string }[] = [];
  for (const [i, s] of submissions.entries()) {
    if (replayed[i]) {
      results.push({ status: 'replayed' });
    } else if (s.to.kind === 'known') {
      responses.push(responseRow(s.row, s.to.waveId, s.to.organizationId));
      if (s.tokenHash !== undefined) tokens.push({ token_hash: s.tokenHash });
      results.push({ status: 'stored', id: s.row.id });
    } else if (takes(s)) {
      const claim = claimed.get(s.to.codeHash)!;
      responses.push(responseRow(s.row, claim.wave_id, claim.organization_id));
      results.push({ status: 'stored', id: s.row.id });
    } else if (s.tokenHash !== undefined && replays.has(s.tokenHash)) {
      results.push({ status: 'replayed' });
    } else {
      results.push({ status: 'refused', problem: refusalReason(rows.get(s.to.codeHash), s.to.day) });
    }
  }
  // An open-link token recorded meanwhile by a concurrent transaction (PostgreSQL) breaks the
  // unique key and fails the batch; the writer then retries each alone, and the replay is recognised.
  for (let i = 0; i < tokens.length; i += MAX_CODES_PER_STATEMENT) {
    await trx.insertInto('submission_tokens').values(tokens.slice(i, i + MAX_CODES_PER_STATEMENT)).execute();
  }
  for (let i = 0; i < responses.length; i += MAX_ROWS_PER_INSERT) {
    await trx.insertInto('responses').values(responses.slice(i, i + MAX_ROWS_PER_INSERT)).execute();
  }
  return results;
}
