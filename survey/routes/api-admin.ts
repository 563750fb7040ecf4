// The admin JSON API under /api/v1/admin: studies and waves here, organizations, invites,
// links, participation and profile imports in api-admin-orgs.ts, the release ledger in
// api-admin-releases.ts. Every route needs a bearer
// admin token (adminApiAuth runs before anything else, even for unknown paths).
import { Hono } from 'hono';
import { adminApiAuth, type AdminEnv } from '../middleware/admin-auth.js';
import { closeWave, createStudy, createWave, getStudy, getWave, listStudies, listWaves, openWave, raiseWaveK } from '../../data/repositories/studies.js';
import '../openapi/admin.js';
import { apiAdminOrgRoutes } from './api-admin-orgs.js';
import { apiAdminReleaseRoutes } from './api-admin-releases.js';
import { jsonBody, studyCreateSchema, waveCloseSchema, waveCreateSchema, waveKSchema, waveOpenSchema } from '../openapi/admin-schemas.js';

export const apiAdminRoutes = new Hono<AdminEnv>()
  .use('*', adminApiAuth())
  .get('/studies', async (c) => c.json({ studies: await listStudies(c.get('deps').db) }))
  .post('/studies', jsonBody(studyCreateSchema), async (c) => {
    const body = c.req.valid('json');
    const { db, config } = c.get('deps');
    return c.json({ study: await createStudy(db, { name: body.name, description: body.description, timeZone: body.time_zone ?? config.timeZone }) }, 201);
  })
  .get('/studies/:studyId', async (c) => {
    const { db } = c.get('deps');
    const study = await getStudy(db, c.req.param('studyId'));
    return c.json({ study, waves: await listWaves(db, study.id) });
  })
  .get('/studies/:studyId/waves', async (c) => {
    const { db } = c.get('deps');
    const study = await getStudy(db, c.req.param('studyId'));
    return c.json({ waves: await listWaves(db, study.id) });
  })
  .post('/studies/:studyId/waves', jsonBody(waveCreateSchema), async (c) => {
    const body = c.req.valid('json');
    const wave = await createWave(c.get('deps').db, { studyId: c.req.param('studyId'), name: body.name, k: body.k, opensOn: body.opens_on, closesOn: body.closes_on });
    return c.json({ wave }, 201);
  })
  .get('/waves/:waveId', async (c) => c.json({ wave: await getWave(c.get('deps').db, c.req.param('waveId')) }))
  .post('/waves/:waveId/open', jsonBody(waveOpenSchema), async (c) => {
    const body = c.req.valid('json');
    return c.json({ wave: await openWave(c.get('deps').db, c.req.param('waveId'), { opensOn: body.opens_on, closesOn: body.closes_on, k: body.k }, c.get('deps').clock) });
  })
  .post('/waves/:waveId/close', jsonBody(waveCloseSchema), async (c) => {
    const body = c.req.valid('json');
    return c.json({ wave: await closeWave(c.get('deps').db, c.req.param('waveId'), { closesOn: body.closes_on }, c.get('deps').clock) });
  })
  .post('/waves/:waveId/k', jsonBody(waveKSchema), async (c) => {
    return c.json({ wave: await raiseWaveK(c.get('deps').db, c.req.param('waveId'), c.req.valid('json').k) });
  })
  .route('/', apiAdminOrgRoutes)
  .route('/', apiAdminReleaseRoutes);
