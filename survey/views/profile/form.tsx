// The organization profile form: leadership, headcount by group, tenure at exit and the
// self-assessment, with each problem shown next to its field and linked from a summary.
// Works without JavaScript; one page, saved as a draft or submitted.
import { GENDERS } from '../../../instrument/codebook.js';
import { STAFF_GROUPS, type Lang } from '../../../data/database.js';
import { EXIT_GROUP_FIELD, exitField, headcountField, LEADERSHIP_FIELDS, SELF_FIELDS, STAGES, TENURE_BANDS, type ProfileValues } from '../../../exchange/import/profile-fields.js';
import { Layout } from '../layout.js';
import type { SummaryGroup } from './summary.js';
import { PROFILE_TEXT, type ProfileText } from './text.js';

export interface ProfileFormProps {
  lang: Lang;
  action: string;
  orgCode: string;
  waveName: string;
  values: ProfileValues;
  /** Field name → message, already in `lang`. */
  problems: Map<string, string>;
  /** The error summary, grouped by part of the form (shown when `blocking`). */
  summary?: SummaryGroup[];
  status: 'none' | 'draft' | 'submitted';
  notice?: string;
  /** True when the problems block a submission (an error summary is shown). */
  blocking: boolean;
}

function Problem({ id, problems }: { id: string; problems: Map<string, string> }) {
  const message = problems.get(id);
  return message ? <p id={`${id}-error`} class="error">{message}</p> : null;
}

function NumberInput({ id, label, values, problems, hidden = true }: { id: string; label: string; values: ProfileValues; problems: Map<string, string>; hidden?: boolean }) {
  const error = problems.has(id);
  return (
    <>
      <label for={id} class={hidden ? 'visually-hidden' : undefined}>{label}</label>
      <input id={id} name={id} type="number" inputmode="numeric" min={0} step={1} value={values.numbers[id] ?? ''}
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      <Problem id={id} problems={problems} />
    </>
  );
}

function SelfItem({ field, t, values, problems }: { field: string; t: ProfileText; values: ProfileValues; problems: Map<string, string> }) {
  return (
    <fieldset class="likert" aria-describedby={problems.has(field) ? `${field}-error` : undefined}>
      <legend>{t.items[field]}</legend>
      <Problem id={field} problems={problems} />
      {t.scale.map((label, i) => (
        <label><input type="radio" id={i === 0 ? field : undefined} name={field} value={String(i + 1)} checked={values.numbers[field] === i + 1} /> {i + 1} — {label}</label>
      ))}
    </fieldset>
  );
}

