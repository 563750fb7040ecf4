// The study report's "Change since the last wave": every compared measure per wave with its
// 95% interval, the change since the previous wave in plain words ('higher', 'lower',
// 'about the same'), the organizations in both waves where they read differently from all,
// and what was not compared or left out, and why. Nothing when the study has no earlier
// published wave (`trends` null or absent).
import { fmt, fmtCi, fmtInt } from '../format.js';
import { safeNote } from '../privacy.js';
import { isRatioSeries, staffText, visiblePoint, waveName } from '../trend-charts.js';
import type { Results, TrendChange, Trends, TrendSeries } from '../../pipeline/results.js';
import { Figure } from './components.js';
import type { RenderedChart } from './study-report.js';

type Verdict = NonNullable<TrendChange['verdict']>;

/** An interval kept on one line (no-break spaces): "4.53 to 4.80" split over three lines reads badly on a phone. */
const nowrap = (s: string) => s.replace(/ /g, '\u00a0');

/**
 * A reason from the pipeline, size-safe: safeNote turns any small number into "fewer than
 * k", which would garble an instrument version ("version 2"); versions are kept as written.
 */
export function reasonText(reason: string, k: number): string {
  const kept: string[] = [];
  const masked = reason.replace(/\bversions?\s+[\w.]+(?:\s+and\s+[\w.]+)?/gi, (m) => {
    kept.push(m);
    return `\uE000${String.fromCharCode(65 + kept.length - 1)}\uE000`;
  });
  return safeNote(masked, k)
    .replace(/\uE000([A-Z])\uE000/g, (_, c: string) => kept[c.charCodeAt(0) - 65])
    .replace(/\bfewer than k\b/gi, (m) => `${m.slice(0, -1)}${k}`);
}

/** The verdict the change's interval supports: the pipeline's, or worked out from the CI when it gave none. */
export function changeVerdict(c: TrendChange, ratio: boolean): Verdict | null {
  if (c.withheld || c.estimate === null) return null;
  if (c.verdict) return c.verdict;
  if (c.ci_low === null || c.ci_high === null) return null;
  const none = ratio ? 1 : 0;
  return c.ci_low > none ? 'higher' : c.ci_high < none ? 'lower' : 'about the same';
}

/** "+0.21 (95% CI +0.05 to +0.37)", or for ratios "1.25 times (95% CI 1.02 to 1.53)". */
export function changeFigure(c: TrendChange, ratio: boolean): string {
  const ci = c.ci_low !== null && c.ci_high !== null ? ` (95% CI ${ratio ? fmtCi(c.ci_low, c.ci_high) : `${fmt(c.ci_low, 2, true)} to ${fmt(c.ci_high, 2, true)}`})` : '';
  return ratio ? `${fmt(c.estimate)} times the earlier ratio${ci}` : `${fmt(c.estimate, 2, true)}${ci}`;
}

function VerdictWord({ verdict }: { verdict: Verdict }) {
  return <strong class="trend-verdict" data-verdict={verdict}>{verdict}</strong>;
}

/** One sentence for a change: its verdict in words, then the figure. */
export function ChangeText({ change, ratio, previous, k }: { change: TrendChange | null; ratio: boolean; previous: string; k: number }) {
  if (!change) return <>No change can be given: the earlier wave has no value to compare with.</>;
  const verdict = changeVerdict(change, ratio);
  if (verdict === null) {
    const why = change.withheld ? reasonText(change.withheld.reason, k) : 'it could not be estimated';
    return <>The change is not shown: {why}.</>;
  }
  const than = verdict === 'about the same' ? `as in ${previous}` : `than in ${previous}`;
  const gloss = verdict === 'about the same' ? ' — the interval includes no change' : '';
  return (
    <>
      <VerdictWord verdict={verdict} /> {than}: a change of {changeFigure(change, ratio)}{gloss}.
    </>
  );
}

