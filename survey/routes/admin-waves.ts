// Admin pages for a wave: open, close (only after a confirmation page), raise k;
// participation; invites (shown once, or as a CSV download), open and profile links;
// profile CSV import.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { importProfilesCsv } from '../../exchange/import/profiles-csv.js';
import { inviteLinksCsv, issueInviteBatch, orgInWave } from '../../data/repositories/invites.js';
import { issueOrgLink, setOrgLinkEnabled } from '../../data/repositories/links.js';
import { waveParticipation } from '../../data/repositories/participation.js';
import { setHeadcountCap } from '../../data/repositories/headcount.js';
import { ConflictError, InvalidInputError } from '../../data/errors.js';
import { closeWave, getStudy, getWave, openWave, raiseWaveK, waveTimeZone, waveToday } from '../../data/repositories/studies.js';
import { localDay } from '../../data/time-zone.js';
import type { AdminEnv } from '../middleware/admin-auth.js';
import { closeWavePage } from '../views/admin/close-wave.js';
import { issuedPage } from '../views/admin/issued.js';
import type { FieldError } from '../views/admin/shell.js';
import { wavePage } from '../views/admin/wave.js';
import { blankToUndefined, formStrings, optionalInt, pageErrors, uploadedCsv } from '../admin/forms.js';
import { publicOrigin } from '../middleware/origin.js';

type Status = 200 | 404 | 409 | 422 | 500 | 503 | 403;

async function renderWave(c: Context<AdminEnv>, waveId: string, extra: { errors?: FieldError[]; notice?: string; values?: Record<string, string> } = {}, status: Status = 200) {
  const { db } = c.get('deps');
  const participation = await waveParticipation(db, waveId);
  const study = await getStudy(db, participation.wave.study_id);
  return c.html(wavePage({ study, participation, csrf: c.get('csrf'), ...extra }), status);
}

/** Runs an action; on a typed error re-renders the wave page with the messages by their fields. */
async function act(c: Context<AdminEnv>, fields: Record<string, string>, values: Record<string, string>, action: () => Promise<Response | string>) {
  const waveId = c.req.param('waveId')!;
  try {
    const result = await action();
    return typeof result === 'string' ? renderWave(c, waveId, { notice: result }) : result;
  } catch (err) {
    const { status, errors } = pageErrors(err, fields);
    if (status === 404 && errors.length === 1 && errors[0].message.startsWith('No wave')) throw err;
    return renderWave(c, waveId, { errors, values }, status);
  }
}

/** The confirmation page for closing; a wave that is not open goes back to its page with the reason. */
async function confirmClose(c: Context<AdminEnv>, extra: { errors?: FieldError[]; values?: Record<string, string> } = {}, status: Status = 200) {
  const { db } = c.get('deps');
  const wave = await getWave(db, c.req.param('waveId')!);
  if (wave.status !== 'open') {
    const { status: code, errors } = pageErrors(new ConflictError(`The wave "${wave.name}" is ${wave.status}, not open: only an open wave can be closed.`));
    return renderWave(c, wave.id, { errors }, code);
  }
  const study = await getStudy(db, wave.study_id);
  return c.html(closeWavePage({ study, wave, today: await waveToday(db, wave.id, c.get('deps').clock), csrf: c.get('csrf'), ...extra }), status);
}

const orgForm = z.object({ org: z.string().default('') });
// The public URL when configured: a link made behind a proxy must not point at its back side.
const baseUrl = (c: Context<AdminEnv>) => publicOrigin(c, c.get('deps').config);

