// rootwork demo (npm run demo): the whole product on the embedded database in one step —
// migrate, seed a demo study when the database is empty, then serve and print the links
// a person needs to try it.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../data/database.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { createApp } from '../../survey/app.js';
import { createSubmissionWriter } from '../../data/submissions/writer.js';
import { closeOnSignals, startServer } from '../../survey/server.js';
import { intFlag, parse, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { printDemoAdminLinks } from './admin-demo.js';
import { runPipeline } from '../../pipeline/run.js';
import { writeExports } from '../../exchange/export/index.js';
import { writeReports } from '../../reports/index.js';

export const DEMO_STUDY = 'Demo study';
/** Where the demo's pipeline run writes results.json. */
export const DEMO_RESULTS_DIR = 'reports/out/demo';

export const demoCommand: Command = {
  name: 'demo',
  usage: `Usage: rootwork demo [--port N] [--no-serve]

On DATABASE_URL (default data/rootwork.db): migrates, seeds a synthetic demo study when
there is none, and serves on http://localhost:PORT, printing a survey link and the other
links to try. --no-serve prepares everything and exits.`,
  async run(argv, ctx) {
    const { values } = parse('demo', argv, { port: { type: 'string' }, 'no-serve': { type: 'boolean' } });
    const { config, handle } = await openConfigured(ctx.env);
    const port = intFlag('demo', 'port', values.port as string | undefined, config.port);
    const db = handle.db;
    const wave = await ensureDemoStudy(db, ctx.err);
    const base = `http://localhost:${port}`;
    // The organization with the most responses: its contact's report exists (it has at least k).
    const firstOrg = await db
      .selectFrom('organizations')
      .innerJoin('responses', 'responses.organization_id', 'organizations.id')
      .select(['organizations.id', 'organizations.code', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('responses.wave_id', '=', wave)
      .groupBy(['organizations.id', 'organizations.code'])
      .orderBy('n', 'desc')
      .orderBy('organizations.code')
      .executeTakeFirstOrThrow();
    // Codes are stored only as hashes, so each demo run issues fresh ones to print.
    const { codes } = await issueInvites(db, config.secret, wave, firstOrg.id, 3);
    ctx.out(`Survey links for ${firstOrg.code} (single use):`);
    for (const code of codes) ctx.out(`  ${base}/s/${code}`);
    await printDemoAdminLinks(db, config.secret, wave, firstOrg, base, ctx.out);
    const pipelineRun = await runPipeline({ waveId: wave, outDir: DEMO_RESULTS_DIR }, { db, log: ctx.err });
    ctx.out(`Study results (results.json): ${pipelineRun.path}`);
    const reports = await writeReports(pipelineRun.results, DEMO_RESULTS_DIR, { log: ctx.err });
    ctx.out(`Study report (open in a browser, or under /admin/reports): ${reports.studyReport}`);
    // The analyst exports from the same run, as `rootwork pipeline` writes them.
    const exportsDir = join(DEMO_RESULTS_DIR, 'exports');
    await writeExports(db, { waveId: wave, outDir: exportsDir, results: pipelineRun.results, k: pipelineRun.results.study.k, log: ctx.err });
    ctx.out(`Analyst exports (CSV, codebook, data package): ${exportsDir}/`);

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

/** Returns the demo wave's id, seeding the demo study first when it is missing. */
async function ensureDemoStudy(db: Kysely<Database>, log: (line: string) => void): Promise<string> {
  const existing = await db
    .selectFrom('waves')
    .innerJoin('studies', 'studies.id', 'waves.study_id')
    .select('waves.id')
    .where('studies.name', '=', DEMO_STUDY)
    .orderBy('waves.created_on', 'desc')
    .executeTakeFirst();
  if (existing) return existing.id;
  log('Seeding the demo study (60 organizations, synthetic staff answers)...');
  // Big enough for the confirmatory analyses to have groups of at least k (60 organizations,
  // as in the planted-effects tests), small enough to seed in a few seconds.
  const result = await writeSyntheticStudy(db, { orgs: 60, staffMin: 4, staffMax: 40, seed: 2026, studyName: DEMO_STUDY, waveName: 'Fall 2026' });
  log(`Seeded ${result.organizations} organizations and ${result.responses} responses.`);
  return result.waveId;
}
