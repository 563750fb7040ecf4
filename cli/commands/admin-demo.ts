// The admin part of `rootwork demo`: a fresh one-time admin token with its sign-in URL, and
// one organization's secret profile link (tokens are stored only as hashes, so each run
// makes new ones to print).
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { randomCode } from '../../data/ids.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { createOrgLink } from '../../data/repositories/links.js';

export async function printDemoAdminLinks(db: Kysely<Database>, secret: string, waveId: string, org: { id: string; code: string }, base: string, out: (line: string) => void): Promise<void> {
  const { token } = await createAdminToken(db, secret, `demo ${randomCode(6)}`);
  const profile = await createOrgLink(db, secret, waveId, org.id, 'profile');
  out(`Organization profile for ${org.code} (secret link): ${base}/p/${profile}`);
  out(`Admin pages: ${base}/admin/login?token=${token}`);
  out(`  (the token also works for the JSON API: Authorization: Bearer ${token}; revoke it with \`rootwork admin revoke-token ID\`)`);
}
