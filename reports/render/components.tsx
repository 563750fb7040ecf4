// Building blocks shared by the study and organization reports: a chart figure with its
// description and data table, estimate tables, and findings.
import { raw } from 'hono/html';
import type { Estimate } from '../../pipeline/results.js';
import type { Finding } from '../findings.js';
import { VERDICT_LABELS } from '../findings.js';
import { REPORT_CSS } from './styles.js';
import { fmt, fmtCi, fmtInt, fmtP } from '../format.js';
import { safeNote } from '../privacy.js';
import type { DataTable } from '../study-charts.js';

// Long tables fold away (in print too) so a 5,000-organization study stays readable.
const FOLD_ROWS = 25;

export function TableView({ table }: { table: DataTable }) {
  const body = (
    <table>
      <caption>{table.caption}</caption>
      <thead>
        <tr>{table.columns.map((c, i) => <th scope="col" class={i > 0 ? 'num' : undefined}>{c}</th>)}</tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr>{r.map((v, i) => (i === 0 ? <th scope="row">{v}</th> : <td class="num">{v}</td>))}</tr>
        ))}
      </tbody>
    </table>
  );
  if (table.rows.length <= FOLD_ROWS) return body;
  return (
    <details>
      <summary>Show the data as a table ({fmtInt(table.rows.length)} rows)</summary>
      {body}
    </details>
  );
}

export interface FigureProps {
  name: string;
  /** Trusted SVG markup from vega or the report's own builders (text already escaped). */
  svg: string;
  description: string;
  table: DataTable;
}

export function Figure({ name, svg, description, table }: FigureProps) {
  return (
    <figure id={`fig-${name}`} data-chart={name}>
      {raw(svg)}
      <figcaption>{description}</figcaption>
      <TableView table={table} />
    </figure>
  );
}

export function FindingView({ finding }: { finding: Finding }) {
  return (
    <div class={`finding ${finding.verdict}`} data-estimate={finding.id}>
      <h3>
        {finding.heading}
        {!finding.confirmatory && <span class="tag">Exploratory</span>}
      </h3>
      <p class="sentence">{finding.sentence}</p>
      <span class="verdict">{VERDICT_LABELS[finding.verdict]}</span>
    </div>
  );
}

export function EstimateTable({ caption, estimates, holm, k }: { caption: string; estimates: Estimate[]; holm?: boolean; k: number }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Estimate</th>
          <th scope="col">Population</th>
          <th scope="col" class="num">Value</th>
          <th scope="col" class="num">95% CI</th>
          <th scope="col" class="num">{holm ? 'Holm-adjusted p' : 'p'}</th>
          <th scope="col" class="num">n (orgs)</th>
          <th scope="col">Method</th>
        </tr>
      </thead>
      <tbody>
        {estimates.map((e) => (
          <tr data-estimate-row={e.id}>
            <th scope="row">{e.label}</th>
            <td>{e.population}</td>
            {e.suppressed || (e.n !== null && e.n < k) ? (
              <td class="num" colspan={4}>withheld: fewer than {k} respondents{e.note ? ` (${safeNote(e.note, k)})` : ''}</td>
            ) : (
              <>
                <td class="num">{fmt(e.estimate)}</td>
                <td class="num">{fmtCi(e.ci_low, e.ci_high)}</td>
                <td class="num">{fmtP(holm ? (e.p_holm ?? null) : e.p)}</td>
                <td class="num">{e.n === null ? '—' : `${fmtInt(e.n)} (${fmtInt(e.n_orgs)})`}</td>
              </>
            )}
            <td>{e.method}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The <head> every report file shares: inline CSS (the file opens offline) and an empty icon. */
export function ReportHead({ title }: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style id="report-css">{raw(REPORT_CSS)}</style>
      {/* An empty icon: a browser would otherwise ask a host for /favicon.ico. */}
      <link rel="icon" href="data:," />
    </head>
  );
}
