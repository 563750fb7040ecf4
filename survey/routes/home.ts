// The landing page: what this service is, and the stylesheet every page shares.
import { Hono } from 'hono';
import type { AppEnv } from '../app.js';
import { homePage } from '../views/home.js';
import { STYLESHEET } from '../views/stylesheet.js';

export const homeRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db } = c.get('deps');
    const studies = await db.selectFrom('studies').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return c.html(homePage({ studies: Number(studies.n) }));
  })
  .get('/assets/rootwork.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
