// Seeds a small synthetic study plus invite codes for the evidence tests: the codes (to
// submit with) and their keyed hashes (to check the database against) are both returned.
import type { DatabaseHandle } from '../../../data/connect.js';
import { openDatabase } from '../../../data/connect.js';
import { keyedHash } from '../../../data/ids.js';
import { migrateToLatest } from '../../../data/migrate.js';
import { issueInvites } from '../../../data/repositories/invites.js';
import { writeSyntheticStudy } from '../../../data/synthetic/write.js';
import { TEST_SECRET } from '../../helpers/databases.js';

export interface SeededStudy {
  waveId: string;
  organizationId: string;
  /** Invite codes as a respondent would type them. */
  codes: string[];
  inviteHashes: string[];
  seededResponses: number;
}

export interface SeedOptions {
  orgs?: number;
  invites?: number;
  secret?: string;
}

/** Writes a synthetic study and invites into an open, migrated database. */
export async function seedStudy(handle: DatabaseHandle, options: SeedOptions = {}): Promise<SeededStudy> {
  const secret = options.secret ?? TEST_SECRET;
  const result = await writeSyntheticStudy(handle.db, { orgs: options.orgs ?? 10, staffMin: 3, staffMax: 12, seed: 8 });
  const org = await handle.db
    .selectFrom('organizations')
    .select('id')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const { codes } = await issueInvites(handle.db, secret, result.waveId, org.id, options.invites ?? 100);
  return {
    waveId: result.waveId,
    organizationId: org.id,
    codes,
    inviteHashes: codes.map((c) => keyedHash(secret, c)),
    seededResponses: result.responses,
  };
}

/** Creates, migrates and seeds a SQLite file, then closes it. */
export async function seedSqliteStudy(file: string, options: SeedOptions = {}): Promise<SeededStudy> {
  const handle = await openDatabase(file);
  try {
    await migrateToLatest(handle.db);
    return await seedStudy(handle, options);
  } finally {
    await handle.close();
  }
}
