// One wave: open it; participation per organization (aggregates only, with each one's
// headcount bound and a flag on any with more responses than it); the headcount cap;
// invites, open links and profile links per organization; profile CSV import; then, apart at the end, the
// one-way changes: raise k, and close the wave (which leads to a confirmation page).
import type { Study } from '../../../data/database.js';
import type { WaveParticipation } from '../../../data/repositories/participation.js';
import { AdminShell, Csrf, Field, type FieldError } from './shell.js';

export interface WavePageProps {
  study: Study;
  participation: WaveParticipation;
  csrf: string;
  errors?: FieldError[];
  notice?: string;
  values?: Record<string, string>;
}

function OrgSelect({ id, orgs, value }: { id: string; orgs: WaveParticipation['organizations']; value?: string }) {
  return (
    <div class="field">
      <label for={id}>Organization</label>
      <select id={id} name="org" required>
        {orgs.map((o) => <option value={o.code} selected={o.code === value}>{o.code} — {o.name}</option>)}
      </select>
    </div>
  );
}

export function wavePage({ study, participation, csrf, errors = [], notice, values = {} }: WavePageProps) {
  const { wave, organizations: orgs, totals } = participation;
  const base = `/admin/waves/${wave.id}`;
  return AdminShell({
    title: `${study.name}: ${wave.name}`,
    csrf,
    errors,
    notice,
    children: (
      <>
        <p><a href={`/admin/studies/${study.id}`}>Back to the study</a></p>
        <p>Status: <strong>{wave.status}</strong> · opens {wave.opens_on ?? '—'} · closes {wave.closes_on ?? '—'} (days in {study.time_zone}) · k = {wave.k}</p>
        {wave.status !== 'open' ? (
          <form method="post" action={`${base}/open`}>
            <fieldset>
              <legend>Open the wave</legend>
              <Csrf token={csrf} />
              <Field id="opens_on" label="Opens on" type="date" value={values.opens_on ?? wave.opens_on} errors={errors} hint="YYYY-MM-DD; today if blank" />
              <Field id="closes_on" label="Closes on (optional)" type="date" value={values.closes_on ?? wave.closes_on} errors={errors} />
              <Field id="k" label="k" type="number" min={wave.k} value={values.k ?? wave.k} errors={errors} hint="Fixed when the wave opens: it can be raised later, never lowered." />
              <button type="submit">Open wave</button>
            </fieldset>
          </form>
        ) : null}

        <h2>Participation</h2>
        <p>{totals.responses} responses from {totals.organizations} organizations; {totals.reaching_k} have reached k within their headcount and will get a report; {totals.profiles_submitted} profiles submitted. Counts only: no individual answers, and no dates.</p>
        {totals.over_headcount > 0 ? (
          <p class="error-summary" role="alert">
            <strong>{totals.over_headcount === 1 ? '1 organization has' : `${totals.over_headcount} organizations have`} more responses than staff.</strong>{' '}
            Some of those responses cannot be from its staff (planted through its links, or a headcount set too low), so its report is withheld.
            Check the headcount with the organization's records, and see SECURITY.md on padding.
          </p>
        ) : null}
        <div class="table-scroll" tabindex={0} role="region" aria-label="Participation by organization">
          <table>
            <caption>Participation by organization</caption>
            <thead><tr>
              <th scope="col">Code</th><th scope="col">Name</th><th scope="col">Responses</th><th scope="col">Headcount (profile)</th>
              <th scope="col">Headcount cap</th><th scope="col">Responses allowed</th>
              <th scope="col">Response rate</th><th scope="col">Reached k</th><th scope="col">Invites used / issued</th>
              <th scope="col">Open link</th><th scope="col">Profile</th>
            </tr></thead>
            <tbody>
              {orgs.map((o) => (
                <tr>
                  <td><code>{o.code}</code></td><td>{o.name}</td>
                  <td>{o.responses}{o.over_headcount ? <strong> — over headcount</strong> : null}</td><td>{o.headcount ?? '—'}</td>
                  <td>{o.headcount_cap ?? '—'}</td>
                  <td>{o.headcount_limit === null ? 'no bound' : `${o.headcount_limit} (${o.headcount_source === 'cap' ? 'cap' : 'profile'})`}</td>
                  <td>{o.response_rate === null ? '—' : `${o.response_rate}%`}</td><td>{o.reaches_k ? 'yes' : 'no'}</td>
                  <td>{o.invites_used} / {o.invites_issued - o.invites_revoked}</td><td>{o.open_link ? 'on' : 'off'}</td><td>{o.profile}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {orgs.length === 0 ? <p>Add organizations to the study to hand out links.</p> : (
          <>
            <form method="post" action={`${base}/headcount-cap`}>
              <fieldset>
                <legend>Headcount cap</legend>
                <Csrf token={csrf} />
                <OrgSelect id="cap_org" orgs={orgs} value={values.cap_org} />
                <Field id="headcount_cap" label="Most staff the organization has" type="number" min={1} max={100000} value={values.headcount_cap} errors={errors}
                  hint="From your own records (a funder's grant file, payroll count), not from the organization's contact. Blank removes the cap. An organization takes no more invites, open-link answers or report than this; without a cap, its profile's headcount (the larger of start and end) bounds it, and without either nothing does." />
                <button type="submit" class="secondary">Set the cap</button>
              </fieldset>
            </form>

            <h2>Links for an organization</h2>
            <form method="post" action={`${base}/invites`}>
              <fieldset>
                <legend>Generate invite codes</legend>
                <Csrf token={csrf} />
                <OrgSelect id="invite_org" orgs={orgs} value={values.org} />
                <Field id="count" label="How many codes" type="number" min={1} max={5000} value={values.count ?? '10'} required errors={errors} />
                <label><input type="checkbox" name="revoke_unused" value="1" /> Invalidate this organization's unused codes from earlier batches</label>
                <p class="muted">The links are shown once, right after this: copy them or download the CSV for your mail merge. Only hashes are kept.</p>
                <button type="submit" name="format" value="page">Generate and show</button>{' '}
                <button type="submit" name="format" value="csv" class="secondary">Generate and download CSV</button>
              </fieldset>
            </form>
            <form method="post" action={`${base}/open-link`}>
              <fieldset>
                <legend>Open survey link</legend>
                <Csrf token={csrf} />
                <OrgSelect id="open_org" orgs={orgs} />
                <p class="muted">One link anyone at the organization can use. Turning it on again makes a new link; the old one stops working.</p>
                <button type="submit" name="enabled" value="1">Turn on (new link)</button>{' '}
                <button type="submit" name="enabled" value="0" class="secondary">Turn off</button>
              </fieldset>
            </form>
            <form method="post" action={`${base}/profile-link`}>
              <fieldset>
                <legend>Secret profile link</legend>
                <Csrf token={csrf} />
                <OrgSelect id="profile_org" orgs={orgs} />
                <p class="muted">For the organization's contact to fill in its profile. A new link replaces the old one.</p>
                <button type="submit">Create profile link</button>
              </fieldset>
            </form>
          </>
        )}
        <form method="post" action={`${base}/profiles/import`} enctype="multipart/form-data">
          <fieldset>
            <legend>Import profiles from a CSV</legend>
            <Csrf token={csrf} />
            <p id="profiles_csv-hint" class="muted">One row per organization: org_code, ed_poc (1, 0 or blank), the start_, hires_, sep_ and end_ headcounts per group, and optional leadership, self-assessment and exit_GROUP_BAND columns. Every row is imported, or none.</p>
            <label for="profiles_csv">CSV file</label>
            <input id="profiles_csv" name="file" type="file" accept=".csv,text/csv" required aria-describedby="profiles_csv-hint" />
            <button type="submit">Import profiles</button>
          </fieldset>
        </form>

        <h2>Change the wave</h2>
        <form method="post" action={`${base}/k`}>
          <fieldset>
            <legend>Raise k</legend>
            <Csrf token={csrf} />
            <Field id="new_k" name="k" label="New k" type="number" min={wave.k} value={values.new_k ?? wave.k} errors={errors}
              hint="Raising k withholds more small groups in every later report. It cannot be lowered again." />
            <button type="submit" class="secondary">Raise k</button>
          </fieldset>
        </form>
        {wave.status === 'open' ? (
          <section class="danger-zone" aria-labelledby="close-heading">
            <h3 id="close-heading">Close the wave</h3>
            <p>
              Closing stops the survey at once: invite links and open links stop taking answers, and organization profiles can no
              longer be changed.{wave.closes_on ? ` The wave is planned to close on ${wave.closes_on}.` : ''} You will be asked to confirm.
            </p>
            {/* A GET: the button only leads to the confirmation page, which says what will happen. */}
            <form method="get" action={`${base}/close`}>
              <button type="submit" class="danger">Close the wave…</button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}
