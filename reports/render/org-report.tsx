// One organization's report, for its leaders: first its strengths and areas to discuss
// (only differences whose interval excludes zero), then its orientation against the
// study's distribution, each result against the staff of the other organizations, groups
// within the organization, separations, the essay's three questions as a discussion guide,
// and the full list of what the release withheld. Only this organization's figures and
// pooled study figures appear. English or Spanish (org-text.ts), each linking to the other.
import type { OrganizationSummary } from '../../pipeline/results.js';
import { fmt, fmtCi, fmtInt, fmtPct } from '../format.js';
import type { OrgContext } from '../org-context.js';
import { COMPARISON_ORDER, higherIsBetter, rankFindings, shownComparisons, withheldItems, type Ranked } from '../org-findings.js';
import { ORG_TEXT, type OrgText, type ReportLang } from '../org-text.js';
import { safeNote } from '../privacy.js';
import { bodyClass, Figure, ReportHead } from './components.js';
import { differencesSvg, orientationStripSvg } from './org-charts.js';
import { Breakdowns, Discussion, Separations } from './org-sections.js';
import { OrgTrend } from './org-trend.js';

/** Where the same report in another language is, seen from this one. */
export type LanguageHref = (code: string, lang: ReportLang) => string;

/** As the service serves reports: the same address with `?lang=` (the profile link and the admin release pages read it). */
export const servedLanguageHref: LanguageHref = (_code, lang) => `?lang=${lang}`;

