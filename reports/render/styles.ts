// The reports' stylesheet, inlined in each report file so it opens offline. On a narrow
// screen tables of class "stack" become one block per row; charts are drawn at least at
// their own size so their text never shrinks. Print rules keep a chart or table on one page
// and start each appendix on a new one.
export const REPORT_CSS = `
:root { --fg: #1b1b1b; --muted: #555; --accent: #0b5394; --line: #d0d0d0; --good: #1b6e3a; --warn: #8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.25rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
a { color: var(--accent); }
.muted, .caption { color: var(--muted); }
.lede { font-size: 1.1rem; }
.lang-switch { margin: 0 0 .5rem; }
.finding { border-left: 4px solid var(--line); padding: .25rem 0 .25rem .9rem; margin: .9rem 0; }
.finding.expected, .finding.opposite { border-color: var(--accent); }
.finding.withheld, .finding.not_estimable { border-color: var(--warn); }
.verdict { display: inline-block; font-size: .85rem; font-weight: 600; color: var(--muted); }
.tag { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; padding: .05rem .4rem; border: 1px solid var(--muted); border-radius: 3px; margin-left: .4rem; }
figure { margin: 1.5rem 0; padding: .75rem; border: 1px solid var(--line); border-radius: 6px; }
figure svg { max-width: 100%; height: auto; display: block; }
/* Study charts are drawn 340 px wide: never smaller (their text would shrink), larger on a wide screen. */
html[data-report="study"] figure svg { width: 100%; max-width: 34rem; }
figcaption { font-size: .92rem; color: var(--muted); margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details > summary { cursor: pointer; color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card .big { font-size: 1.5rem; font-weight: 700; display: block; }
.question { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.question blockquote { margin: .25rem 0 .5rem; font-style: italic; }
.synthetic-banner { border: 3px solid #8a0000; background: #fff4f4; color: #5c0000; padding: .6rem .9rem; margin: 0 0 1rem; border-radius: 6px; }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted); }
footer .hash { overflow-wrap: anywhere; }
.glance { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: .6rem; }
.glance-item { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: .5rem .8rem; }
.glance-item.expected, .glance-item.opposite { border-left-color: var(--accent); }
.glance-item.withheld, .glance-item.not_estimable { border-left-color: var(--warn); }
.glance-item p { margin: .15rem 0; }
.glance-item .h { font-weight: 700; color: var(--accent); margin-right: .25rem; }
.glance-item .a strong { color: var(--fg); }
.next li { margin: .3rem 0; }
dl.glossary dt { font-weight: 700; margin-top: .6rem; }
dl.glossary dd { margin: 0 0 0 1rem; }
@media (max-width: 40rem) {
  main { padding: .75rem; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; }
  .card .big { font-size: 1.25rem; }
  h1 { font-size: 1.5rem; }
  figure { padding: .5rem .25rem; margin: 1rem 0; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .35rem 0; }
  table.stack th, table.stack td { border: 0; padding: .1rem 0; text-align: left; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  table.stack caption { display: block; }
}
/* Every printed page of a synthetic-data report carries the mark in its top margin. */
body.synthetic { page: synthetic; }
@page synthetic {
  @top-center { content: "Synthetic data — not real responses. Do not cite."; color: #8a0000; font: 600 9pt system-ui, sans-serif; }
}
html[lang="es"] body.synthetic { page: synthetic-es; }
@page synthetic-es {
  @top-center { content: "Datos sintéticos: no son respuestas reales. No los citen."; color: #8a0000; font: 600 9pt system-ui, sans-serif; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .chart, table, tr, .finding, .card, .question, .glance-item, dl.glossary dd { break-inside: avoid; page-break-inside: avoid; }
  /* A figure is its chart and its data table: each kept whole, the table free to start the next page. */
  figure { break-inside: auto; page-break-inside: auto; padding: 0; border: 0; margin: .8rem 0; }
  html[data-report="study"] figure svg { width: auto; max-width: 12cm; max-height: 9.5cm; margin: 0 auto; }
  dl.glossary dt { margin-top: .3rem; }
  dl.glossary dd { margin-left: .6rem; }
  figcaption { font-size: 8.5pt; }
  table { font-size: 8.5pt; margin: .3rem 0 .6rem; }
  th, td { padding: .12rem .4rem; }
  h2 { margin-top: 1.2rem; }
  p, li { orphans: 3; widows: 3; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.appendix { break-before: page; page-break-before: always; }
  details > summary { display: none; }
  a { color: inherit; text-decoration: none; }
  /* On paper the other language's file is out of reach. */
  .lang-switch { display: none; }
}
`;
