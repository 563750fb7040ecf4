// The request log never holds a survey code, open-link token or profile token, however the
// path spells it: any case, trailing slash, percent-encoded (one letter or the slash
// itself), doubled slashes, a query string, a code pasted as the whole path, /api paths.
// Each form is sent to the real app; every line it logs is searched for the secret, after
// decoding and with everything but letters and digits removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../survey/app.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createTestDatabase, TEST_SECRET, type TestDatabase } from '../helpers/databases.js';
import { seedSurvey } from './survey-fixture.js';

/** Every percent-encoded spelling worth trying of one secret. */
function encodings(secret: string): string[] {
  const all = [...secret].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return [all, all.toLowerCase(), `%${secret.charCodeAt(0).toString(16)}${secret.slice(1)}`];
}

function pathForms(prefix: 's' | 'o' | 'p', secret: string): string[] {
  const P = prefix.toUpperCase();
  const hex = prefix.charCodeAt(0).toString(16);
  const forms = [
    `/${prefix}/${secret}`, `/${P}/${secret}`, `/${prefix}/${secret.toLowerCase()}`,
    `/${prefix}/${secret}/`, `/${P}/${secret}/`, `/${prefix}/${secret}/done`, `/${P}/${secret}/done/`,
    `/%${hex}/${secret}`, `/%${hex.toUpperCase()}/${secret}`, `/${prefix}%2F${secret}`, `/${prefix}%2f${secret}`,
    `//${prefix}/${secret}`, `/${prefix}//${secret}`, `/${prefix}/${secret}?lang=es`, `/${prefix}/${secret};x=1`,
    `/${prefix}/${secret.slice(0, 4)}-${secret.slice(4, 8)}-${secret.slice(8)}`,
    `/${secret}`, `/${secret}/`, `/api/v1/responses/${secret}`, `/api/v1/${prefix}/${secret}`, `/api/v1/admin/${secret}`, `/admin/${secret}`,
  ];
  for (const enc of encodings(secret)) forms.push(`/${prefix}/${enc}`, `/${P}/${enc}/`);
  return forms;
}

function safeDecode(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    try {
      out = decodeURIComponent(out);
    } catch {
      break;
    }
  }
  return out;
}

/** The secret appears in a line in any case, encoding or with separators between its symbols. */
function leaks(line: string, secret: string): boolean {
  const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return squash(line).includes(squash(secret)) || squash(safeDecode(line)).includes(squash(secret));
}

describe('request log', () => {
  let t: TestDatabase;
  let secrets: { prefix: 's' | 'o' | 'p'; value: string }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    const fx = await seedSurvey(t.handle.db, { codes: 1 });
    const profile = await createOrgLink(t.handle.db, TEST_SECRET, fx.waveId, fx.organizationId, 'profile');
    secrets = [{ prefix: 's', value: fx.codes[0] }, { prefix: 'o', value: fx.openToken }, { prefix: 'p', value: profile }];
  });
  afterAll(async () => t.destroy());

  it('never logs a code or token, whatever the path form and method', async () => {
    const lines: string[] = [];
    const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: (l) => lines.push(l) });
    let sent = 0;
    for (const { prefix, value } of secrets) {
      for (const path of pathForms(prefix, value)) {
        for (const method of ['GET', 'POST', 'HEAD']) {
          const body = method === 'POST' ? new URLSearchParams({ _csrf: 'x', _state: 'y', _action: 'next' }) : undefined;
          await app.request(`http://rootwork.test${path}`, { method, body });
          sent += 1;
        }
      }
    }
    // The API carries a code in its body, never in the log either.
    await app.request('/api/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: secrets[0].value, answers: {} }) });
    sent += 1;
    expect(lines).toHaveLength(sent);
    for (const line of lines) {
      for (const { value } of secrets) expect(leaks(line, value), line).toBe(false);
      expect(line).toMatch(/^(GET|POST|HEAD) \/\S* \d{3} \d+ms$/);
    }
    // Answered routes are logged by their pattern: still useful to whoever runs the service.
    expect(lines).toContain(lines.find((l) => l.startsWith('GET /s/:ref 200')));
    expect(lines.some((l) => l.startsWith('GET /p/:token') || l.startsWith('GET /p/:ref'))).toBe(true);
  });

  it('keeps the known words of a path it could not route, and hides every other segment', async () => {
    const lines: string[] = [];
    const app = createApp({ db: t.handle.db, writer: t.writer, config: { secret: TEST_SECRET }, log: (l) => lines.push(l) });
    await app.request('/admin/studies/x/nope/ABCDEF123456');
    await app.request('/s%2FABCDEF123456');
    // Refused by the admin guard before any route answered: known words kept, the rest hidden.
    expect(lines[0]).toMatch(/^GET \/admin\/studies\/…\/…\/… 401 \d+ms$/);
    expect(lines[1]).toMatch(/^GET \/… 404/);
  });
});
