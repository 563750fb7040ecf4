// /healthz: the service is up and its database answers.
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../app.js';

export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  const { db } = c.get('deps');
  await sql`select 1`.execute(db);
  return c.json({ status: 'ok' });
});
