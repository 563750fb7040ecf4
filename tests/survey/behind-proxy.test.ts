// Behind a proxy that ends TLS, a browser without Sec-Fetch-Site sends `Origin: https://…`
// while Rootwork sees http://…: a survey form is Rootwork's own when the public URL or a
// trusted proxy's X-Forwarded-Proto says so, and still another site's when only an
// untrusted header claims it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../survey/app.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { post, seedSurvey, type SurveyFixture } from './survey-fixture.js';

describe('survey forms behind a TLS-terminating proxy', () => {
  let t: TestDatabase;
  let fx: SurveyFixture;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    fx = await seedSurvey(t.handle.db, { codes: 1 });
  });
  afterAll(async () => t.destroy());

  async function start(config: Partial<AppDeps['config']>, headers: Record<string, string>): Promise<number> {
    const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET, ...config }, log: () => {} });
    const page = await app.request(`http://rootwork.test/s/${fx.codes[0]}`);
    const html = (await page.text()).replace(/action="\//, 'action="http://rootwork.test/');
    return (await post(app, html, 'start', {}, headers)).status;
  }

  it('takes the form when the public URL or a trusted proxy says https, and refuses it otherwise', async () => {
    const https = { Origin: 'https://rootwork.test', 'X-Forwarded-Proto': 'https' };
    expect(await start({ publicUrl: 'https://rootwork.test' }, { Origin: 'https://rootwork.test' })).toBe(200);
    expect(await start({ trustProxy: 1 }, https)).toBe(200);
    expect(await start({}, https)).toBe(403);
    expect(await start({ trustProxy: 1 }, { Origin: 'https://evil.example', 'X-Forwarded-Proto': 'https' })).toBe(403);
  });
});
