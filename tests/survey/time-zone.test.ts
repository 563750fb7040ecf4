// Waves open and close at local midnight in their study's time zone, and a response's stored
// day is the local day. A wave in America/Los_Angeles closing 2026-11-30 takes a response at
// 23:30 that evening (07:30 UTC on 1 December), through the pages, the API and an open link,
// and stores it as 2026-11-30; after midnight there it refuses. The app's clock is set by
// the test (deps.clock): nothing waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createApp } from '../../survey/app.js';
import type { Database } from '../../data/database.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { closeWave, createStudy, createWave, openWave } from '../../data/repositories/studies.js';
import { createAdminToken } from '../../data/repositories/admin-tokens.js';
import { loadConfig } from '../../data/config.js';
import { csrfFor } from '../../survey/middleware/admin-auth.js';
import { createZoneDays } from '../../survey/respond/zone-days.js';
import { SAMPLE_ANSWERS } from '../kit/payload.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { FORM_ANSWERS, post } from './survey-fixture.js';

const ORDER = ['work', 'you', 'organizing', 'mobilizing', 'bridge', 'culture', 'decisions', 'satisfaction', 'future', 'leaving', 'comment'];
/** 23:30 on 30 November in Los Angeles (PST, UTC−8). */
const LA_2330 = new Date('2026-12-01T07:30:00Z');
/** One second past midnight there: 1 December. */
const LA_AFTER_MIDNIGHT = new Date('2026-12-01T08:00:01Z');

interface Seeded { waveId: string; codes: string[]; openToken: string }

let seeded = 0;
async function seed(db: Kysely<Database>, timeZone: string | undefined, wave: { opensOn?: string; closesOn?: string } = {}): Promise<Seeded> {
  seeded += 1;
  const study = await createStudy(db, { name: `Zone study ${seeded}`, timeZone });
  const w = await createWave(db, { studyId: study.id, name: 'Autumn', status: 'open', opensOn: wave.opensOn ?? '2026-11-01', closesOn: wave.closesOn ?? '2026-11-30' });
  const [org] = await createOrganizations(db, [{ studyId: study.id, name: `Zone org ${seeded}` }]);
  const { codes } = await issueInvites(db, TEST_SECRET, w.id, org.id, 4);
  const openToken = await createOrgLink(db, TEST_SECRET, w.id, org.id, 'open');
  return { waveId: w.id, codes, openToken };
}

