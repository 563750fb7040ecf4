// Admin pages for studies: the list, creating one, and a study's page with its waves and
// organizations (create a wave, add an organization, import organizations from CSV).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { addOrganizations, importOrganizationsCsv, organizationInputSchema } from '../../exchange/import/organizations-csv.js';
import { InvalidInputError } from '../../data/errors.js';
import { listOrganizations } from '../../data/repositories/organizations.js';
import { createStudy, createWave, getStudy, listStudies, listWaves, setStudyTimeZone } from '../../data/repositories/studies.js';
import { DEFAULT_TIME_ZONE } from '../../data/time-zone.js';
import type { AdminEnv } from '../middleware/admin-auth.js';
import type { FieldError } from '../views/admin/shell.js';
import { studiesPage } from '../views/admin/studies.js';
import { studyPage } from '../views/admin/study.js';
import { blankToUndefined, formStrings, optionalInt, pageErrors, uploadedCsv } from '../admin/forms.js';

const studyForm = z.object({ name: z.string().default(''), description: z.string().default(''), time_zone: z.string().default('') });
const waveForm = z.object({ name: z.string().default(''), opens_on: z.string().optional(), closes_on: z.string().optional(), k: z.string().optional() });

/** The zone a new study takes unless the form names another: ROOTWORK_TIME_ZONE, else UTC. */
const defaultZone = (c: Context<AdminEnv>) => c.get('deps').config.timeZone ?? DEFAULT_TIME_ZONE;

async function renderStudy(c: Context<AdminEnv>, studyId: string, extra: { errors?: FieldError[]; notice?: string; values?: Record<string, string> } = {}, status: 200 | 404 | 409 | 422 | 500 | 503 | 403 = 200) {
  const { db } = c.get('deps');
  const study = await getStudy(db, studyId);
  const [waves, organizations] = await Promise.all([listWaves(db, study.id), listOrganizations(db, study.id)]);
  return c.html(studyPage({ study, waves, organizations, csrf: c.get('csrf'), ...extra }), status);
}

export const adminStudyPages = new Hono<AdminEnv>()
  .get('/', async (c) => c.html(studiesPage({ studies: await listStudies(c.get('deps').db), csrf: c.get('csrf'), values: { time_zone: defaultZone(c) } })))
  .post('/studies', async (c) => {
    const { db } = c.get('deps');
    const form = studyForm.parse(await formStrings(c));
    try {
      const study = await createStudy(db, { name: form.name, description: blankToUndefined(form.description) ?? null, timeZone: blankToUndefined(form.time_zone) ?? defaultZone(c) });
      return c.redirect(`/admin/studies/${study.id}`, 303);
    } catch (err) {
      const { status, errors } = pageErrors(err, { name: 'name', time_zone: 'time_zone' });
      return c.html(studiesPage({ studies: await listStudies(db), csrf: c.get('csrf'), errors: errors.map((e) => (e.field ? e : { ...e, field: 'name' })), values: form }), status);
    }
  })
  .get('/studies/:studyId', async (c) => renderStudy(c, c.req.param('studyId')))
  .post('/studies/:studyId/time-zone', async (c) => {
    const studyId = c.req.param('studyId');
    const zone = (await formStrings(c)).time_zone ?? '';
    try {
      const study = await setStudyTimeZone(c.get('deps').db, studyId, zone);
      return renderStudy(c, studyId, { notice: `The time zone is now ${study.time_zone}: waves open and close at midnight there.` });
    } catch (err) {
      const { status, errors } = pageErrors(err, { time_zone: 'study_time_zone' });
      if (status === 404) throw err;
      return renderStudy(c, studyId, { errors, values: { study_time_zone: zone } }, status);
    }
  })
  .post('/studies/:studyId/waves', async (c) => {
    const studyId = c.req.param('studyId');
    const form = waveForm.parse(await formStrings(c));
    try {
      const wave = await createWave(c.get('deps').db, { studyId, name: form.name, opensOn: blankToUndefined(form.opens_on), closesOn: blankToUndefined(form.closes_on), k: optionalInt(form.k) });
      return c.redirect(`/admin/waves/${wave.id}`, 303);
    } catch (err) {
      const { status, errors } = pageErrors(err, { name: 'wave_name', opens_on: 'opens_on', closes_on: 'closes_on', k: 'k' });
      return renderStudy(c, studyId, { errors, values: { wave_name: form.name, opens_on: form.opens_on ?? '', closes_on: form.closes_on ?? '', k: form.k ?? '' } }, status);
    }
  })
  .post('/studies/:studyId/organizations', async (c) => {
    const studyId = c.req.param('studyId');
    const raw = await formStrings(c);
    const values = { org_name: raw.name ?? '', contact: raw.contact ?? '', size_band: raw.size_band ?? '', region: raw.region ?? '', budget_band: raw.budget_band ?? '' };
    try {
      const parsed = organizationInputSchema.safeParse(raw);
      if (!parsed.success) throw new InvalidInputError('The organization is not valid.', parsed.error.issues.map((i) => ({ path: String(i.path[0]), message: `${String(i.path[0])}: ${i.message}` })));
      const [org] = await addOrganizations(c.get('deps').db, studyId, [parsed.data]);
      return renderStudy(c, studyId, { notice: `Added ${org.name} as ${org.code}.` });
    } catch (err) {
      const { status, errors } = pageErrors(err, { name: 'org_name', contact: 'contact', size_band: 'size_band', region: 'region', budget_band: 'budget_band' });
      return renderStudy(c, studyId, { errors: errors.map((e) => (e.field ? e : { ...e, field: 'org_name' })), values }, status);
    }
  })
  .post('/studies/:studyId/organizations/import', async (c) => {
    const studyId = c.req.param('studyId');
    try {
      const orgs = await importOrganizationsCsv(c.get('deps').db, studyId, await uploadedCsv(c));
      return renderStudy(c, studyId, { notice: `Imported ${orgs.length} organizations.` });
    } catch (err) {
      const { status, errors } = pageErrors(err, { file: 'orgs_csv' });
      return renderStudy(c, studyId, { errors: [{ field: '', message: 'The CSV was not imported; nothing was saved. Fix these and upload it again:' }, ...errors] }, status);
    }
  });
