// The ceiling for the submission benchmark: a bare Hono POST route on the same Node HTTP
// server, parsing the same JSON body and answering 201, with no validation and no database.
import crypto from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().post('/api/v1/responses', async (c) => {
  const body = await c.req.json<{ answers?: unknown }>();
  if (typeof body !== 'object' || body === null) return c.json({ error: 'invalid_input' }, 400);
  return c.json({ id: crypto.randomUUID() }, 201);
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stderr.write(`bare route listening on http://127.0.0.1:${info.port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