for (const dialect of DIALECTS) {
  describe(`study time zone (${dialect})`, () => {
    let t: TestDatabase;
    let now = LA_2330;
    const app = () => createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {}, clock: () => now });
    const days = async (waveId: string) => (await t.handle.db.selectFrom('responses').select('received_on').where('wave_id', '=', waveId).execute()).map((r) => r.received_on);
    const api = (body: object) => app().request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
    });
    afterAll(async () => t.destroy());

    it('takes a response at 23:30 Los Angeles time on the closing day through the pages, and stores that local day', async () => {
      const la = await seed(t.handle.db, 'America/Los_Angeles');
      now = LA_2330;
      const a = app();
      let res = await a.request(`/s/${la.codes[0]}`);
      expect(res.status).toBe(200);
      let html = await res.text();
      res = await post(a, html, 'start');
      html = await res.text();
      for (const section of ORDER) {
        res = await post(a, html, 'next', FORM_ANSWERS[section]);
        expect(res.status, section).toBe(200);
        html = await res.text();
      }
      res = await post(a, html, 'submit');
      expect(res.status).toBe(303);
      expect(await days(la.waveId)).toEqual(['2026-11-30']);
    });

    it('takes it through the API and an open link too, and refuses all three after local midnight', async () => {
      const la = await seed(t.handle.db, 'America/Los_Angeles');
      now = LA_2330;
      const byCode = await api({ code: la.codes[1], lang: 'en', answers: SAMPLE_ANSWERS });
      expect(byCode.status).toBe(201);
      expect(await byCode.json()).toMatchObject({ received_on: '2026-11-30' });
      const byLink = await api({ open_token: la.openToken, lang: 'en', answers: SAMPLE_ANSWERS });
      expect(byLink.status).toBe(201);
      expect((await app().request(`/o/${la.openToken}`)).status).toBe(200);
      expect(await days(la.waveId)).toEqual(['2026-11-30', '2026-11-30']);

      now = LA_AFTER_MIDNIGHT;
      const page = await app().request(`/s/${la.codes[2]}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toMatch(/closed/i);
      const late = await api({ code: la.codes[2], lang: 'en', answers: SAMPLE_ANSWERS });
      expect(late.status).toBe(410);
      expect(((await late.json()) as { error: string }).error).toBe('closed');
      expect((await api({ open_token: la.openToken, lang: 'en', answers: SAMPLE_ANSWERS })).status).toBe(410);
      expect((await app().request(`/o/${la.openToken}`)).status).toBe(410);
      expect(await days(la.waveId)).toHaveLength(2);
      // The code refused after midnight was not spent.
      const unused = await t.handle.db.selectFrom('invites').select('used').where('wave_id', '=', la.waveId).where('used', '=', 0).execute();
      expect(unused).toHaveLength(3);
    });

    it('opens at local midnight of the opening day, not at UTC midnight', async () => {
      const la = await seed(t.handle.db, 'America/Los_Angeles', { opensOn: '2026-12-01', closesOn: '2026-12-31' });
      now = new Date('2026-12-01T07:59:59Z'); // 23:59:59 on 30 November there, already 1 December in UTC
      expect((await app().request(`/s/${la.codes[0]}`)).status).toBe(403);
      expect((await api({ code: la.codes[0], lang: 'en', answers: SAMPLE_ANSWERS })).status).toBe(403);
      now = new Date('2026-12-01T08:00:00Z');
      expect((await api({ code: la.codes[0], lang: 'en', answers: SAMPLE_ANSWERS })).status).toBe(201);
      expect(await days(la.waveId)).toEqual(['2026-12-01']);
    });

    it('keeps UTC days for a study without a zone: at the same instant, its wave closing 2026-11-30 is closed', async () => {
      const utc = await seed(t.handle.db, undefined);
      now = LA_2330;
      expect((await app().request(`/s/${utc.codes[0]}`)).status).toBe(410);
      const study = await t.handle.db.selectFrom('waves').innerJoin('studies', 'studies.id', 'waves.study_id').select('studies.time_zone').where('waves.id', '=', utc.waveId).executeTakeFirstOrThrow();
      expect(study.time_zone).toBe('UTC');
    });

    it('records the local day when a wave is opened or closed "today"', async () => {
      const study = await createStudy(t.handle.db, { name: 'Zone study open-close', timeZone: 'America/Los_Angeles' });
      const wave = await createWave(t.handle.db, { studyId: study.id, name: 'Draft' });
      const clock = () => LA_2330;
      expect((await openWave(t.handle.db, wave.id, {}, clock)).opens_on).toBe('2026-11-30');
      expect((await closeWave(t.handle.db, wave.id, {}, clock)).closes_on).toBe('2026-11-30');
      // Tokyo is already on 1 December at that instant.
      const tokyo = await createStudy(t.handle.db, { name: 'Zone study Tokyo', timeZone: 'asia/tokyo' });
      expect(tokyo.time_zone).toBe('Asia/Tokyo');
      const w2 = await createWave(t.handle.db, { studyId: tokyo.id, name: 'Draft' });
      expect((await openWave(t.handle.db, w2.id, {}, clock)).opens_on).toBe('2026-12-01');
    });

    it('refuses a time zone it does not know, with a message naming it, and creates nothing', async () => {
      const studies = async () => (await t.handle.db.selectFrom('studies').select('name').execute()).map((r) => r.name);
      await expect(createStudy(t.handle.db, { name: 'Bad zone', timeZone: 'Pacific/Atlantis' })).rejects.toThrow(/"Pacific\/Atlantis" is not a time zone this server knows: give an IANA name such as America\/Los_Angeles/);
      await expect(createStudy(t.handle.db, { name: 'Bad zone', timeZone: '+02:00' })).rejects.toThrow(/not a time zone/);

      const token = (await createAdminToken(t.handle.db, TEST_SECRET, 'zones')).token;
      const api = await app().request('/api/v1/admin/studies', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bad zone', time_zone: 'PST8PDT-ish' }) });
      expect(api.status).toBe(422);
      expect(JSON.stringify(await api.json())).toMatch(/time_zone.*not a time zone this server knows/);

      const login = await app().request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const form = new URLSearchParams({ name: 'Bad zone', time_zone: 'Mars/Olympus_Mons', _csrf: csrfFor(TEST_SECRET, cookie.split('=')[1]) });
      const page = await app().request('/admin/studies', { method: 'POST', headers: { Cookie: cookie }, body: form });
      expect(page.status).toBe(422);
      const html = await page.text();
      expect(html).toMatch(/href="#time_zone">&quot;Mars\/Olympus_Mons&quot; is not a time zone this server knows/);
      expect(html).toContain('value="Mars/Olympus_Mons"');
      expect(await studies()).not.toContain('Bad zone');

      // The page's own default, and a zone named on the form, are taken.
      const good = new URLSearchParams({ name: 'Good zone', time_zone: 'America/New_York', _csrf: csrfFor(TEST_SECRET, cookie.split('=')[1]) });
      expect((await app().request('/admin/studies', { method: 'POST', headers: { Cookie: cookie }, body: good })).status).toBe(303);
      const row = await t.handle.db.selectFrom('studies').select(['id', 'time_zone']).where('name', '=', 'Good zone').executeTakeFirstOrThrow();
      expect(row.time_zone).toBe('America/New_York');

      // Changing it later: refused the same way, with the study's zone left as it was.
      const change = (zone: string) => app().request(`/admin/studies/${row.id}/time-zone`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams({ time_zone: zone, _csrf: csrfFor(TEST_SECRET, cookie.split('=')[1]) }) });
      const bad = await change('Eastern');
      expect(bad.status).toBe(422);
      expect(await bad.text()).toMatch(/href="#study_time_zone">&quot;Eastern&quot; is not a time zone this server knows/);
      const ok = await change('Pacific/Honolulu');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('The time zone is now Pacific/Honolulu');
      expect((await t.handle.db.selectFrom('studies').select('time_zone').where('id', '=', row.id).executeTakeFirstOrThrow()).time_zone).toBe('Pacific/Honolulu');
    });
  });
}

describe('the API\'s day before a code is looked up', () => {
  it('is the day every study zone shares, none when they straddle midnight, and sees a new zone after the cache time', async () => {
    const t = await createTestDatabase('sqlite');
    try {
      let ms = 0;
      const zones = createZoneDays(5_000, () => ms);
      const db = t.handle.db;
      expect(await zones.sharedDay(db, LA_2330)).toBeUndefined();
      ms = 5_000;
      await createStudy(db, { name: 'LA', timeZone: 'America/Los_Angeles' });
      expect(await zones.sharedDay(db, LA_2330)).toBe('2026-11-30');
      await createStudy(db, { name: 'Denver', timeZone: 'America/Denver' });
      await createStudy(db, { name: 'Tokyo', timeZone: 'Asia/Tokyo' });
      ms = 9_999; // still the cached list: LA only
      expect(await zones.sharedDay(db, LA_2330)).toBe('2026-11-30');
      ms = 10_000; // re-read: Tokyo is on 1 December at that instant
      expect(await zones.sharedDay(db, LA_2330)).toBeUndefined();
      // At noon UTC, LA, Denver and Tokyo are all on 1 December.
      expect(await zones.sharedDay(db, new Date('2026-12-01T12:00:00Z'))).toBe('2026-12-01');
    } finally {
      await t.destroy();
    }
  });

  it('refuses a code after local midnight when every study is in Los Angeles (no lookup), and takes it before', async () => {
    const t = await createTestDatabase('sqlite');
    try {
      const la = await seed(t.handle.db, 'America/Los_Angeles');
      let now = LA_2330;
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: () => {}, clock: () => now });
      const send = (code: string) => app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, lang: 'en', answers: SAMPLE_ANSWERS }) });
      const ok = await send(la.codes[0]);
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ received_on: '2026-11-30' });
      now = LA_AFTER_MIDNIGHT;
      expect((await send(la.codes[1])).status).toBe(410);
    } finally {
      await t.destroy();
    }
  });
});

describe('ROOTWORK_TIME_ZONE', () => {
  it('defaults to UTC, takes an IANA zone, and refuses anything else naming the variable', () => {
    expect(loadConfig({ DATABASE_URL: ':memory:' }).timeZone).toBe('UTC');
    expect(loadConfig({ DATABASE_URL: ':memory:', ROOTWORK_TIME_ZONE: 'america/los_angeles' }).timeZone).toBe('America/Los_Angeles');
    expect(() => loadConfig({ DATABASE_URL: ':memory:', ROOTWORK_TIME_ZONE: 'California' })).toThrow(/^ROOTWORK_TIME_ZONE "California" is not a time zone this server knows: give an IANA name such as America\/Los_Angeles/);
  });

  it('is the zone new studies take from the admin pages and API when they name none', async () => {
    const t = await createTestDatabase('sqlite');
    try {
      const token = (await createAdminToken(t.handle.db, TEST_SECRET, 'default zone')).token;
      const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET, timeZone: 'America/Chicago' }, log: () => {} });
      const res = await app.request('/api/v1/admin/studies', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Defaulted' }) });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { study: { time_zone: string } }).study.time_zone).toBe('America/Chicago');
      const login = await app.request('/admin/login', { method: 'POST', body: new URLSearchParams({ token }) });
      const page = await app.request('/admin', { headers: { Cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] } });
      expect(await page.text()).toMatch(/id="time_zone"[^>]*value="America\/Chicago"|value="America\/Chicago"[^>]*id="time_zone"/);
    } finally {
      await t.destroy();
    }
  });
});
