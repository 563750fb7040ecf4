// bench/results.md is made of marked sections, one per benchmark (`<!-- NAME:start -->` …
// `<!-- NAME:end -->`), each stating its own date, command and machine load, so that a run
// of one benchmark (`npm run bench -- --only pipeline`, `npm run bench:calibration`) replaces
// its own section and keeps every other.

export const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** `document` with section `name` replaced by `body` (appended when it has none). */
export function withNamedSection(document: string, name: string, body: string): string {
  const { start, end } = markers(name);
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const a = document.indexOf(start);
  const b = document.indexOf(end);
  if (a >= 0 && b > a) return document.slice(0, a) + block + document.slice(b + end.length);
  return `${document.trimEnd()}\n\n${block}\n`;
}

/** Section `name` of `document`, markers included, or '' when it has none. */
export function namedSectionOf(document: string, name: string): string {
  const { start, end } = markers(name);
  const a = document.indexOf(start);
  const b = document.indexOf(end);
  return a >= 0 && b > a ? document.slice(a, b + end.length) : '';
}
