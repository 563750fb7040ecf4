// The general write of a batch of submissions, through Kysely in one transaction: claim the
// invite codes (`claimInvites`, a statement per day and few hundred codes), then insert the
// responses. It serves a SQLite database in memory, and any dialect when asked; the tests
// hold it to the same results as the SQLite thread and PostgreSQL's single statement.
import type { Kysely } from 'kysely';
import type { Database, NewResponse } from '../database.js';
import { claimInvites, refusalReason, selectInviteGates, type EntryProblem } from './invite-rule.js';
import { responseRow } from './response-body.js';
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

async function writeInTransaction(trx: Db, submissions: readonly Submission[]): Promise<SubmissionResult[]> {
  const { claimed, problems } = await claimAll(trx, submissions);
  const results: SubmissionResult[] = [];
  const rows: NewResponse[] = [];
  for (const s of submissions) {
    if (s.to.kind === 'known') {
      rows.push(responseRow(s.row, s.to.waveId, s.to.organizationId));
      results.push({ status: 'stored', id: s.row.id });
      continue;
    }
    // The first submission in the batch carrying a code takes its claim; a later one is refused.
    const claim = claimed.get(s.to.codeHash);
    if (!claim) {
      results.push({ status: 'refused', problem: problems.get(s.to.codeHash) ?? 'used' });
      continue;
    }
    claimed.delete(s.to.codeHash);
    rows.push(responseRow(s.row, claim.wave_id, claim.organization_id));
    results.push({ status: 'stored', id: s.row.id });
  }
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    await trx.insertInto('responses').values(rows.slice(i, i + MAX_ROWS_PER_INSERT)).execute();
  }
  return results;
}