export function profileFormPage(p: ProfileFormProps) {
  const t = PROFILE_TEXT[p.lang];
  const other = p.lang === 'en' ? 'es' : 'en';
  const v = p.values;
  const summary = p.blocking ? (p.summary ?? []) : [];
  return '<!DOCTYPE html>' + (
    <Layout title={`${t.title} · ${p.orgCode}`} lang={p.lang}>
      <p class="lang-switch"><a href={`?lang=${other}`} lang={other} hreflang={other} aria-label={t.switchLabel}>{t.switchTo}</a></p>
      <h1>{t.title}: {p.orgCode}</h1>
      <p class="muted">{p.waveName}</p>
      {summary.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{t.errorTitle}</h2>
          {summary.map((group) => (
            <>
              <h3>{group.title}</h3>
              {group.lead ? <p>{group.lead}</p> : null}
              <ul>{group.entries.map((e) => <li><a href={e.href}><span class="field-name">{e.label}</span> — {e.message}</a></li>)}</ul>
            </>
          ))}
        </div>
      ) : null}
      {p.notice ? <p class="notice" role="status">{p.notice}</p> : null}
      <p>{p.status === 'submitted' ? t.statusSubmitted : p.status === 'draft' ? t.statusDraft : ''} {t.intro}</p>
      <form method="post" action={p.action} novalidate>
        <fieldset>
          <legend>{t.edLegend}</legend>
          <fieldset aria-describedby={p.problems.has('ed_race') ? 'ed_race-error' : undefined}>
            <legend>{t.edRaceLabel}</legend>
            <Problem id="ed_race" problems={p.problems} />
            {(['poc', 'white', 'unknown'] as const).map((r) => (
              <label><input type="radio" id={`ed_race_${r}`} name="ed_race" value={r} checked={v.ed_race === r} /> {t.edRace[r]}</label>
            ))}
          </fieldset>
          <label for="ed_gender">{t.edGenderLabel}</label>
          <select id="ed_gender" name="ed_gender">
            <option value="">{t.blank}</option>
            {GENDERS.map((g) => <option value={g} selected={v.ed_gender === g}>{t.genders[g]}</option>)}
          </select>
        </fieldset>

        <fieldset>
          <legend>{t.leadersLegend}</legend>
          {LEADERSHIP_FIELDS.map((f) => <div class="field"><NumberInput id={f} label={t.leaders[f]} values={v} problems={p.problems} hidden={false} /></div>)}
        </fieldset>

        <fieldset class="has-table">
          <legend>{t.headcountLegend}</legend>
          <p class="hint">{t.headcountHelp}</p>
          <div class="table-scroll grid-table">
            <table>
              <thead><tr><th scope="col">{t.groupHeader}</th>{STAGES.map((s) => <th scope="col">{t.stages[s]}</th>)}</tr></thead>
              <tbody>
                {STAFF_GROUPS.map((g) => (
                  <tr>
                    <th scope="row">{t.groups[g]}</th>
                    {STAGES.map((s) => <td><NumberInput id={headcountField(s, g)} label={`${t.groups[g]}: ${t.stages[s]}`} values={v} problems={p.problems} /></td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label for="headcount_note">{t.noteLabel}</label>
          <p id="headcount_note-hint" class="hint muted">{t.noteHint}</p>
          <Problem id="headcount_note" problems={p.problems} />
          <textarea id="headcount_note" name="headcount_note" rows={3} aria-describedby="headcount_note-hint">{v.headcount_note ?? ''}</textarea>
        </fieldset>

        <fieldset class="has-table">
          <legend>{t.exitsLegend}</legend>
          <p class="hint">{t.exitsHelp}</p>
          <div class="table-scroll grid-table">
            <table>
              <thead><tr><th scope="col">{t.groupHeader}</th>{TENURE_BANDS.map((b) => <th scope="col">{t.bands[b]}</th>)}</tr></thead>
              <tbody>
                {STAFF_GROUPS.map((g) => (
                  <tr>
                    <th scope="row">{t.groups[g]}<Problem id={EXIT_GROUP_FIELD(g)} problems={p.problems} /></th>
                    {TENURE_BANDS.map((b) => <td><NumberInput id={exitField(g, b)} label={`${t.groups[g]}: ${t.bands[b]}`} values={v} problems={p.problems} /></td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t.selfLegend}</legend>
          <p class="hint">{t.selfHelp}</p>
          {SELF_FIELDS.map((f) => <SelfItem field={f} t={t} values={v} problems={p.problems} />)}
        </fieldset>

        <input type="hidden" name="lang" value={p.lang} />
        <p class="muted">{t.actionsHelp}</p>
        <button type="submit" name="action" value="draft" class="secondary">{t.saveDraft}</button>{' '}
        <button type="submit" name="action" value="submit">{t.submit}</button>
      </form>
    </Layout>
  ).toString();
}

export function profileMessagePage({ lang, title, body, link }: { lang: Lang; title: string; body: string; link?: { href: string; text: string } }) {
  return '<!DOCTYPE html>' + (
    <Layout title={title} lang={lang}>
      <h1>{title}</h1>
      <p>{body}</p>
      {link && <p><a href={link.href}>{link.text}</a></p>}
    </Layout>
  ).toString();
}