export const adminWavePages = new Hono<AdminEnv>()
  .get('/waves/:waveId', async (c) => renderWave(c, c.req.param('waveId')))
  .post('/waves/:waveId/open', async (c) => {
    const f = await formStrings(c);
    return act(c, { opens_on: 'opens_on', closes_on: 'closes_on', k: 'k' }, f, async () => {
      const w = await openWave(c.get('deps').db, c.req.param('waveId'), { opensOn: blankToUndefined(f.opens_on), closesOn: blankToUndefined(f.closes_on), k: optionalInt(f.k) }, c.get('deps').clock);
      return `The wave is open from ${w.opens_on} with k = ${w.k}.`;
    });
  })
  // Closing is confirmed on a page of its own that says what it does; a post without the
  // confirmation (an old form, a stray click) only shows that page.
  .get('/waves/:waveId/close', async (c) => confirmClose(c))
  .post('/waves/:waveId/close', async (c) => {
    const f = await formStrings(c);
    if (f.confirm !== 'yes') return confirmClose(c);
    const values = { close_on: f.closes_on ?? '' };
    try {
      const { db, clock } = c.get('deps');
      const day = blankToUndefined(f.closes_on);
      // Today where the study's staff are (its time zone), not on the server's clock.
      const zone = await waveTimeZone(db, c.req.param('waveId'));
      const today = localDay(zone, clock?.());
      if (day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) && day > today) {
        throw new InvalidInputError('Cannot close the wave', [{ path: 'closes_on', message: `The wave closes now, so the closing day cannot be later than today (${today} in ${zone}, the study's time zone).` }]);
      }
      const w = await closeWave(db, c.req.param('waveId'), { closesOn: day }, clock);
      return renderWave(c, w.id, { notice: `The wave is closed (closing day ${w.closes_on}). Its links no longer take answers; if that was a mistake, open it again from this page.` });
    } catch (err) {
      const { status, errors } = pageErrors(err, { closes_on: 'close_on' });
      if (status === 404) throw err;
      return confirmClose(c, { errors, values }, status);
    }
  })
  .post('/waves/:waveId/k', async (c) => {
    const f = await formStrings(c);
    return act(c, { k: 'new_k' }, { new_k: f.k ?? '' }, async () => {
      const w = await raiseWaveK(c.get('deps').db, c.req.param('waveId'), Number(f.k));
      return `k is now ${w.k}.`;
    });
  })
  .post('/waves/:waveId/invites', async (c) => {
    const f = await formStrings(c);
    const { org } = orgForm.parse(f);
    return act(c, { count: 'count' }, f, async () => {
      const { db, config } = c.get('deps');
      const batch = await issueInviteBatch(db, config.secret, { waveId: c.req.param('waveId'), orgCode: org, count: Number(f.count), revokeUnused: f.revoke_unused === '1' });
      const csv = inviteLinksCsv(baseUrl(c), batch);
      if (f.format === 'csv') {
        return c.body(csv, 201, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="invites-${batch.organization.code}.csv"` });
      }
      const revoked = batch.revoked > 0 ? ` ${batch.revoked} unused earlier codes no longer work.` : '';
      return c.html(issuedPage({
        title: `${batch.codes.length} invite links for ${batch.organization.code}`,
        intro: `Single-use survey links for ${batch.organization.name}.${revoked}`,
        links: batch.codes.map((code, i) => ({ label: `Invite ${i + 1}`, url: `${baseUrl(c)}/s/${code}` })),
        csv, back: `/admin/waves/${batch.wave.id}`, csrf: c.get('csrf'),
      }), 201);
    });
  })
  .post('/waves/:waveId/headcount-cap', async (c) => {
    const f = await formStrings(c);
    const { org } = orgForm.parse(f);
    return act(c, { headcount_cap: 'headcount_cap' }, { cap_org: org, headcount_cap: f.headcount_cap ?? '' }, async () => {
      const { db } = c.get('deps');
      const wave = await getWave(db, c.req.param('waveId'));
      const o = await orgInWave(db, wave, org);
      const raw = blankToUndefined(f.headcount_cap);
      const set = await setHeadcountCap(db, o.code, raw === undefined ? null : Number(raw));
      return set.headcount_cap === null
        ? `${set.code} has no headcount cap now: its profile's start headcount, if any, bounds it.`
        : `${set.code} takes at most ${set.headcount_cap} responses and invites in every wave.`;
    });
  })
  .post('/waves/:waveId/open-link', async (c) => {
    const f = await formStrings(c);
    const { org } = orgForm.parse(f);
    return act(c, {}, {}, async () => {
      const { db, config } = c.get('deps');
      if (f.enabled === '0') {
        const wave = await getWave(db, c.req.param('waveId'));
        const o = await orgInWave(db, wave, org);
        await setOrgLinkEnabled(db, wave.id, o.id, 'open', false);
        return `The open link of ${o.code} is off.`;
      }
      const { token, organization, wave } = await issueOrgLink(db, config.secret, c.req.param('waveId'), org, 'open');
      return c.html(issuedPage({
        title: `Open survey link for ${organization.code}`,
        intro: `Anyone with this link can answer for ${organization.name}; any earlier open link no longer works.`,
        links: [{ label: organization.code, url: `${baseUrl(c)}/o/${token}` }], back: `/admin/waves/${wave.id}`, csrf: c.get('csrf'),
      }), 201);
    });
  })
  .post('/waves/:waveId/profile-link', async (c) => {
    const { org } = orgForm.parse(await formStrings(c));
    return act(c, {}, {}, async () => {
      const { db, config } = c.get('deps');
      const { token, organization, wave } = await issueOrgLink(db, config.secret, c.req.param('waveId'), org, 'profile');
      return c.html(issuedPage({
        title: `Profile link for ${organization.code}`,
        intro: `Send it to the contact of ${organization.name} only; any earlier profile link no longer works.`,
        links: [{ label: organization.code, url: `${baseUrl(c)}/p/${token}` }], back: `/admin/waves/${wave.id}`, csrf: c.get('csrf'),
      }), 201);
    });
  })
  .post('/waves/:waveId/profiles/import', async (c) =>
    act(c, { file: 'profiles_csv' }, {}, async () => {
      const r = await importProfilesCsv(c.get('deps').db, c.req.param('waveId'), await uploadedCsv(c));
      return `Imported ${r.imported} profiles (${r.replaced} replaced earlier ones).`;
    }));
