// Pages for a report that cannot be shown: why, and what to do about it.
import { Layout } from '../layout.js';

export function reportMessagePage({ title, body }: { title: string; body: string }) {
  return '<!DOCTYPE html>' + (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
    </Layout>
  ).toString();
}
