// The frame of every admin page: the shared layout, a navigation bar with sign-out (a POST
// carrying the CSRF token), notices and an error summary linking to the fields at fault.
import type { Child } from 'hono/jsx';
import { Layout } from '../layout.js';

export interface FieldError {
  /** Id of the input the message belongs to ('' when it is about the whole form). */
  field: string;
  message: string;
}

export interface ShellProps {
  title: string;
  csrf?: string;
  notice?: string;
  errors?: FieldError[];
  children?: Child;
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((e) => <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>)}
      </ul>
    </div>
  );
}

export function AdminShell({ title, csrf, notice, errors = [], children }: ShellProps) {
  return '<!DOCTYPE html>' + (
    <Layout title={`${title} · Rootwork admin`} wide>
      {csrf ? (
        <nav class="admin-nav" aria-label="Admin">
          <a href="/admin">Studies</a>
          <a href="/admin/reports">Reports</a>
          <form method="post" action="/admin/logout" class="inline-form">
            <Csrf token={csrf} />
            <button type="submit" class="secondary">Sign out</button>
          </form>
        </nav>
      ) : null}
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {children}
    </Layout>
  ).toString();
}

/** A labelled input; its error (if any) sits right under the label and is tied to it by aria-describedby. */
export function Field(props: { id: string; label: string; name?: string; type?: string; value?: string | number | null; required?: boolean; hint?: string; errors?: FieldError[]; min?: number; max?: number }) {
  const error = props.errors?.find((e) => e.field === props.id);
  const described = [props.hint ? `${props.id}-hint` : '', error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <p id={`${props.id}-hint`} class="muted hint">{props.hint}</p> : null}
      {error ? <p id={`${props.id}-error`} class="error">{error.message}</p> : null}
      <input
        id={props.id} name={props.name ?? props.id} type={props.type ?? 'text'} value={props.value ?? ''}
        required={props.required} min={props.min} max={props.max}
        aria-describedby={described} aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
