// The one-time submission token: random, made when a person starts the survey (carried in
// the signed form state) or chosen by an API client, and spent by the final submit. The
// database keeps only its keyed hash, scoped to the invite or open link it was sent to, in
// `submission_tokens`, written in the transaction that stores the response. A second final
// submit with the same token (a double click, a re-post after a restart, a client retrying)
// finds it there and stores nothing; the person is told the response is in.
//
// Why a keyed hash scoped to the link: the table links to nothing. Without the token (never
// stored) the hash names no code and no response, and the same token sent to two links
// counts as two submissions, so one client's reuse cannot swallow another's response.
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { hmac } from '../ids.js';

/** The keyed hash kept of a token sent to `scope` (an invite's or an open link's hashed scope). */
export function submissionTokenHash(secret: string, scope: string, token: string): string {
  return hmac(secret, `submission\u0000${scope}\u0000${token}`);
}

/** Whether a submission with this token hash has been stored. */
export async function tokenRecorded(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  const row = await db.selectFrom('submission_tokens').select('token_hash').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row !== undefined;
}

/** Which of these token hashes have been stored. */
export async function recordedTokens(db: Kysely<Database>, tokenHashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Hashes per IN list: well under every dialect's parameter limit.
  for (let i = 0; i < tokenHashes.length; i += 500) {
    const rows = await db.selectFrom('submission_tokens').select('token_hash').where('token_hash', 'in', tokenHashes.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.token_hash);
  }
  return found;
}
