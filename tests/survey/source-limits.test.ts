// The limits per source over real loopback connections on each dialect (issue #19): each
// request comes from its own local address (127.0.x.y), as from different people. A flood
// of unknown codes from a hundred addresses never stops anyone with a valid code; an
// open-link flood from one address stops at its limit with 429 and Retry-After while
// another address still gets through; behind a trusted proxy, one guesser in an office is
// not the whole office. Bounded load, no timing assertions.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { startServer, type RunningServer } from '../../survey/server.js';
import { createTestDatabase, DIALECTS, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { FORM_ANSWERS, post, seedSurvey, type SurveyFixture } from './survey-fixture.js';

const ANSWERS = {
  role: 'organizer', tenure_years: 3, fte: 'full', race_white: 1, gender: 'woman', age_band: '35_44',
  org_1: 4, org_2: 4, org_3: 4, org_4: 4, mob_1: 2, mob_2: 2, mob_3: 2, mob_4: 2, sat_1: 2, sat_2r: 2, sat_3: 2,
  looking: 'no', stay_2y: 'yes',
};
const SECTIONS = ['work', 'you', 'organizing', 'mobilizing', 'bridge', 'culture', 'decisions', 'satisfaction', 'future', 'leaving', 'comment'];

/** Requests to the server over a fresh connection from `localAddress`, answered as a fetch Response. */
function client(port: number, localAddress: string, extraHeaders: Record<string, string> = {}) {
  return {
    request(path: string, init: RequestInit = {}): Promise<Response> {
      return new Promise((resolve, reject) => {
        const headers = { ...((init.headers ?? {}) as Record<string, string>), ...extraHeaders };
        const req = http.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', localAddress, agent: false, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: h }));
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(init.body === undefined || init.body === null ? undefined : String(init.body));
      });
    },
  };
}

/** Runs `jobs` with at most `width` at once, keeping their order. */
async function bounded<T>(jobs: (() => Promise<T>)[], width = 16): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  }));
  return out;
}

const guess = (i: number) => `GUESS${String(i).padStart(7, '0')}`;
const sendJson = (c: ReturnType<typeof client>, body: unknown) =>
  c.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

