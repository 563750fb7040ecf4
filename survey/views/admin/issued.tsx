// Shows newly created links exactly once (only their hashes are kept), with the CSV to copy.
import { AdminShell } from './shell.js';

export function issuedPage({ title, intro, links, csv, back, csrf }: { title: string; intro: string; links: { label: string; url: string }[]; csv?: string; back: string; csrf: string }) {
  return AdminShell({
    title,
    csrf,
    children: (
      <>
        <p class="notice" role="status"><strong>Shown only this once.</strong> {intro} Rootwork keeps only hashes and cannot show these again.</p>
        <table>
          <caption>New links</caption>
          <thead><tr><th scope="col">For</th><th scope="col">Link</th></tr></thead>
          <tbody>{links.map((l) => <tr><td>{l.label}</td><td><code class="link">{l.url}</code></td></tr>)}</tbody>
        </table>
        {csv ? (
          <div class="field">
            <label for="links_csv">CSV for your mail merge (select all and copy)</label>
            <textarea id="links_csv" rows={Math.min(12, links.length + 2)} readonly>{csv}</textarea>
          </div>
        ) : null}
        <p><a href={back}>Back to the wave</a></p>
      </>
    ),
  });
}
