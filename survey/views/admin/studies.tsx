// Admin home: the list of studies and a form to create one.
import type { Study } from '../../../data/database.js';
import { AdminShell, Csrf, Field, type FieldError } from './shell.js';

export function studiesPage({ studies, csrf, errors = [], values = {} }: { studies: Study[]; csrf: string; errors?: FieldError[]; values?: Record<string, string> }) {
  return AdminShell({
    title: 'Studies',
    csrf,
    errors,
    children: (
      <>
        {studies.length === 0 ? <p>No studies yet: create the first one below.</p> : (
          <table>
            <caption>Studies on this service</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Time zone</th><th scope="col">Created</th></tr></thead>
            <tbody>
              {studies.map((s) => <tr><td><a href={`/admin/studies/${s.id}`}>{s.name}</a></td><td>{s.time_zone}</td><td>{s.created_on}</td></tr>)}
            </tbody>
          </table>
        )}
        <h2>Create a study</h2>
        <form method="post" action="/admin/studies">
          <Csrf token={csrf} />
          <Field id="name" label="Study name" value={values.name} required errors={errors} />
          <Field id="description" label="Description (optional)" value={values.description} errors={errors} />
          <Field id="time_zone" label="Time zone" value={values.time_zone} errors={errors}
            hint="Where the staff are, as an IANA name such as America/Los_Angeles or America/New_York: each wave opens and closes at midnight there." />
          <button type="submit">Create study</button>
        </form>
      </>
    ),
  });
}