for (const dialect of DIALECTS) {
  describe(`limits per source over loopback (${dialect})`, () => {
    let t: TestDatabase;
    let fx: SurveyFixture;
    const servers: RunningServer[] = [];
    const serve = async (trustProxy?: number) => {
      const server = await startServer(createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET, trustProxy }, log: () => {} }), 0);
      servers.push(server);
      return server.port;
    };
    const stored = async (organizationId: string) =>
      Number((await t.handle.db.selectFrom('responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('organization_id', '=', organizationId).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      fx = await seedSurvey(t.handle.db, { codes: 12 });
    });
    afterAll(async () => {
      for (const s of servers) await s.close({ timeoutMs: 100 });
      await t.destroy();
    });

    it('lets valid codes through during a flood of unknown codes from 101 addresses', async () => {
      const port = await serve();
      const guessers = Array.from({ length: 101 }, (_, i) => client(port, `127.0.1.${i + 1}`));
      const people = Array.from({ length: 8 }, (_, i) => client(port, `127.0.2.${i + 1}`));
      // 12 unknown codes from each guesser, with a real person's valid code in among every 150 guesses.
      const jobs: (() => Promise<{ who: 'guess' | 'person'; status: number; retry: string | null }>)[] = [];
      for (let round = 0; round < 12; round++) {
        guessers.forEach((g, i) => jobs.push(async () => {
          const res = await g.request(`/s/${guess(round * 1000 + i)}`);
          await res.arrayBuffer();
          return { who: 'guess', status: res.status, retry: res.headers.get('retry-after') };
        }));
      }
      for (let p = 0; p < people.length; p++) {
        jobs.splice(150 * (p + 1), 0, async () => {
          const res = await people[p].request(`/s/${fx.codes[p]}`);
          await res.arrayBuffer();
          return { who: 'person', status: res.status, retry: null };
        });
      }
      const results = await bounded(jobs);
      const guesses = results.filter((r) => r.who === 'guess');
      expect(guesses.filter((r) => r.status === 404)).toHaveLength(101 * 10);
      const limited = guesses.filter((r) => r.status === 429);
      expect(limited).toHaveLength(101 * 2);
      for (const r of limited) expect(Number(r.retry)).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r.who === 'person').map((r) => r.status)).toEqual(Array(8).fill(200));

      // After the flood: a new address, the API, and a person never held up by others.
      expect((await client(port, '127.0.2.100').request(`/s/${fx.codes[8]}`)).status).toBe(200);
      expect((await sendJson(client(port, '127.0.2.101'), { code: fx.codes[9], lang: 'en', answers: ANSWERS })).status).toBe(201);

      // A guesser that used up its tries waits before any lookup, a valid code too (or it could tell a hit
      // from the wait), and is told in plain words how long: English and Spanish, never "this client".
      const blocked = await guessers[0].request(`/s/${fx.codes[10]}`);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const en = await blocked.text();
      expect(en).toContain('Please wait a moment, then open your link again');
      expect(en).toMatch(/tried from your internet connection.*Please wait (a minute|\d+ minutes)/s);
      expect(en).not.toMatch(/this client/i);
      const es = await client(port, '127.0.1.1', { 'accept-language': 'es' }).request(`/s/${guess(99_999)}`);
      expect(es.status).toBe(429);
      expect(es.headers.get('retry-after')).not.toBeNull();
      expect(await es.text()).toMatch(/desde su conexión a internet.*espere (un minuto|\d+ minutos)/s);
      const api = await sendJson(guessers[1], { code: fx.codes[10], lang: 'en', answers: ANSWERS });
      expect(api.status).toBe(429);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await api.json()) as { message: string }).message).toMatch(/from your address \(or network\).*Wait \d+ seconds/);
    });

    it('stops an open-link flood from one address at its limit with Retry-After, while another address gets through', async () => {
      const port = await serve();
      const flood = client(port, '127.0.3.1');
      const body = { open_token: fx.openToken, lang: 'en', answers: ANSWERS };
      const before = await stored(fx.organizationId);
      // A person fills the form from the flooding address, up to the review page, before the flood.
      let html = await (await flood.request(`/o/${fx.openToken}`)).text();
      html = await (await post(flood, html, 'start')).text();
      for (const section of SECTIONS) html = await (await post(flood, html, 'next', FORM_ANSWERS[section])).text();
      expect(html).toContain('Check your answers');

      const statuses = await bounded(Array.from({ length: 40 }, () => async () => {
        const res = await sendJson(flood, body);
        await res.arrayBuffer();
        return { status: res.status, retry: res.headers.get('retry-after') };
      }), 8);
      expect(statuses.filter((s) => s.status === 201)).toHaveLength(30);
      const refused = statuses.filter((s) => s.status === 429);
      expect(refused).toHaveLength(10);
      for (const r of refused) expect(Number(r.retry)).toBeGreaterThanOrEqual(1);
      expect(await stored(fx.organizationId)).toBe(before + 30);

      // The form's final page from the same address: refused, with its answers shown and the wait said.
      const page = await post(flood, html, 'submit');
      expect(page.status).toBe(429);
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const text = await page.text();
      expect(text).toContain('Too many surveys were sent from your connection');
      expect(text).toContain('More time for one-on-ones would help.');
      expect(await stored(fx.organizationId)).toBe(before + 30);

      // Another address: the same form goes through, and the API too.
      const other = client(port, '127.0.3.2');
      expect((await post(other, html, 'submit')).status).toBe(303);
      expect((await sendJson(other, body)).status).toBe(201);
      expect(await stored(fx.organizationId)).toBe(before + 32);
    });

    it('behind a trusted proxy, tells the people of one office apart; without the setting, believes no header', async () => {
      const trusted = await serve(1);
      const guesser = client(trusted, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
      for (let i = 0; i < 10; i++) expect((await guesser.request(`/s/${guess(5000 + i)}`)).status).toBe(404);
      expect((await guesser.request(`/s/${guess(5010)}`)).status).toBe(429);
      // A forged entry put in front by the guesser changes nothing: only the proxy's own entry counts.
      const forged = client(trusted, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
      expect((await forged.request(`/s/${guess(5011)}`)).status).toBe(429);
      // A colleague behind the same proxy (the same socket address) is not held up.
      const colleague = client(trusted, '127.0.0.1', { 'x-forwarded-for': '203.0.113.8' });
      expect((await colleague.request(`/s/${fx.codes[11]}`)).status).toBe(200);

      // Without ROOTWORK_TRUST_PROXY the header is ignored: every request is the proxy's address.
      const direct = await serve();
      const spoofer = (n: number) => client(direct, '127.0.4.1', { 'x-forwarded-for': `192.0.2.${n}` });
      for (let i = 0; i < 10; i++) expect((await spoofer(i).request(`/s/${guess(6000 + i)}`)).status).toBe(404);
      expect((await spoofer(99).request(`/s/${guess(6010)}`)).status).toBe(429);
    });
  });
}
