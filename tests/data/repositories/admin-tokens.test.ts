// Admin tokens on both dialects: shown once, stored only as a keyed hash, verified
// timing-safely, revoked by label or id, and never accepted after revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken, isAdminTokenActive, listAdminTokens, revokeAdminToken, verifyAdminToken } from '../../../data/repositories/admin-tokens.js';
import { keyedHash } from '../../../data/ids.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`admin tokens (${dialect})`, () => {
    let t: TestDatabase;
    beforeAll(async () => { t = await createTestDatabase(dialect); });
    afterAll(async () => t.destroy());

    it('stores only the keyed hash and verifies the token with the same secret only', async () => {
      const { token, info } = await createAdminToken(t.handle.db, TEST_SECRET, '  funder  ');
      expect(info.label).toBe('funder');
      const [row] = await t.handle.db.selectFrom('admin_tokens').selectAll().execute();
      expect(row.token_hash).toBe(keyedHash(TEST_SECRET, token));
      expect(JSON.stringify(row)).not.toContain(token.slice(4));
      expect((await verifyAdminToken(t.handle.db, TEST_SECRET, token))?.id).toBe(info.id);
      expect(await verifyAdminToken(t.handle.db, 'another-secret-0123456789', token)).toBeUndefined();
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, token.slice(0, -1))).toBeUndefined();
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, '')).toBeUndefined();
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, 'x'.repeat(500))).toBeUndefined();
    });

    it('refuses an empty or duplicate active label, revokes by label or id, and allows the label again after', async () => {
      await expect(createAdminToken(t.handle.db, TEST_SECRET, ' ')).rejects.toThrow(/needs a label/);
      await expect(createAdminToken(t.handle.db, TEST_SECRET, 'funder')).rejects.toThrow(/already labelled "funder"/);
      const second = await createAdminToken(t.handle.db, TEST_SECRET, 'analyst');
      const revoked = await revokeAdminToken(t.handle.db, 'funder');
      expect(revoked.revoked_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await isAdminTokenActive(t.handle.db, revoked.id)).toBe(false);
      await revokeAdminToken(t.handle.db, second.info.id);
      expect(await verifyAdminToken(t.handle.db, TEST_SECRET, second.token)).toBeUndefined();
      await expect(revokeAdminToken(t.handle.db, 'analyst')).rejects.toThrow(/No active admin token/);
      await createAdminToken(t.handle.db, TEST_SECRET, 'funder');
      const list = await listAdminTokens(t.handle.db);
      expect(list.map((l) => [l.label, l.revoked_on !== null])).toEqual(expect.arrayContaining([['funder', false], ['funder', true], ['analyst', true]]));
      expect(list.every((l) => !('token_hash' in l))).toBe(true);
    });
  });
}
