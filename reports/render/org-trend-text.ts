// Every word of an organization's "Change since your previous wave", in English and Spanish
// (the organization report's language is the contact's choice). The pipeline's labels and
// notes are English: in Spanish, measures are named from the ids below, and a note or a
// withheld reason is replaced by a general sentence that is true of every such case.
export type TrendLang = 'en' | 'es';
export type TrendVerdict = 'higher' | 'lower' | 'about the same';

export interface OrgTrendText {
  heading: string;
  intro: (previous: string) => string;
  caption: (previous: string) => string;
  cols: { measure: string; now: string; change: string };
  verdicts: Record<TrendVerdict, string>;
  /** The change and its interval, each already formatted ("+0.56"). */
  figure: (change: string, low: string, high: string) => string;
  notShown: string;
  /** Words for a withheld reason; null: say only that it is not shown. */
  reason: ((reason: string) => string) | null;
  noFigure: (note: string) => string;
  /** A measure's name by id; null: the pipeline's label. */
  measure: (id: string, label: string) => string;
}

const en: OrgTrendText = {
  heading: 'Change since your previous wave',
  intro: (previous) =>
    `Your staff’s answers now, next to theirs in ${previous}. Each wave asks whoever is on staff at the time, so a change can come from new people as well as from changed views. A change is called “higher” or “lower” only when its 95% confidence interval excludes no change; otherwise it is “about the same”.`,
  caption: (previous) => `Your organization: ${previous} and now`,
  cols: { measure: 'Measure', now: 'Now', change: 'Change (95% CI)' },
  verdicts: { higher: 'higher', lower: 'lower', 'about the same': 'about the same' },
  figure: (c, lo, hi) => `${c} (95% CI ${lo} to ${hi})`,
  notShown: 'not shown',
  reason: (r) => r,
  noFigure: (note) => `There is no change figure for your organization: ${note}.`,
  measure: (_id, label) => label,
};

// Scale ids as the trends computation names them ('scale.sat'), and the scale score names.
const ES_MEASURES: Record<string, string> = {
  org: 'Prácticas de organización (1–5)',
  mob: 'Prácticas de movilización (1–5)',
  cul: 'Cultura y pertenencia (1–5)',
  lcb: 'Compromiso de la dirección con construir comunidad (1–5)',
  dec: 'Toma de decisiones inclusiva (1–5)',
  val: 'Organizar se valora tanto como otros programas (1–5)',
  sat: 'Satisfacción con el trabajo (1–7)',
  itl: 'Intención de irse (1–5)',
  organizing_score: 'Prácticas de organización (1–5)',
  mobilizing_score: 'Prácticas de movilización (1–5)',
  culture_score: 'Cultura y pertenencia (1–5)',
  leadership_cb_score: 'Compromiso de la dirección con construir comunidad (1–5)',
  decision_score: 'Toma de decisiones inclusiva (1–5)',
  valued_score: 'Organizar se valora tanto como otros programas (1–5)',
  satisfaction_score: 'Satisfacción con el trabajo (1–7)',
  intent_to_leave_score: 'Intención de irse (1–5)',
};

const es: OrgTrendText = {
  heading: 'Cambio desde su ola anterior',
  intro: (previous) =>
    `Las respuestas de su equipo ahora, junto a las de ${previous}. Cada ola pregunta a quienes forman el equipo en ese momento, así que un cambio puede venir de personas nuevas tanto como de opiniones que cambiaron. Un cambio se llama “más alto” o “más bajo” solo cuando su intervalo de confianza del 95 % no incluye el “sin cambio”; si no, es “más o menos igual”.`,
  caption: (previous) => `Su organización: ${previous} y ahora`,
  cols: { measure: 'Medida', now: 'Ahora', change: 'Cambio (intervalo del 95 %)' },
  verdicts: { higher: 'más alto', lower: 'más bajo', 'about the same': 'más o menos igual' },
  figure: (c, lo, hi) => `${c} (${lo} a ${hi})`,
  notShown: 'no se muestra, para proteger el anonimato de su equipo',
  reason: null,
  noFigure: () =>
    'No hay cifra de cambio para su organización: no participó en la ola anterior publicada, o en una de las dos olas respondieron menos personas de las que exigen las reglas de publicación.',
  measure: (id, label) => ES_MEASURES[id.replace(/^scale\./, '')] ?? label,
};

export const ORG_TREND_TEXT: Record<TrendLang, OrgTrendText> = { en, es };