export function renderOrgReport(org: OrganizationSummary, ctx: OrgContext, lang: ReportLang = 'en', languageHref: LanguageHref = servedLanguageHref): string {
  const t = ORG_TEXT[lang];
  const other = t.otherLang;
  const k = ctx.k;
  const title = t.title(org.code);
  const page = (
    <html lang={t.htmlLang}>
      <ReportHead title={title} />
      <body class={bodyClass(ctx.synthetic)}>
        <main>
          {ctx.synthetic && (
            // The shared banner's markup, in the report's language.
            <div class="synthetic-banner" role="note" aria-label={t.syntheticLabel}>
              <strong>{t.syntheticStrong}</strong> {t.syntheticBody}
            </div>
          )}
          <header>
            <p class="lang-switch">
              <a href={languageHref(org.code, other.lang)} hreflang={other.lang} lang={other.lang}>{other.text}</a>
            </p>
            <p class="muted">Rootwork · {ctx.studyName} · {ctx.waveName}</p>
            <h1>{title}</h1>
            <p class="lede">
              {t.answered(fmtInt(org.respondents), org.response_rate !== null ? fmtPct(org.response_rate) : null)} {t.promise(k)}
            </p>
          </header>
          <Glance org={org} k={k} t={t} />
          <Orientation org={org} ctx={ctx} t={t} />
          <Comparisons org={org} ctx={ctx} t={t} />
          <Breakdowns org={org} k={k} t={t} />
          <OrgTrend org={org} k={k} lang={lang} />
          <Separations org={org} ctx={ctx} t={t} />
          <Discussion org={org} k={k} t={t} />
          <Withheld org={org} k={k} t={t} />
          <footer>{t.footer(ctx.generatedOn.slice(0, 10))}</footer>
        </main>
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + page.toString();
}

const ci = (r: Ranked, t: OrgText) => `${fmt(r.low)} ${t.to} ${fmt(r.high)}`;

function Glance({ org, k, t }: { org: OrganizationSummary; k: number; t: OrgText }) {
  if (!org.comparisons) return null;
  const { strengths, concerns } = rankFindings(org);
  const name = (m: string) => t.measures[m] ?? m;
  return (
    <section id="glance">
      <h2>{t.glanceH}</h2>
      <h3>{t.strengthsH}</h3>
      {strengths.length > 0 ? (
        <ol data-list="strengths">{strengths.map((r) => <li data-measure={r.measure}>{t.strength(name(r.measure), fmt(r.gain), ci(r, t))}</li>)}</ol>
      ) : (
        <p>{t.noStrengths}</p>
      )}
      <h3>{t.discussH}</h3>
      {concerns.length > 0 ? (
        <ol data-list="concerns">{concerns.map((r) => <li data-measure={r.measure}>{t.concern(name(r.measure), fmt(-r.gain), ci({ ...r, low: -r.high, high: -r.low }, t))}</li>)}</ol>
      ) : (
        <p>{t.noConcerns}</p>
      )}
      <p class="muted">{t.glanceRule(k)}</p>
    </section>
  );
}

function Orientation({ org, ctx, t }: { org: OrganizationSummary; ctx: OrgContext; t: OrgText }) {
  const type = org.orientation_type ? t.types[org.orientation_type] : null;
  const pct = fmtInt(org.orientation_percentile);
  const desc =
    org.orientation_index === null || !ctx.index
      ? ''
      : t.stripDesc(fmt(org.orientation_index, 2, true), pct, fmtInt(ctx.index.count), fmt(ctx.index.q1, 2, true), fmt(ctx.index.q3, 2, true), fmt(ctx.index.median, 2, true));
  return (
    <section id="orientation">
      <h2>{t.orientationH}</h2>
      <div class="cards">
        <div class="card"><span class="big">{fmt(org.organizing_score)}</span>{t.cardOrganizing}</div>
        <div class="card"><span class="big">{fmt(org.mobilizing_score)}</span>{t.cardMobilizing}</div>
        <div class="card"><span class="big">{fmt(org.orientation_index, 2, true)}</span>{t.cardIndex}</div>
        <div class="card"><span class="big">{type ?? '—'}</span>{t.cardType}</div>
      </div>
      <p>
        {type ? t.describedAs(type) : ''}
        {org.orientation_percentile !== null && t.percentile(pct)}
        {t.thresholds(fmt(ctx.thresholds.organizing, 2, true), fmt(ctx.thresholds.mobilizing, 2, true), fmt(ctx.thresholds.integrated_mean))}
      </p>
      {org.orientation_index !== null && ctx.index && (
        <Figure
          name="orientation-strip"
          svg={orientationStripSvg(org.orientation_index, ctx.index, t.stripTitle, desc, { axis: t.stripAxis, legend: t.stripLegend })}
          description={desc}
          table={{
            caption: t.stripCaption,
            columns: t.stripCols,
            rows: [
              [t.stripRows[0], fmt(org.orientation_index, 2, true)],
              [t.stripRows[1], fmt(ctx.index.q1, 2, true)],
              [t.stripRows[2], fmt(ctx.index.median, 2, true)],
              [t.stripRows[3], fmt(ctx.index.q3, 2, true)],
            ],
          }}
        />
      )}
      {org.self_assessment && org.self_assessment.organizing_score !== null && (
        <p>{t.selfAssessment(fmt(org.self_assessment.organizing_score), fmt(org.self_assessment.mobilizing_score), fmt(org.organizing_score), fmt(org.mobilizing_score))}</p>
      )}
    </section>
  );
}

function Comparisons({ org, ctx, t }: { org: OrganizationSummary; ctx: OrgContext; t: OrgText }) {
  const rows = shownComparisons(org);
  const name = (m: string) => t.measures[m] ?? m;
  const tone = (m: string, v: string | null) => (v === 'higher' ? (higherIsBetter(m) ? 'better' : 'worse') : v === 'lower' ? (higherIsBetter(m) ? 'worse' : 'better') : 'same');
  const verdict = (v: string | null) => (v === 'higher' || v === 'lower' || v === 'about_the_same' ? t.verdicts[v] : '—');
  const interval = (lo: number | null, hi: number | null) => fmtCi(lo, hi).replace(' to ', ` ${t.to} `);
  const desc = t.chartDesc(rows.map(([m, c]) => t.chartRow(name(m), fmt(c.difference, 2, true), interval(c.ci_low, c.ci_high), verdict(c.verdict))).join(' '));
  return (
    <section id="results">
      <h2>{t.resultsH}</h2>
      {rows.length > 0 ? (
        <>
          <p>{t.resultsIntro(fmtInt(Math.max(0, ctx.reportableOrgs - 1)))} {t.resultsMethod}</p>
          <Figure
            name="differences"
            svg={differencesSvg(
              rows.map(([m, c]) => ({ label: name(m), difference: c.difference!, ci_low: c.ci_low!, ci_high: c.ci_high!, tone: tone(m, c.verdict) })),
              t.chartTitle,
              desc,
              { axis: t.chartAxis, legend: t.chartLegend },
            )}
            // The table below holds every figure: the caption says only how to read the chart.
            description={t.chartDesc('').trim()}
            table={{
              caption: t.resultsCaption,
              columns: t.resultsCols,
              rows: rows.map(([m, c]) => [name(m), `${fmt(c.mean)} ${t.versus} ${fmt(c.benchmark)}`, `${fmt(c.difference, 2, true)} (${interval(c.ci_low, c.ci_high)}): ${verdict(c.verdict)}`]),
            }}
          />
        </>
      ) : !org.comparisons ? (
        <OwnMeans org={org} ctx={ctx} t={t} />
      ) : (
        <p>{t.noResults}</p>
      )}
    </section>
  );
}

/** Results written before comparisons existed: the staff means beside the study's average organization, without a verdict. */
function OwnMeans({ org, ctx, t }: { org: OrganizationSummary; ctx: OrgContext; t: OrgText }) {
  const rows = COMPARISON_ORDER.filter((m) => org.scales[m] != null);
  if (rows.length === 0) return <p>{t.noResults}</p>;
  return (
    <table>
      <caption>{t.resultsCaption}</caption>
      <thead><tr>{t.resultsCols.slice(0, 2).map((c, i) => <th scope="col" class={i > 0 ? 'num' : undefined}>{c}</th>)}</tr></thead>
      <tbody>{rows.map((m) => <tr><th scope="row">{t.measures[m] ?? m}</th><td class="num">{fmt(org.scales[m])} {t.versus} {fmt(ctx.benchmarks[m]?.mean ?? null)}</td></tr>)}</tbody>
    </table>
  );
}

function Withheld({ org, k, t }: { org: OrganizationSummary; k: number; t: OrgText }) {
  const items = withheldItems(org, k, t);
  return (
    <section id="withheld">
      <h2>{t.withheldH}</h2>
      <p>{t.withheldIntro(k)}</p>
      {items === null ? (
        // Results written before the release pass listed withholdings: their own words.
        org.suppressed.length > 0 ? <ul>{org.suppressed.map((s) => <li>{safeNote(s, k)}</li>)}</ul> : <p>{t.withheldNothing}</p>
      ) : items.length > 0 ? (
        <ul data-list="withheld">{items.map((i) => <li data-cell={i.id}><strong>{i.what}</strong> — {i.why}.</li>)}</ul>
      ) : (
        <p>{t.withheldNothing}</p>
      )}
    </section>
  );
}
