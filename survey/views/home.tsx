// Landing page content.
import { Layout } from './layout.js';

export function homePage({ studies }: { studies: number }) {
  return '<!DOCTYPE html>' + (
    <Layout title="Rootwork">
      <h1>Rootwork</h1>
      <p>An anonymous survey of staff at organizing and advocacy groups, and the research pipeline that turns it into honest findings.</p>
      <p>This service holds {studies} {studies === 1 ? 'study' : 'studies'}. If you were given a survey link, open it directly; your answers are anonymous.</p>
    </Layout>
  ).toString();
}
