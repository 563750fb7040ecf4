// rootwork demo (npm run demo): the whole product on the embedded database in one step —
// migrate, seed a demo study when the database is empty (two closed waves and an open one,
// demo-seed.ts), publish the closed waves' runs in order (so the latest one's reports show
// the change since the earlier wave), then serve and print the links a person needs.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { latestRelease } from '../../data/repositories/releases.js';
import { closeWave } from '../../data/repositories/studies.js';
import { createApp } from '../../survey/app.js';
import { createSubmissionWriter } from '../../data/submissions/writer.js';
import { closeOnSignals, startServer } from '../../survey/server.js';
import { intFlag, parse, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { writeRunFolder } from '../run-folder.js';
import { printDemoAdminLinks } from './admin-demo.js';
import { addOpenWave, CLOSED_WAVE, DEMO_STUDY, EARLIER_WAVE, OPEN_WAVE, seedDemoStudy, type DemoWaves } from './demo-seed.js';
import { publishAndSay } from './publish.js';
import { usage } from '../usage/demo.js';

export { CLOSED_WAVE, DEMO_STUDY, EARLIER_WAVE, OPEN_WAVE };
/** Where the demo's pipeline run of the latest closed wave writes results.json. */
export const DEMO_RESULTS_DIR = 'reports/out/demo';
/** The same for the earlier wave, published first so the latest wave's results compare with it. */
export const DEMO_EARLIER_DIR = 'reports/out/demo-fall-2025';

export const demoCommand: Command = {
  name: 'demo',
  usage,
  async run(argv, ctx) {
    const { values } = parse('demo', argv, { port: { type: 'string' }, 'no-serve': { type: 'boolean' } });
    const { config, handle } = await openConfigured(ctx.env);
    const port = intFlag('demo', 'port', values.port as string | undefined, config.port);
    const db = handle.db;
    const { earlier, closed, open } = await ensureDemoStudy(db, ctx.err);
    const base = `http://localhost:${port}`;
    // The organization with the most responses in the closed wave: its contact's report exists (it has at least k).
    const firstOrg = await db
      .selectFrom('organizations')
      .innerJoin('responses', 'responses.organization_id', 'organizations.id')
      .select(['organizations.id', 'organizations.code', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('responses.wave_id', '=', closed)
      .groupBy(['organizations.id', 'organizations.code'])
      .orderBy('n', 'desc')
      .orderBy('organizations.code')
      .executeTakeFirstOrThrow();

    // The earlier wave first: the latest wave's run reads it from the ledger for its trends.
    if (earlier && !(await latestRelease(db, earlier))) {
      await writeRunFolder({ waveId: earlier, outDir: DEMO_EARLIER_DIR }, { db, secret: config.secret, log: ctx.err });
      ctx.err(`Publishing the run of "${EARLIER_WAVE}" (rootwork publish ${DEMO_EARLIER_DIR}):`);
      await publishAndSay(DEMO_EARLIER_DIR, { db, secret: config.secret }, { ...ctx, out: (id) => ctx.out(`Published release of ${EARLIER_WAVE}: ${id}`) });
    }

    // The latest closed wave: its run is published, so reports are served from the release.
    let releaseId = (await latestRelease(db, closed))?.id;
    if (releaseId) {
      ctx.err(`The closed wave "${CLOSED_WAVE}" was published already, as release ${releaseId}.`);
    } else {
      const run = await writeRunFolder({ waveId: closed, outDir: DEMO_RESULTS_DIR }, { db, secret: config.secret, log: ctx.err });
      ctx.out(`Study results (results.json): ${run.resultsPath}`);
      ctx.out(`Study report (open in a browser): ${run.reports.studyReport}`);
      ctx.out(`Analyst exports (CSV, codebook, data package): ${run.exportsDir}/`);
      ctx.err(`Publishing the run of "${CLOSED_WAVE}" (rootwork publish ${DEMO_RESULTS_DIR}):`);
      releaseId = await publishAndSay(DEMO_RESULTS_DIR, { db, secret: config.secret }, { ...ctx, out: (id) => ctx.out(`Published release of ${CLOSED_WAVE}: ${id}`) });
    }
    ctx.out(`Published study report (admin pages, after signing in): ${base}/admin/releases/${releaseId}/study-report.html`);
    const reportLink = await createOrgLink(db, config.secret, closed, firstOrg.id, 'profile');
    ctx.out(`Published organization report for ${firstOrg.code} (${CLOSED_WAVE}, closed): ${base}/p/${reportLink}/report`);

    // The open wave takes new answers: the survey links are for it.
    // Codes are stored only as hashes, so each demo run issues fresh ones to print.
    const { codes } = await issueInvites(db, config.secret, open, firstOrg.id, 3);
    ctx.out(`Survey links for ${firstOrg.code} (${OPEN_WAVE}, open; single use):`);
    for (const code of codes) ctx.out(`  ${base}/s/${code}`);
    await printDemoAdminLinks(db, config.secret, open, firstOrg, base, ctx.out);

    if (values['no-serve']) {
      await handle.close();
      return;
    }
    const writer = createSubmissionWriter(db);
    const app = createApp({ db, writer, config, log: ctx.err });
    const server = await startServer(app, port);
    ctx.out(`Rootwork is running on ${base} (database: ${handle.location}). Press Ctrl-C to stop.`);
    // Connections first (in-flight requests finish), then any queued submissions, then the database.
    closeOnSignals(server, async () => {
      await writer.close();
      await handle.close();
    }, ctx.err);
    await new Promise(() => {});
  },
};

/**
 * The demo study's waves: two closed ones with synthetic answers (their runs get
 * published, the earlier first) and an open one taking new answers. Seeded when missing.
 */
async function ensureDemoStudy(db: Kysely<Database>, log: (line: string) => void): Promise<DemoWaves> {
  const waves = await db
    .selectFrom('waves')
    .innerJoin('studies', 'studies.id', 'waves.study_id')
    .select(['waves.id', 'waves.name', 'waves.study_id', 'waves.status'])
    .where('studies.name', '=', DEMO_STUDY)
    .execute();
  const earlier = waves.find((w) => w.name === EARLIER_WAVE);
  const closed = waves.find((w) => w.name === CLOSED_WAVE);
  const open = waves.find((w) => w.name === OPEN_WAVE);
  if (closed && !earlier) {
    // A demo database from before the demo had an earlier wave: it runs as it is, without trends.
    log(`This demo database has no "${EARLIER_WAVE}" wave, so its study report has no trends section: to see one, point DATABASE_URL at a new file, e.g. DATABASE_URL=data/demo-waves.db npm run demo.`);
  }
  if (closed && open) return { earlier: earlier?.id ?? null, closed: closed.id, open: open.id };
  if (closed) {
    // A demo database from before the demo had an open wave: close its wave and add the open one.
    if (closed.status === 'open') await closeWave(db, closed.id);
    const next = await addOpenWave(db, closed.study_id);
    log(`Closed "${CLOSED_WAVE}" and opened "${OPEN_WAVE}".`);
    return { earlier: earlier?.id ?? null, closed: closed.id, open: next };
  }
  if (waves.length > 0) throw new Error(`The study "${DEMO_STUDY}" in this database is not the demo's (it lacks the waves "${CLOSED_WAVE}" and "${OPEN_WAVE}"): point DATABASE_URL at a new file, e.g. DATABASE_URL=data/demo.db npm run demo.`);
  const seeded = await seedDemoStudy(db, log);
  log(`"${EARLIER_WAVE}" and "${CLOSED_WAVE}" are closed; "${OPEN_WAVE}" is open.`);
  return seeded;
}
