// Admin JSON API for organizations of a study and their part in a wave: add one or import a
// CSV, issue invite codes (answered with the links CSV, shown once), open and profile links,
// participation, the headcount cap, and profile imports. Mounted inside api-admin.ts, behind its token check.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AdminEnv } from '../middleware/admin-auth.js';
import { addOrganizations, importOrganizationsCsv } from '../../exchange/import/organizations-csv.js';
import { importProfilesCsv } from '../../exchange/import/profiles-csv.js';
import { InvalidInputError } from '../../data/errors.js';
import { inviteLinksCsv, issueInviteBatch, orgInWave } from '../../data/repositories/invites.js';
import { issueOrgLink, setOrgLinkEnabled } from '../../data/repositories/links.js';
import { listOrganizations } from '../../data/repositories/organizations.js';
import { waveParticipation } from '../../data/repositories/participation.js';
import { getStudy, getWave } from '../../data/repositories/studies.js';
import { headcountCapSchema, invitesSchema, jsonBody, openLinkSchema, organizationCreateSchema } from '../openapi/admin-schemas.js';
import { publicOrigin } from '../middleware/origin.js';
import { setHeadcountCap } from '../../data/repositories/headcount.js';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

const csvLimit = bodyLimit({
  maxSize: MAX_CSV_BYTES,
  onError: (c) => c.json({ error: 'invalid_input', message: `The CSV is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into smaller files.` }, 413),
});

/** The raw CSV text of a request: a text/csv body. */
async function csvBody(c: Context): Promise<string> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'text/csv' && type !== 'text/plain') {
    throw new InvalidInputError('Send the CSV file itself as the request body with `Content-Type: text/csv` (UTF-8).');
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InvalidInputError('The CSV is not UTF-8 text: in your spreadsheet, save it as "CSV UTF-8".', [{ path: 'body', message: String((cause as Error).message) }]);
  }
}

/** Links are built on the address the admin used, so they work behind the same host name. */
// The public URL when configured: a link made behind a proxy must not point at its back side.
const baseUrl = (c: Context<AdminEnv>) => publicOrigin(c, c.get('deps').config);

export const apiAdminOrgRoutes = new Hono<AdminEnv>()
  .get('/studies/:studyId/organizations', async (c) => {
    const { db } = c.get('deps');
    const study = await getStudy(db, c.req.param('studyId'));
    return c.json({ organizations: await listOrganizations(db, study.id) });
  })
  .post('/studies/:studyId/organizations', jsonBody(organizationCreateSchema), async (c) => {
    const [organization] = await addOrganizations(c.get('deps').db, c.req.param('studyId'), [c.req.valid('json')]);
    return c.json({ organization }, 201);
  })
  .post('/studies/:studyId/organizations/import', csvLimit, async (c) => {
    const organizations = await importOrganizationsCsv(c.get('deps').db, c.req.param('studyId'), await csvBody(c));
    return c.json({ imported: organizations.length, organizations }, 201);
  })
  .post('/waves/:waveId/organizations/:code/invites', jsonBody(invitesSchema), async (c) => {
    const { db, config } = c.get('deps');
    const body = c.req.valid('json');
    const batch = await issueInviteBatch(db, config.secret, { waveId: c.req.param('waveId'), orgCode: c.req.param('code'), count: body.count, revokeUnused: body.revoke_unused });
    return c.body(inviteLinksCsv(baseUrl(c), batch), 201, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="invites-${batch.organization.code}.csv"`,
      'X-Rootwork-Revoked': String(batch.revoked),
    });
  })
  .post('/waves/:waveId/organizations/:code/open-link', jsonBody(openLinkSchema), async (c) => {
    const { db, config } = c.get('deps');
    if (c.req.valid('json').enabled) {
      const { token, organization } = await issueOrgLink(db, config.secret, c.req.param('waveId'), c.req.param('code'), 'open');
      return c.json({ organization_code: organization.code, enabled: true, link: `${baseUrl(c)}/o/${token}` }, 201);
    }
    const wave = await getWave(db, c.req.param('waveId'));
    const organization = await orgInWave(db, wave, c.req.param('code'));
    await setOrgLinkEnabled(db, wave.id, organization.id, 'open', false);
    return c.json({ organization_code: organization.code, enabled: false });
  })
  .post('/waves/:waveId/organizations/:code/profile-link', async (c) => {
    const { db, config } = c.get('deps');
    const { token, organization } = await issueOrgLink(db, config.secret, c.req.param('waveId'), c.req.param('code'), 'profile');
    return c.json({ organization_code: organization.code, link: `${baseUrl(c)}/p/${token}` }, 201);
  })
  .post('/organizations/:code/headcount-cap', jsonBody(headcountCapSchema), async (c) => {
    const set = await setHeadcountCap(c.get('deps').db, c.req.param('code'), c.req.valid('json').headcount_cap);
    return c.json({ organization_code: set.code, headcount_cap: set.headcount_cap });
  })
  .get('/waves/:waveId/participation', async (c) => c.json(await waveParticipation(c.get('deps').db, c.req.param('waveId'))))
  .post('/waves/:waveId/profiles/import', csvLimit, async (c) => {
    const result = await importProfilesCsv(c.get('deps').db, c.req.param('waveId'), await csvBody(c));
    return c.json(result, 201);
  });
