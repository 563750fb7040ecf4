// The admin part of `rootwork demo`: a one-time admin sign-in link, and one organization's
// secret profile link (tokens are stored only as hashes, so each run makes new ones to
// print). The sign-in token starts one session and is then spent; each run first revokes
// the sign-in tokens of earlier runs, so demo runs never pile up live admin tokens.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';

export const DEMO_TOKEN_LABEL = 'demo sign-in (one-time)';
/** Labels earlier versions gave their demo tokens ("demo " and six code symbols). */
const OLD_DEMO_LABEL = /^demo [0-9A-HJKMNP-TV-Z]{6}$/;

/** Revokes every live admin token an earlier demo run made; returns how many. */
export async function revokeDemoTokens(db: Kysely<Database>): Promise<number> {
  const live = (await listAdminTokens(db)).filter((t) => t.revoked_on === null && (t.label === DEMO_TOKEN_LABEL || OLD_DEMO_LABEL.test(t.label)));
  for (const t of live) await revokeAdminToken(db, t.id);
  return live.length;
}

export async function printDemoAdminLinks(db: Kysely<Database>, secret: string, waveId: string, org: { id: string; code: string }, base: string, out: (line: string) => void): Promise<void> {
  await revokeDemoTokens(db);
  const { token } = await createAdminToken(db, secret, DEMO_TOKEN_LABEL, { oneTime: true });
  const profile = await createOrgLink(db, secret, waveId, org.id, 'profile');
  out(`Organization profile for ${org.code} (secret link): ${base}/p/${profile}`);
  out(`Admin pages (one-time sign-in link: it starts one session, then stops working): ${base}/admin/login?token=${token}`);
  out('  (for the JSON API, create a token of its own: rootwork admin create-token --label NAME)');
}