function SeriesView({ s, results, trends }: { s: TrendSeries; results: Results; trends: Trends }) {
  const k = results.study.k;
  const ratio = isRatioSeries(s, results);
  const current = s.points.at(-1);
  const previous = s.points.length > 1 ? s.points.at(-2) : undefined;
  const prevName = previous ? waveName(trends, previous.wave_id) : 'the previous wave';
  const curName = current ? waveName(trends, current.wave_id) : results.study.wave_name;
  const all = s.change ? changeVerdict(s.change, ratio) : null;
  const cont = s.change_continuing ? changeVerdict(s.change_continuing, ratio) : null;
  const continuing = trends.waves.find((w) => w.wave_id === current?.wave_id)?.continuing_organizations ?? null;
  const inBoth = continuing !== null && continuing >= k ? `the ${fmtInt(continuing)} organizations` : 'the organizations';
  return (
    <div class={`finding trend ${s.not_compared ? 'not_compared' : ''}`} data-trend={s.id}>
      <h3>{s.label}</h3>
      <table>
        <caption>{s.label}, wave by wave</caption>
        <thead><tr><th scope="col">Wave</th><th scope="col" class="num">Value</th><th scope="col" class="num">95% CI</th></tr></thead>
        <tbody>
          {s.points.map((p) => {
            const v = visiblePoint(p, k);
            return v === null ? (
              <tr data-wave={p.wave_id} data-withheld="true">
                <th scope="row">{waveName(trends, p.wave_id)}</th>
                <td colspan={2}>not shown: {p.withheld ? reasonText(p.withheld.reason, k) : `it would rest on fewer than ${k} respondents`}</td>
              </tr>
            ) : (
              <tr data-wave={p.wave_id}>
                <th scope="row">
                  {waveName(trends, p.wave_id)}
                  {p.n !== null && <><br /><span class="muted">{staffText(p.n, p.n_orgs)}</span></>}
                </th>
                <td class="num">{fmt(v)}</td>
                <td class="num">{nowrap(fmtCi(p.ci_low, p.ci_high))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {s.not_compared ? (
        <p class="sentence" data-not-compared="true">Not compared across waves: {reasonText(s.not_compared, k)}.</p>
      ) : (
        <>
          <p class="sentence" data-change="all">
            In {curName}, all organizations: <ChangeText change={s.change} ratio={ratio} previous={prevName} k={k} />
          </p>
          {s.change_continuing && (cont !== all ? (
            <p class="sentence" data-change="continuing">
              The reading differs for {inBoth} that took part in both waves: <ChangeText change={s.change_continuing} ratio={ratio} previous={prevName} k={k} />{' '}
              Part of the change for all organizations may come from which organizations took part, not from change within them.
            </p>
          ) : (
            <p class="muted" data-change="continuing">
              The same reading for {inBoth} that took part in both waves
              {s.change_continuing.estimate !== null && cont !== null ? `: a change of ${changeFigure(s.change_continuing, ratio)}` : ''}.
            </p>
          ))}
          {!s.change_continuing && s.change && s.continuing_note && (
            <p class="muted" data-change="continuing">
              No separate figure for the organizations in both waves: {reasonText(s.continuing_note, k)}.
            </p>
          )}
        </>
      )}
    </div>
  );
}

export function TrendsSection({ results, charts }: { results: Results; charts: RenderedChart[] }) {
  const trends = results.trends;
  if (!trends) return null;
  const k = results.study.k;
  const compared = trends.series.filter((s) => !s.not_compared);
  const figures = charts.filter((c) => c.def.name.startsWith('trend-'));
  const current = trends.waves.find((w) => w.wave_id === results.study.wave_id) ?? trends.waves.at(-1);
  const earlier = trends.waves.filter((w) => w !== current);
  const glance = compared.flatMap((s) => {
    const v = s.change ? changeVerdict(s.change, isRatioSeries(s, results)) : null;
    return v ? [{ s, v }] : [];
  });
  return (
    <section id="trends">
      <h2>Change since the last wave</h2>
      {earlier.length > 0 ? (
        <p>
          {results.study.wave_name} is compared with the study’s earlier published {earlier.length > 1 ? 'waves' : 'wave'}{' '}
          {earlier.map((w) => w.name).join(', ')}
          {current?.continuing_organizations != null && current.continuing_organizations >= k
            ? `; ${fmtInt(current.continuing_organizations)} organizations had at least ${k} respondents in both ${earlier.at(-1)!.name} and ${current.name}`
            : ''}
          . Each wave asks whoever is on staff at the time, anonymously: no one is followed from one wave to the next, so a change
          describes the study’s staff as a whole, not the same people over time. A change is called “higher” or “lower” only when
          its 95% confidence interval excludes no change; otherwise it is “about the same”.
        </p>
      ) : (
        <p>No earlier wave of the study could be compared with {results.study.wave_name}; the reasons are below.</p>
      )}
      {glance.length > 0 && (
        <ul class="glance">
          {glance.map(({ s, v }) => <li><strong>{s.label}</strong> — {v}.</li>)}
        </ul>
      )}
      {figures.map((c) => <Figure name={c.def.name} svg={c.svg} description={c.def.description} caption={c.def.caption} table={c.def.table} />)}
      {trends.series.map((s) => <SeriesView s={s} results={results} trends={trends} />)}
      {trends.left_out.length > 0 && (
        <>
          <h3>Waves left out of the comparison</h3>
          <ul data-left-out="true">
            {trends.left_out.map((l) => <li data-wave={l.wave_id}><strong>{l.name}:</strong> {reasonText(l.reason, k)}.</li>)}
          </ul>
        </>
      )}
    </section>
  );
}
