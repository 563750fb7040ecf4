// The general write of a batch of submissions, through Kysely in one transaction: claim the
// invite codes (`claimInvites`, a statement per day and few hundred codes), then insert the
// responses and the hashes of their tokens. A submission whose token is already recorded, or
// taken by an earlier submission of the batch, claims nothing and is answered 'replayed'.
// It serves a SQLite database in memory, and any dialect when asked (on a SQLite file it
// leaves the log to SQLite's own checkpoints and never VACUUMs: the service writes a file
// through the thread, sqlite-thread.ts, which does both); the tests hold it to the same
// results as the SQLite thread and PostgreSQL's single statement.
import type { Kysely } from 'kysely';
import type { Database, NewResponse } from '../database.js';
import { claimInvites, refusalReason, selectInviteGates, type EntryProblem } from './invite-rule.js';
import { responseRow } from './response-body.js';
import { recordedTokens } from './token.js';
import type { BatchPath, Submission, SubmissionResult } from './writer.js';

type Db = Kysely<Database>;

// A response row has ~60 columns; SQLite allows 32,766 bound parameters per statement.
const MAX_ROWS_PER_INSERT = 400;
// Hashes per IN list: well under every dialect's parameter limit.
const MAX_CODES_PER_STATEMENT = 500;

export function kyselyPath(db: Db): BatchPath {
  return { write: (submissions) => db.transaction().execute((trx) => writeInTransaction(trx, submissions)) };
}

/** Where each claimed code belongs: its wave and organization, keyed by code hash. */
type Claimed = Map<string, { wave_id: string; organization_id: string }>;

async function claimAll(trx: Db, submissions: readonly Submission[]): Promise<{ claimed: Claimed; problems: Map<string, EntryProblem> }> {
  const byDay = new Map<string, Set<string>>();
  for (const s of submissions) {
    if (s.to.kind !== 'invite') continue;
    const hashes = byDay.get(s.to.day) ?? new Set<string>();
    hashes.add(s.to.codeHash);
    byDay.set(s.to.day, hashes);
  }
  const claimed: Claimed = new Map();
  const refused: { hash: string; day: string }[] = [];
  for (const [day, set] of byDay) {
    const hashes = [...set];
    for (let i = 0; i < hashes.length; i += MAX_CODES_PER_STATEMENT) {
      for (const r of await claimInvites(trx, hashes.slice(i, i + MAX_CODES_PER_STATEMENT), day).execute()) claimed.set(r.code_hash, r);
    }
    for (const hash of hashes) if (!claimed.has(hash)) refused.push({ hash, day });
  }
  // Only refusals pay for a second look, to say why.
  const problems = new Map<string, EntryProblem>();
  for (let i = 0; i < refused.length; i += MAX_CODES_PER_STATEMENT) {
    const slice = refused.slice(i, i + MAX_CODES_PER_STATEMENT);
    const rows = new Map((await selectInviteGates(trx, slice.map((r) => r.hash)).execute()).map((r) => [r.code_hash, r]));
    for (const r of slice) problems.set(r.hash, refusalReason(rows.get(r.hash), r.day));
  }
  return { claimed, problems };
}

/** Per submission: whether it replays a stored one or an earlier one of the batch. */
async function replays(trx: Db, submissions: readonly Submission[]): Promise<boolean[]> {
  const seen = await recordedTokens(trx, [...new Set(submissions.flatMap((s) => (s.tokenHash === undefined ? [] : [s.tokenHash])))]);
  return submissions.map((s) => {
    if (s.tokenHash === undefined) return false;
    if (seen.has(s.tokenHash)) return true;
    seen.add(s.tokenHash);
    return false;
  });
}

async function writeInTransaction(trx: Db, submissions: readonly Submission[]): Promise<SubmissionResult[]> {
  const replayed = await replays(trx, submissions);
  const fresh = submissions.filter((_, i) => !replayed[i]);
  const { claimed, problems } = await claimAll(trx, fresh);
  // A code a concurrent transaction claimed (PostgreSQL) may have been claimed by this same
  // submission sent twice: its token, committed meanwhile, is visible to a new statement.
  const lateReplays = await recordedTokens(trx, fresh.flatMap((s) => (s.to.kind === 'invite' && s.tokenHash !== undefined && !claimed.has(s.to.codeHash) ? [s.tokenHash] : [])));
  const results: SubmissionResult[] = [];
  const rows: NewResponse[] = [];
  const tokens: { token_hash: string }[] = [];
  for (const [i, s] of submissions.entries()) {
    if (replayed[i]) {
      results.push({ status: 'replayed' });
      continue;
    }
    if (s.to.kind === 'known') {
      rows.push(responseRow(s.row, s.to.waveId, s.to.organizationId));
      if (s.tokenHash !== undefined) tokens.push({ token_hash: s.tokenHash });
      results.push({ status: 'stored', id: s.row.id });
      continue;
    }
    // The first submission in the batch carrying a code takes its claim; a later one is refused.
    const claim = claimed.get(s.to.codeHash);
    if (!claim) {
      results.push(s.tokenHash !== undefined && lateReplays.has(s.tokenHash) ? { status: 'replayed' } : { status: 'refused', problem: problems.get(s.to.codeHash) ?? 'used' });
      continue;
    }
    claimed.delete(s.to.codeHash);
    rows.push(responseRow(s.row, claim.wave_id, claim.organization_id));
    if (s.tokenHash !== undefined) tokens.push({ token_hash: s.tokenHash });
    results.push({ status: 'stored', id: s.row.id });
  }
  // A token recorded meanwhile by a concurrent transaction (PostgreSQL) breaks the unique key
  // and fails the batch; the writer then retries each alone, and the replay is recognised.
  for (let i = 0; i < tokens.length; i += MAX_CODES_PER_STATEMENT) {
    await trx.insertInto('submission_tokens').values(tokens.slice(i, i + MAX_CODES_PER_STATEMENT)).execute();
  }
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    await trx.insertInto('responses').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)).execute();
  }
  return results;
}
