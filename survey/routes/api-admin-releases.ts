// Admin JSON API for the release ledger: list releases, read one with its groups, and
// publish a pipeline run of the reports folder (the same checks as `rootwork publish`;
// a refusal is 409 or 422 with the message saying what to do, and records nothing).
// Mounted inside api-admin.ts, behind its token check.
import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../../data/errors.js';
import { getRelease, listReleases, releaseGroups } from '../../data/repositories/releases.js';
import { publishRun } from '../../pipeline/publish/index.js';
import type { AdminEnv } from '../middleware/admin-auth.js';
import { jsonBody, releaseCreateSchema, releaseListSchema } from '../openapi/admin-schemas.js';
import { DEFAULT_REPORTS_DIR } from './reports.js';

export const apiAdminReleaseRoutes = new Hono<AdminEnv>()
  .get('/releases', async (c) => {
    const query = releaseListSchema.parse({ study: c.req.query('study'), wave: c.req.query('wave') });
    return c.json({ releases: await listReleases(c.get('deps').db, { studyId: query.study, waveId: query.wave }) });
  })
  .get('/releases/:releaseId', async (c) => {
    const { db } = c.get('deps');
    const { results_json, withheld_json, ...release } = await getRelease(db, c.req.param('releaseId'));
    return c.json({ release, withheld: JSON.parse(withheld_json) as string[], groups: await releaseGroups(db, release.id), results: JSON.parse(results_json) as unknown });
  })
  .post('/releases', jsonBody(releaseCreateSchema), async (c) => {
    const { db, config, reportsDir } = c.get('deps');
    const { run } = c.req.valid('json');
    const dir = path.join(reportsDir ?? DEFAULT_REPORTS_DIR, run);
    if (!fs.existsSync(path.join(dir, 'results.json'))) throw new NotFoundError(`There is no pipeline run named "${run}" in the reports folder: run \`rootwork pipeline --out ${dir}\`, or list runs on /admin/reports.`);
    const { release } = await publishRun(dir, { db, secret: config.secret });
    return c.json({ release }, 201);
  });
