// The secret profile link (/p/:token): an organization's contact fills in, saves as a draft
// and submits the organization profile for a wave. The token is looked up by keyed hash
// and never logged; the language comes from ?lang=, the form, or Accept-Language.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Lang, OrgLink } from '../../data/database.js';
import { checkProfile, emptyProfileValues, fromProfileRows, parseProfileFields, toProfileRows, type ProfileIssue } from '../../exchange/import/profile-fields.js';
import { findOrgLink } from '../../data/repositories/links.js';
import { getOrganization } from '../../data/repositories/organizations.js';
import { getProfile, saveProfile } from '../../data/repositories/profiles.js';
import { getWave } from '../../data/repositories/studies.js';
import type { AppEnv } from '../app.js';
import { limitBody } from '../middleware/body-limit.js';
import { sameSiteOnly } from '../middleware/csrf.js';
import { profileFormPage, profileMessagePage } from '../views/profile/form.js';
import { inlineMessage, profileSummary } from '../views/profile/summary.js';
import { PROFILE_TEXT } from '../views/profile/text.js';

/** The survey's limit: a complete profile with a full note is a few kilobytes. */
export const MAX_PROFILE_BYTES = 128 * 1024;

const tokenSchema = z.string().regex(/^[0-9A-Za-z]{24}$/);
const langSchema = z.enum(['en', 'es']);

export function pickLang(c: Context, fromForm?: string): Lang {
  const explicit = langSchema.safeParse(c.req.query('lang') ?? fromForm);
  if (explicit.success) return explicit.data;
  const header = c.req.header('Accept-Language') ?? '';
  const ranked = header.split(',').map((part) => {
    const [tag, q] = part.trim().split(';q=');
    return { tag: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) };
  }).filter((x) => x.tag === 'en' || x.tag === 'es').sort((a, b) => b.q - a.q);
  return (ranked[0]?.tag as Lang | undefined) ?? 'en';
}

/** The form posts to its own link with its language, so even a refusal (413, 403) speaks it. */
const formAction = (c: Context, lang: Lang) => `${c.req.path}?lang=${lang}`;

type Resolved = { link: OrgLink; lang: Lang } | { response: Response };

async function resolve(c: Context<AppEnv>, lang: Lang): Promise<Resolved> {
  const { db, config } = c.get('deps');
  const t = PROFILE_TEXT[lang];
  const token = tokenSchema.safeParse(c.req.param('token'));
  const link = token.success ? await findOrgLink(db, config.secret, token.data.toUpperCase(), 'profile') : undefined;
  if (!link) return { response: c.html(profileMessagePage({ lang, title: t.invalidLink, body: t.invalidLinkBody }), 404) };
  const wave = await getWave(db, link.wave_id);
  // After the wave closes the link leads to the organization's report, in the language chosen here.
  if (wave.status === 'closed') {
    const report = { href: `/p/${token.data}/report?lang=${lang}`, text: t.reportLink };
    return { response: c.html(profileMessagePage({ lang, title: t.closed, body: t.closedBody, link: report }), 409) };
  }
  return { link, lang };
}

function problemsOf(issues: ProfileIssue[], lang: Lang): Map<string, string> {
  const map = new Map<string, string>();
  // The first problem of a field is the one to fix first; later ones follow from it.
  for (const i of issues) if (!map.has(i.field)) map.set(i.field, inlineMessage(i, lang));
  return map;
}

export const profileRoutes = new Hono<AppEnv>()
  .get('/p/:token', async (c) => {
    const r = await resolve(c, pickLang(c));
    if ('response' in r) return r.response;
    const { db } = c.get('deps');
    const [org, wave, saved] = await Promise.all([getOrganization(db, r.link.organization_id), getWave(db, r.link.wave_id), getProfile(db, r.link.wave_id, r.link.organization_id)]);
    const values = saved ? fromProfileRows(saved.profile, saved.exits) : emptyProfileValues();
    const problems = saved ? problemsOf(checkProfile(values, 'draft'), r.lang) : new Map<string, string>();
    return c.html(profileFormPage({ lang: r.lang, action: formAction(c, r.lang), orgCode: org.code, waveName: wave.name, values, problems, status: saved?.profile.status ?? 'none', blocking: false }));
  })
  // The same body limit as the survey forms: a huge post must not grow the server.
  .post('/p/:token', limitBody({ maxBytes: MAX_PROFILE_BYTES, onTooLarge: (c) => {
    const lang = pickLang(c);
    const t = PROFILE_TEXT[lang];
    return c.html(profileMessagePage({ lang, title: t.tooLarge, body: t.tooLargeBody }), 413);
  } }))
  // Like the survey forms, the profile form refuses posts another site makes a browser send.
  .post('/p/:token', sameSiteOnly((c) => {
    const lang = pickLang(c);
    const t = PROFILE_TEXT[lang];
    return c.html(profileMessagePage({ lang, title: t.crossSite, body: t.crossSiteBody }), 403);
  }), async (c) => {
    const body = await c.req.parseBody();
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') raw[k] = v;
    const r = await resolve(c, pickLang(c, raw.lang));
    if ('response' in r) return r.response;
    const { db } = c.get('deps');
    const t = PROFILE_TEXT[r.lang];
    const mode = raw.action === 'submit' ? 'submit' : 'draft';
    const [org, wave, saved] = await Promise.all([getOrganization(db, r.link.organization_id), getWave(db, r.link.wave_id), getProfile(db, r.link.wave_id, r.link.organization_id)]);
    const parsed = parseProfileFields(raw);
    const checks = checkProfile(parsed.values, mode);
    const page = (status: 'none' | 'draft' | 'submitted', issues: ProfileIssue[], blocking: boolean, notice?: string) =>
      profileFormPage({ lang: r.lang, action: formAction(c, r.lang), orgCode: org.code, waveName: wave.name, values: parsed.values, problems: problemsOf(issues, r.lang), summary: profileSummary(issues, r.lang), status, blocking, notice });
    const before = saved?.profile.status ?? 'none';
    // Unreadable values are never saved, even in a draft: the contact would lose what they typed.
    if (parsed.issues.length > 0 || (mode === 'submit' && checks.length > 0)) {
      return c.html(page(before, [...parsed.issues, ...checks], true), 422);
    }
    const { profile, exits } = toProfileRows(wave.id, org.id, mode === 'submit' ? 'submitted' : 'draft', parsed.values);
    await saveProfile(db, profile, exits);
    if (mode === 'submit') return c.html(page('submitted', [], false, t.submitted));
    return c.html(page('draft', checks, false, checks.length > 0 ? t.draftWithProblems : t.draftSaved));
  });
