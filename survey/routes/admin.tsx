// The admin pages under /admin: sign-in and sign-out here; the study and wave pages are
// sub-apps behind adminPageAuth (server-side session; own origin + CSRF on every POST).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RootworkError } from '../../data/errors.js';
import { isOneTimeToken, spendOneTimeToken, verifyAdminToken } from '../../data/repositories/admin-tokens.js';
import { adminPageAuth, signIn, signOut, type AdminEnv } from '../middleware/admin-auth.js';
import { foreignOrigin } from '../middleware/origin.js';
import { loginPage } from '../views/admin/login.js';
import { adminStudyPages } from './admin-studies.js';
import { adminWavePages } from './admin-waves.js';
import { AdminShell } from '../views/admin/shell.js';
import { formStrings, HTTP_STATUS } from '../admin/forms.js';

const MAX_UPLOAD = 5 * 1024 * 1024;

export const adminRoutes = new Hono<AdminEnv>()
  .use('/admin/*', bodyLimit({ maxSize: MAX_UPLOAD, onError: (c) => c.text(`The upload is larger than ${MAX_UPLOAD / 1024 / 1024} MB: split the file.`, 413) }))
  // ?token= only fills in the field: signing in is always a deliberate POST.
  .get('/admin/login', (c) => c.html(loginPage({ reason: 'missing', token: c.req.query('token') })))
  // Sign-in CSRF: another site must not be able to sign a visitor into the sender's session.
  .post('/admin/login', async (c) => {
    const { db, config } = c.get('deps');
    if (foreignOrigin(c, config) !== undefined) return c.html(loginPage({ reason: 'csrf' }), 403);
    const { token = '' } = await formStrings(c);
    // A one-time token is spent by this sign-in: the session lives on, the token works nowhere.
    const oneTime = isOneTimeToken(token);
    const admin = token === '' ? undefined : oneTime ? await spendOneTimeToken(db, config.secret, token) : await verifyAdminToken(db, config.secret, token);
    if (!admin) {
      const message = token === ''
        ? 'Enter your admin token.'
        : oneTime
          ? 'That one-time sign-in link has already been used, or it is wrong or revoked: each one starts a single session. Run `npm run demo` again for a fresh link, or create an admin token with `rootwork admin create-token --label NAME`.'
          : 'That admin token was not accepted: it is wrong or has been revoked.';
      return c.html(loginPage({ reason: 'wrong', errors: [{ field: 'token', message }] }), 401);
    }
    await signIn(c, admin.id);
    return c.redirect('/admin', 303);
  })
  .use('/admin/*', adminPageAuth({ unauthorized: (c, reason) => c.html(loginPage({ reason }), 401) }))
  .post('/admin/logout', async (c) => {
    await signOut(c);
    return c.redirect('/admin/login', 303);
  })
  .route('/admin', adminStudyPages)
  .route('/admin', adminWavePages)
  // A person at a browser gets a page, not JSON, for an unknown study or wave; anything
  // unexpected goes on to the app's handler, which logs it.
  .onError((err, c) => {
    if (!(err instanceof RootworkError)) throw err;
    const csrf = c.get('csrf');
    return c.html(AdminShell({ title: 'Not possible', csrf, errors: [{ field: '', message: err.message }], children: <p><a href="/admin">Back to the studies</a></p> }), HTTP_STATUS[err.code]);
  });
