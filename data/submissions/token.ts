// The one-time submission token: random, made when a person starts the survey (carried in
// the signed form state) or chosen by an API client, and spent by the final submit. The
// database keeps only its keyed hash, scoped to the invite or open link it was sent to,
// written in the transaction that stores the response: for an invite, in the invite's own
// row, by the statement that claims it (`invites.token_hash`); for an open link, which has
// no row to claim, in `submission_tokens`. A second final submit with the same token (a
// double click, a re-post after a restart, a client retrying) stores nothing; the person is
// told the response is in. For an invite that is seen only once its claim is refused: the
// row holds that token's hash, or (a submission stored before invites held them)
// `submission_tokens` does. A stored invite submission's happy path reads no token at all.
//
// Why a keyed hash scoped to the link: it links to nothing. Without the token (never
// stored) the hash names no code and no response, and the same token sent to two links
// counts as two submissions, so one client's reuse cannot swallow another's response. In an
// invite row it says only what `used` already says: this code was answered.
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { hmac } from '../ids.js';

type Db = Kysely<Database>;

// Hashes per IN list: well under every dialect's parameter limit.
const MAX_PER_STATEMENT = 500;

/** The keyed hash kept of a token sent to `scope` (an invite's or an open link's hashed scope). */
export function submissionTokenHash(secret: string, scope: string, token: string): string {
  return hmac(secret, `submission\u0000${scope}\u0000${token}`);
}

/**
 * Whether a submission with this token hash has been stored: through the invite `codeHash`
 * (its row, then `submission_tokens` for one stored before invites held them), or through an
 * open link (no code: `submission_tokens`).
 */
export async function tokenRecorded(db: Db, tokenHash: string, codeHash?: string): Promise<boolean> {
  if (codeHash !== undefined) {
    const row = await db.selectFrom('invites').select('token_hash').where('code_hash', '=', codeHash).executeTakeFirst();
    if (row?.token_hash === tokenHash) return true;
  }
  return (await recordedTokens(db, [tokenHash])).has(tokenHash);
}

/** Which of these token hashes are in `submission_tokens`. */
export async function recordedTokens(db: Db, tokenHashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < tokenHashes.length; i += MAX_PER_STATEMENT) {
    const rows = await db.selectFrom('submission_tokens').select('token_hash').where('token_hash', 'in', tokenHashes.slice(i, i + MAX_PER_STATEMENT)).execute();
    for (const r of rows) found.add(r.token_hash);
  }
  return found;
}

/** A refused invite submission: its code, and its token's hash if it carried one. */
export interface RefusedClaim {
  codeHash: string;
  tokenHash?: string;
}

/**
 * Which token hashes of these refused invite submissions replay a stored submission: the
 * invite's row (`rowTokens`: code hash to the row's token_hash, read after the refusal) holds
 * the hash, or else `submission_tokens` does (stored before invites held them).
 */
export async function replayedClaims(db: Db, refused: readonly RefusedClaim[], rowTokens: ReadonlyMap<string, string | null>): Promise<Set<string>> {
  const replayed = new Set<string>();
  const unmatched = new Set<string>();
  for (const r of refused) {
    if (r.tokenHash === undefined) continue;
    if (rowTokens.get(r.codeHash) === r.tokenHash) replayed.add(r.tokenHash);
    else unmatched.add(r.tokenHash);
  }
  for (const hash of await recordedTokens(db, [...unmatched])) replayed.add(hash);
  return replayed;
}
