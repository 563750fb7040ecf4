// The Hono application: createApp({ db, writer, config }) builds the whole service with no
// globals: the caller (cli/, or a test) owns the database and the submission writer, and
// closes them. Feature routes are sub-apps under routes/ mounted here.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import type { Config } from '../data/config.js';
import type { Database } from '../data/database.js';
import type { SubmissionWriter } from '../data/submissions/writer.js';
import { RootworkError } from '../data/errors.js';
import { ReportError } from '../reports/errors.js';
import { openApiDocument } from './openapi/document.js';
import { ROOTWORK_VERSION } from '../data/version.js';
import { securityHeaders } from './middleware/security-headers.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { apiAdminRoutes } from './routes/api-admin.js';
import { adminRoutes } from './routes/admin.js';
import { profileRoutes } from './routes/profile.js';
import { requestLog } from './middleware/request-log.js';
import { surveyRoutes } from './routes/survey.js';
import { apiResponseRoutes } from './routes/api-responses.js';
import { createFailureLimiter, createSubmissionLimiter } from './middleware/rate-limit.js';
import { reportRoutes } from './routes/reports.js';

export interface AppDeps {
  db: Kysely<Database>;
  /** Where every submission goes (survey pages, open links, the API): one per database, so they batch together. */
  writer: SubmissionWriter;
  /**
   * The secret, and what the service needs to know about where it runs: its public URL and
   * whether a proxy's headers are trusted (HTTPS cookies, admin origin checks), and the time
   * zone new studies take. Tests may give only the secret.
   */
  config: Pick<Config, 'secret'> & Partial<Pick<Config, 'publicUrl' | 'trustProxy' | 'timeZone'>>;
  /** The time now: tests pass a fixed clock so that days and session expiry are theirs to set. */
  clock?: () => Date;
  /** Where operational log lines go; never given an IP address, user agent or code. */
  log?: (line: string) => void;
  /** Folder of pipeline runs whose reports the admin pages list and serve (default reports/out). */
  reportsDir?: string;
}

export type AppEnv = { Variables: { deps: AppDeps } };

const STATUS: Record<RootworkError['code'], 400 | 401 | 403 | 404 | 409 | 422 | 500 | 503> = {
  config: 500,
  database_unreachable: 503,
  database_unwritable: 503,
  schema_newer: 503,
  not_found: 404,
  conflict: 409,
  invalid_input: 422,
  forbidden: 403,
};

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders());
  // The routes' literal words tell the log which path segments are not secrets.
  app.use('*', requestLog(log, () => app.routes));

  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(ROOTWORK_VERSION)));
  app.route('/', healthRoutes);
  app.route('/', homeRoutes);
  app.route('/api/v1/admin', apiAdminRoutes);
  app.route('/', adminRoutes);
  app.route('/', profileRoutes);
  // One failed-code limiter and one open-link limiter for pages and API, so tries through
  // either count together; both tell sources apart by the trusted proxy's header, if any.
  const trustProxy = deps.config.trustProxy ?? 0;
  const codeLimiter = createFailureLimiter({ trustProxy });
  const submissions = createSubmissionLimiter({ trustProxy });
  app.route('/', surveyRoutes({ limiter: codeLimiter, submissions }));
  app.route('/', apiResponseRoutes({ limiter: codeLimiter, submissions }));
  app.route('/', reportRoutes);

  app.notFound((c) => c.json({ error: 'not_found', message: `No page at ${new URL(c.req.url).pathname.replace(/^\/(s|o|p)\/.*/, '/$1/…')}.` }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const res = err.getResponse();
      // The API answers only in its documented JSON shape, whatever middleware threw.
      const isJson = /json/i.test(res.headers.get('content-type') ?? '');
      if (res.headers.get('content-type') && !(c.req.path.startsWith('/api/') && !isJson)) return res;
      return c.json({ error: 'http_error', message: err.message || res.statusText }, err.status);
    }
    if (err instanceof RootworkError || err instanceof ReportError) {
      const status = STATUS[err.code];
      const issues = 'issues' in err ? (err as { issues: unknown }).issues : undefined;
      return c.json({ error: err.code, message: err.message, ...(issues ? { issues } : {}) }, status);
    }
    // Unexpected: log the error itself (never request details) and answer generically.
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json({ error: 'internal', message: 'Something went wrong on our side; nothing was saved. Please try again.' }, 500);
  });
  return app;
}
