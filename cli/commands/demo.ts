// rootwork demo (npm run demo): the whole product on the embedded database in one step —
// migrate, seed a demo study when the database is empty, then serve and print the links
// a person needs to try it.
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { latestRelease } from '../../data/repositories/releases.js';
import { closeWave, createWave, openWave } from '../../data/repositories/studies.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { createApp } from '../../survey/app.js';
import { createSubmissionWriter } from '../../data/submissions/writer.js';
import { closeOnSignals, startServer } from '../../survey/server.js';
import { intFlag, parse, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { writeRunFolder } from '../run-folder.js';
import { printDemoAdminLinks } from './admin-demo.js';
import { publishAndSay } from './publish.js';
import { usage } from '../usage/demo.js';

export const DEMO_STUDY = 'Demo study';
/** Where the demo's pipeline run writes results.json. */
export const DEMO_RESULTS_DIR = 'reports/out/demo';

export const demoCommand: Command = {
  name: 'demo',
  usage,
  async run(argv, ctx) {
    const { values } = parse('demo', argv, { port: { type: 'string' }, 'no-serve': { type: 'boolean' } });
    const { config, handle } = await openConfigured(ctx.env);
    const port = intFlag('demo', 'port', values.port as string | undefined, config.port);
    const db = handle.db;
    const { closed, open } = await ensureDemoStudy(db, ctx.err);
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

    // The closed wave: its run is published, so reports are served from the release.
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

export const CLOSED_WAVE = 'Fall 2026';
export const OPEN_WAVE = 'Spring 2027';

/**
 * The demo study's two waves: a closed one with the synthetic answers (its run gets
 * published) and an open one taking new answers. Seeded when missing.
 */
async function ensureDemoStudy(db: Kysely<Database>, log: (line: string) => void): Promise<{ closed: string; open: string }> {
  const waves = await db
    .selectFrom('waves')
    .innerJoin('studies', 'studies.id', 'waves.study_id')
    .select(['waves.id', 'waves.name', 'waves.study_id'])
    .where('studies.name', '=', DEMO_STUDY)
    .execute();
  const closed = waves.find((w) => w.name === CLOSED_WAVE);
  const open = waves.find((w) => w.name === OPEN_WAVE);
  if (closed && open) return { closed: closed.id, open: open.id };
  if (closed) {
    // A demo database from before the demo had two waves: close its wave and add the open one.
    const wave = await db.selectFrom('waves').select('status').where('id', '=', closed.id).executeTakeFirstOrThrow();
    if (wave.status === 'open') await closeWave(db, closed.id);
    const next = await createWave(db, { studyId: closed.study_id, name: OPEN_WAVE, k: 5 });
    await openWave(db, next.id);
    log(`Closed "${CLOSED_WAVE}" and opened "${OPEN_WAVE}".`);
    return { closed: closed.id, open: next.id };
  }
  if (waves.length > 0) throw new Error(`The study "${DEMO_STUDY}" in this database is not the demo's (it lacks the waves "${CLOSED_WAVE}" and "${OPEN_WAVE}"): point DATABASE_URL at a new file, e.g. DATABASE_URL=data/demo.db npm run demo.`);
  log('Seeding the demo study (60 organizations, synthetic staff answers)...');
  // Big enough for the confirmatory analyses to have groups of at least k (60 organizations,
  // as in the planted-effects tests), small enough to seed in a few seconds.
  const result = await writeSyntheticStudy(db, { orgs: 60, staffMin: 4, staffMax: 40, seed: 2026, studyName: DEMO_STUDY, waveName: CLOSED_WAVE });
  log(`Seeded ${result.organizations} organizations and ${result.responses} responses.`);
  // The generator writes one open wave; the demo closes it (findings come after a wave
  // closes) and opens the next one for new answers.
  await closeWave(db, result.waveId, { closesOn: '2026-11-30' });
  const next = await createWave(db, { studyId: result.studyId, name: OPEN_WAVE, k: 5 });
  await openWave(db, next.id);
  log(`Closed "${CLOSED_WAVE}" and opened "${OPEN_WAVE}".`);
  return { closed: result.waveId, open: next.id };
}
