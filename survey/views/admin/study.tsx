// One study: its waves (create one), its organizations (add one, or import a CSV).
import type { Organization, Study, Wave } from '../../../data/database.js';
import { AdminShell, Csrf, Field, type FieldError } from './shell.js';

export interface StudyPageProps {
  study: Study;
  waves: Wave[];
  organizations: Organization[];
  csrf: string;
  errors?: FieldError[];
  notice?: string;
  values?: Record<string, string>;
}

export function studyPage({ study, waves, organizations, csrf, errors = [], notice, values = {} }: StudyPageProps) {
  return AdminShell({
    title: study.name,
    csrf,
    errors,
    notice,
    children: (
      <>
        {study.description ? <p>{study.description}</p> : null}
        <p>Time zone: <strong>{study.time_zone}</strong>. Each wave opens at midnight there at the start of its opening day and closes at midnight at the end of its closing day.</p>
        <form method="post" action={`/admin/studies/${study.id}/time-zone`}>
          <fieldset>
            <legend>Change the time zone</legend>
            <Csrf token={csrf} />
            <Field id="study_time_zone" name="time_zone" label="Time zone" value={values.study_time_zone ?? study.time_zone} required errors={errors}
              hint="An IANA name such as America/Los_Angeles. Days already recorded stay as they are." />
            <button type="submit" class="secondary">Change time zone</button>
          </fieldset>
        </form>
        <h2>Waves</h2>
        {waves.length === 0 ? <p>No waves yet.</p> : (
          <table>
            <caption>Waves of this study</caption>
            <thead><tr><th scope="col">Wave</th><th scope="col">Status</th><th scope="col">Opens</th><th scope="col">Closes</th><th scope="col">k</th></tr></thead>
            <tbody>
              {waves.map((w) => (
                <tr><td><a href={`/admin/waves/${w.id}`}>{w.name}</a></td><td>{w.status}</td><td>{w.opens_on ?? '—'}</td><td>{w.closes_on ?? '—'}</td><td>{w.k}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={`/admin/studies/${study.id}/waves`}>
          <fieldset>
            <legend>Create a wave</legend>
            <Csrf token={csrf} />
            <Field id="wave_name" name="name" label="Wave name" value={values.wave_name} required errors={errors} />
            <Field id="opens_on" label="Opens on (optional)" type="date" value={values.opens_on} errors={errors} hint="YYYY-MM-DD" />
            <Field id="closes_on" label="Closes on (optional)" type="date" value={values.closes_on} errors={errors} hint={`YYYY-MM-DD; not before the opening day; the last day answers are taken, until midnight in ${study.time_zone}`} />
            <Field id="k" label="k: smallest group any number may rest on" type="number" min={3} value={values.k ?? '5'} errors={errors} hint="At least 3; fixed when the wave opens, and afterwards only raised." />
            <button type="submit">Create wave</button>
          </fieldset>
        </form>

        <h2>Organizations</h2>
        {organizations.length === 0 ? <p>No organizations yet.</p> : (
          <table>
            <caption>Organizations ({organizations.length}); reports and exports show only the code</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Contact</th><th scope="col">Size</th><th scope="col">Region</th><th scope="col">Budget</th></tr></thead>
            <tbody>
              {organizations.map((o) => (
                <tr><td><code>{o.code}</code></td><td>{o.name}</td><td>{o.contact ?? ''}</td><td>{o.size_band ?? ''}</td><td>{o.region ?? ''}</td><td>{o.budget_band ?? ''}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={`/admin/studies/${study.id}/organizations`}>
          <fieldset>
            <legend>Add an organization</legend>
            <Csrf token={csrf} />
            <Field id="org_name" name="name" label="Name" value={values.org_name} required errors={errors} />
            <Field id="contact" label="Contact (optional)" value={values.contact} errors={errors} />
            <Field id="size_band" label="Size band (optional)" value={values.size_band} errors={errors} />
            <Field id="region" label="Region (optional)" value={values.region} errors={errors} />
            <Field id="budget_band" label="Budget band (optional)" value={values.budget_band} errors={errors} />
            <button type="submit">Add organization</button>
          </fieldset>
        </form>
        <form method="post" action={`/admin/studies/${study.id}/organizations/import`} enctype="multipart/form-data">
          <fieldset>
            <legend>Import organizations from a CSV</legend>
            <Csrf token={csrf} />
            <p id="orgs_csv-hint" class="muted">Columns: name, contact, size_band, region, budget_band (a header row first; comma, semicolon or tab). Every row is imported, or none if any row has a problem.</p>
            <label for="orgs_csv">CSV file</label>
            <input id="orgs_csv" name="file" type="file" accept=".csv,text/csv" required aria-describedby="orgs_csv-hint" />
            <button type="submit">Import</button>
          </fieldset>
        </form>
      </>
    ),
  });
}
