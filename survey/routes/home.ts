// The landing page (in the visitor's language), and the stylesheet every page shares.
import { Hono } from 'hono';
import type { AppEnv } from '../app.js';
import { requestLang } from '../middleware/lang.js';
import { homePage } from '../views/home.js';
import { STYLESHEET } from '../views/stylesheet.js';

export const homeRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.html(homePage({ lang: requestLang(c.req.query('lang'), c.req.header('accept-language')) })))
  .get('/assets/rootwork.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
