// The admin sign-in page, also served (with 401) wherever a session is missing or has ended.
import { AdminShell, Field, type FieldError } from './shell.js';

const REASONS = {
  missing: 'Sign in with your admin token to manage studies.',
  expired: 'Your admin session has ended or its token was revoked: sign in again with a valid admin token.',
  csrf: 'That form had expired or did not come from this site, so nothing was changed: sign in again and repeat the action.',
  wrong: '',
} as const;

export function loginPage({ reason, token, errors = [] }: { reason: keyof typeof REASONS; token?: string; errors?: FieldError[] }) {
  return AdminShell({
    title: 'Sign in',
    errors,
    notice: REASONS[reason] || undefined,
    children: (
      <>
        <form method="post" action="/admin/login">
          <Field id="token" label="Admin token" type="password" value={token} required errors={errors}
            hint="Created with `rootwork admin create-token --label NAME`; it starts with rwa_." />
          <button type="submit">Sign in</button>
        </form>
        <p class="muted">The session lasts two hours and ends as soon as its token is revoked.</p>
      </>
    ),
  });
}

/** 403 for an admin form posted from another site: said plainly, with the way back. */
export function crossSitePage(from: string) {
  return AdminShell({
    title: 'Refused: sent from another site',
    errors: [{ field: '', message: `This form was sent to Rootwork from ${from === 'null' ? 'a page with no address (a file or a sandboxed frame)' : from}, not from Rootwork's own admin pages, so nothing was changed.` }],
    children: (
      <p>If you meant to make this change, open the <a href="/admin">admin pages</a> directly and repeat it there. If you did not, someone may have tried to act with your session: sign out and tell whoever runs this Rootwork.</p>
    ),
  });
}
