// Every word of the organization report, in English and Spanish: staff answer the survey in
// either language, and the contact's choice (carried by the profile link) picks the report's.
// A sentence with numbers is a function, so word order can differ between the languages.
import type { OrientationType } from '../pipeline/results.js';
import { STAFF_GROUP_LABELS } from './format.js';

export type ReportLang = 'en' | 'es';
export const REPORT_LANGS: readonly ReportLang[] = ['en', 'es'];

type Verdict = 'higher' | 'lower' | 'about_the_same';

export interface OrgText {
  htmlLang: string;
  /** The link to the same report in the other language, worded in that language. */
  otherLang: { lang: ReportLang; text: string };
  title: (code: string) => string;
  answered: (n: string, rate: string | null) => string;
  promise: (k: number) => string;
  types: Record<OrientationType, string>;
  measures: Record<string, string>;
  staffGroups: Record<string, string>;
  breakdownGroups: Record<'organizers' | 'other_staff' | 'poc' | 'white', string>;
  verdicts: Record<Verdict, string>;
  bands: Record<'disagree' | 'neutral' | 'agree' | 'no_answer', string>;
  questions: Record<string, { question: string; prompt: string }>;
  // At a glance
  glanceH: string;
  strengthsH: string;
  discussH: string;
  strength: (measure: string, diff: string, ci: string) => string;
  concern: (measure: string, diff: string, ci: string) => string;
  noStrengths: string;
  noConcerns: string;
  glanceRule: (k: number) => string;
  // Orientation
  orientationH: string;
  cardOrganizing: string;
  cardMobilizing: string;
  cardIndex: string;
  cardType: string;
  describedAs: (type: string) => string;
  percentile: (p: string) => string;
  thresholds: (org: string, mob: string, mean: string) => string;
  stripTitle: string;
  stripDesc: (index: string, p: string, count: string, q1: string, q3: string, median: string) => string;
  stripCaption: string;
  stripCols: [string, string];
  stripRows: [string, string, string, string];
  stripAxis: string;
  stripLegend: string;
  selfAssessment: (so: string, sm: string, o: string, m: string) => string;
  // Results against the study
  resultsH: string;
  resultsIntro: (orgs: string) => string;
  resultsMethod: string;
  resultsCaption: string;
  /** Three columns, so the table fits a 390 px phone: measure, the two means, the difference with its verdict. */
  resultsCols: [string, string, string];
  versus: string;
  chartTitle: string;
  chartAxis: string;
  chartLegend: string;
  chartDesc: (rows: string) => string;
  chartRow: (measure: string, diff: string, ci: string, verdict: string) => string;
  noResults: string;
  notShown: string;
  question: (i: number) => string;
  // Breakdowns
  breakdownH: string;
  breakdownIntro: (k: number) => string;
  breakdownCaption: (measure: string, by: 'role' | 'race') => string;
  breakdownCols: [string, string];
  breakdownNone: string;
  // Trend slot lives in org-trend.tsx.
  // Separations
  separationsH: string;
  separationsCaption: string;
  /** Three columns, so the table fits a 390 px phone. */
  separationsCols: [string, string, string];
  separationsRule: (min: number, k: number) => string;
  smallGroup: string;
  fewerThan: (k: number) => string;
  noProfile: string;
  studySepCaption: string;
  studySepCols: [string, string, string];
  to: string;
  // Discussion
  discussionH: string;
  discussionIntro: string;
  staffAverage: string;
  ofFive: string;
  selfAverage: string;
  tableCaption: (n: string, k: number) => string;
  all: string;
  answerCols: [string, string];
  countedWithNeither: string;
  tableNotShown: (k: number) => string;
  skippedMerged: (k: number) => string;
  toDiscuss: string;
  // Withheld
  withheldH: string;
  withheldIntro: (k: number) => string;
  withheldNothing: string;
  withheldItem: Record<string, string>;
  withheldRule: Record<'primary' | 'complementary' | 'differencing' | 'k-anonymity' | 'linear-combination', (k: number) => string>;
  withheldTable: (i: number) => string;
  withheldBreakdown: (k: number) => string;
  withheldTableWhy: (k: number) => string;
  footer: (date: string) => string;
  syntheticLabel: string;
  syntheticStrong: string;
  syntheticBody: string;
}

const en: OrgText = {
  htmlLang: 'en',
  otherLang: { lang: 'es', text: 'Leer este informe en español' },
  title: (code) => `Organization report — ${code}`,
  answered: (n, rate) => `${n} of your staff answered${rate ? ` (${rate} of your headcount)` : ''}.`,
  promise: (k) => `This report shows your staff’s answers only as averages and groups of at least ${k} people, next to figures pooled across the whole study. No individual answer, and no other organization’s figures, appear here.`,
  types: { organizing: 'organizing-focused', mobilizing: 'mobilizing-focused', integrated: 'integrated', low: 'low-intensity' },
  measures: {
    satisfaction_score: 'Job satisfaction',
    intent_to_leave_score: 'Intent to leave',
    culture_score: 'Culture and belonging',
    leadership_cb_score: 'Leadership commitment to community building',
    decision_score: 'Inclusive decision making',
    valued_score: 'Organizing valued as much as other programs',
    br_1: 'Question 1: organizing for its own sake',
    br_2: 'Question 2: the mobilized brought back to organizers',
    br_3: 'Question 3: the organized moved to act',
  },
  staffGroups: STAFF_GROUP_LABELS,
  breakdownGroups: { organizers: 'Organizers', other_staff: 'Other staff', poc: 'Staff of color', white: 'White staff' },
  verdicts: { higher: 'higher', lower: 'lower', about_the_same: 'about the same' },
  bands: { disagree: 'Disagree (1–2)', neutral: 'Neither (3)', agree: 'Agree (4–5)', no_answer: 'Did not answer' },
  questions: {
    br_1: {
      question: 'Is there a dedicated effort to organize for the sake of organizing? Or is there only organizing for the purposes of mobilization?',
      prompt: 'Where does organizing happen here without a campaign deadline attached? Who protects that time?',
    },
    br_2: {
      question: 'Is there a dedicated effort to organize the people mobilized to act? Is there a process to push those mobilized back into the arms of organizers?',
      prompt: 'After an action, what happens to the people who turned out? Who follows up, and is that anyone’s job?',
    },
    br_3: {
      question: 'Is there a dedicated effort to mobilize those who are organized? Teasing out people that are engaged and pushing them to act.',
      prompt: 'How do people in your base move from being engaged to taking action? What makes that step easy or hard?',
    },
  },
  glanceH: 'Strengths and areas to discuss',
  strengthsH: 'Strengths',
  discussH: 'Areas to discuss',
  strength: (m, d, ci) => `${m}: your staff are ${d} points better off than staff elsewhere in the study (95% interval ${ci}).`,
  concern: (m, d, ci) => `${m}: your staff are ${d} points worse off than staff elsewhere in the study (95% interval ${ci}).`,
  noStrengths: 'No result is clearly better than the rest of the study: every difference in your favour could be chance.',
  noConcerns: 'No result is clearly worse than the rest of the study: every difference against you could be chance.',
  glanceRule: (k) => `Listed only where the 95% interval of the difference excludes zero, strongest first (by the end of the interval nearest zero), and only from results that rest on at least ${k} of your staff.`,
  orientationH: 'Organizing and mobilizing',
  cardOrganizing: 'organizing practices (1–5)',
  cardMobilizing: 'mobilizing practices (1–5)',
  cardIndex: 'orientation index (organizing − mobilizing)',
  cardType: 'orientation type',
  describedAs: (t) => `Your staff describe your organization as ${t}. `,
  percentile: (p) => `Its orientation index is higher than that of about ${p}% of participating organizations. `,
  thresholds: (o, m, mean) => `Types use the study’s thresholds: organizing-focused at an index of ${o} or more, mobilizing-focused at ${m} or less, otherwise integrated when both scores are at least ${mean}, and low-intensity if not.`,
  stripTitle: 'Your orientation index against the study',
  stripDesc: (i, p, c, q1, q3, med) => `Your organization’s orientation index is ${i}, higher than about ${p}% of ${c} organizations; the study’s middle half runs from ${q1} to ${q3}, median ${med}.`,
  stripCaption: 'Orientation index: your organization and the study',
  stripCols: ['', 'Orientation index'],
  stripRows: ['Your organization', 'Study: 25th percentile', 'Study: median', 'Study: 75th percentile'],
  stripAxis: 'Organizing minus mobilizing (points)',
  stripLegend: 'Box: middle half. Dot: you.',
  selfAssessment: (so, sm, o, m) => `In your profile, your organization rated itself ${so} on organizing and ${sm} on mobilizing; your staff’s averages are ${o} and ${m}. A gap between the two is worth talking about.`,
  resultsH: 'Your results against the study',
  resultsIntro: (orgs) => `Each result compares your staff with the staff, pooled, of the study’s other organizations with a report (up to ${orgs}; an organization whose own figure is withheld is left out).`,
  resultsMethod: 'Difference: your staff’s mean minus theirs. The 95% interval uses Welch’s method for two independent groups with unequal spread. A result is called higher or lower only when that interval excludes zero; otherwise it is about the same, because a difference that small could be chance.',
  resultsCaption: 'Your staff and the rest of the study',
  resultsCols: ['Measure', 'Your staff vs the others', 'Difference (95% interval) and verdict'],
  versus: 'vs',
  chartTitle: 'Differences from the rest of the study',
  chartAxis: 'Your staff minus the others (points)',
  chartLegend: 'Dot: difference. Bar: 95% interval.',
  chartDesc: (rows) => `Each bar is the 95% interval of the difference between your staff and the rest of the study. ${rows}`,
  chartRow: (m, d, ci, v) => `${m}: ${d} (${ci}), ${v}.`,
  noResults: 'No result could be compared: too few of your staff answered these questions.',
  notShown: 'not shown',
  question: (i) => `Question ${i}`,
  breakdownH: 'Within your organization: role and race groups',
  breakdownIntro: (k) => `Satisfaction and intent to leave for groups of your staff. A group is shown only when it has at least ${k} people and the rest of your staff also has at least ${k}, so subtracting a group from your total can never point to fewer than ${k} people.`,
  breakdownCaption: (m, by) => `${m} by ${by === 'role' ? 'role group' : 'race group'}`,
  breakdownCols: ['Group', 'Your staff’s mean'],
  breakdownNone: 'No group could be shown: each would rest on fewer people than the rules allow.',
  separationsH: 'Separations in the last 12 months',
  separationsCaption: 'From your organization profile: separations ÷ mean of start and end headcount',
  separationsCols: ['Staff group', 'Separations / mean headcount', 'Rate'],
  separationsRule: (min, k) => `A rate is shown only for a group with a mean headcount of at least ${min}: in a smaller group one departure moves the rate by 20 points or more, so the rate says little. For such groups only the counts are shown, and a count from 1 to ${k - 1} reads “fewer than ${k}”.`,
  smallGroup: 'no rate',
  fewerThan: (k) => `fewer than ${k}`,
  noProfile: 'Your organization profile was not filled in, so there are no separation rates for it.',
  studySepCaption: 'Study-wide separation rates of organizers of color by orientation type, pooled over all organizations',
  studySepCols: ['Group', 'Rate', '95% interval'],
  to: 'to',
  discussionH: 'Discussion guide: the essay’s three questions',
  discussionIntro: 'Marty Kearns’s essay “Organizing or Mobilizing” asks three questions of any campaign. Your staff rated each from 1 (strongly disagree) to 5 (strongly agree). Use them to open a conversation with staff and leaders.',
  staffAverage: 'Your staff’s average:',
  ofFive: 'of 5',
  selfAverage: 'your profile’s self-assessment:',
  tableCaption: (n, k) => `How your ${n} staff who took the survey answered (groups under ${k} are not shown)`,
  all: 'All',
  answerCols: ['Answer', 'People'],
  countedWithNeither: 'counted with Neither',
  tableNotShown: (k) => `Not shown: a band would hold fewer than ${k} people or show how every person answered, so it is shown only together with another.`,
  skippedMerged: (k) => `Fewer than ${k} people skipped this question: they are counted with “Neither”.`,
  toDiscuss: 'To discuss:',
  withheldH: 'What was withheld, and why',
  withheldIntro: (k) => `To keep every answer anonymous, no figure here rests on fewer than ${k} of your staff. This is the full list of what the release withheld from this report:`,
  withheldNothing: 'Nothing was withheld from this report.',
  withheldItem: {
    respondents: 'How many of your staff answered, and your response rate',
    export: 'Your staff’s rows in the study’s respondent data file',
    orientation: 'Your organizing and mobilizing scores and orientation type',
    organizing_score: 'Organizing practices',
    mobilizing_score: 'Mobilizing practices',
    compare: 'compared with the study',
    breakdown: 'by group',
  },
  withheldRule: {
    primary: (k) => `fewer than ${k} people behind it, or their answers would show how each person answered`,
    complementary: () => 'hidden so that another hidden figure cannot be worked out from it',
    differencing: (k) => `it would differ from a figure published earlier by fewer than ${k} people`,
    'k-anonymity': (k) => `rows are shown only in groups of at least ${k} people who look alike`,
    'linear-combination': (k) => `adding and subtracting other published figures would otherwise point to fewer than ${k} people`,
  },
  withheldTable: (i) => `Question ${i}: some cells of the answer table`,
  withheldBreakdown: (k) => `fewer than ${k} people in this group or in the rest of your staff (your total minus this group would point to them), or their answers would show how each person answered`,
  withheldTableWhy: (k) => `a band would hold fewer than ${k} people or show how every person answered`,
  footer: (d) => `Generated by Rootwork on ${d}. Organization codes are pseudonymous.`,
  syntheticLabel: 'Synthetic data',
  syntheticStrong: 'Synthetic data — not real responses.',
  syntheticBody: 'This report was made from answers generated by Rootwork’s synthetic-study generator, which plants the funder study’s effects on purpose. Its findings describe made-up data: do not cite them or act on them.',
};

const es: OrgText = {
  htmlLang: 'es',
  otherLang: { lang: 'en', text: 'Read this report in English' },
  title: (code) => `Informe de la organización — ${code}`,
  answered: (n, rate) => `Respondieron ${n} personas de su equipo${rate ? ` (el ${rate} de su plantilla)` : ''}.`,
  promise: (k) => `Este informe muestra las respuestas de su equipo solo como promedios y grupos de al menos ${k} personas, junto a cifras del conjunto del estudio. Aquí no aparece ninguna respuesta individual ni cifras de otras organizaciones.`,
  types: { organizing: 'centrada en organizar', mobilizing: 'centrada en movilizar', integrated: 'integrada', low: 'de baja intensidad' },
  measures: {
    satisfaction_score: 'Satisfacción con el trabajo',
    intent_to_leave_score: 'Intención de irse',
    culture_score: 'Cultura y pertenencia',
    leadership_cb_score: 'Compromiso de la dirección con construir comunidad',
    decision_score: 'Toma de decisiones inclusiva',
    valued_score: 'Organizar se valora tanto como otros programas',
    br_1: 'Pregunta 1: organizar por el valor de organizar',
    br_2: 'Pregunta 2: las personas movilizadas vuelven a quienes organizan',
    br_3: 'Pregunta 3: las personas organizadas pasan a la acción',
  },
  staffGroups: {
    organizer_poc: 'Organizadores de color',
    organizer_white: 'Organizadores blancos',
    organizer_unknown: 'Organizadores, raza sin registrar',
    other_poc: 'Resto del personal de color',
    other_white: 'Resto del personal blanco',
    other_unknown: 'Resto del personal, raza sin registrar',
  },
  breakdownGroups: { organizers: 'Organizadores', other_staff: 'Resto del personal', poc: 'Personal de color', white: 'Personal blanco' },
  verdicts: { higher: 'más alto', lower: 'más bajo', about_the_same: 'más o menos igual' },
  bands: { disagree: 'En desacuerdo (1–2)', neutral: 'Ni una cosa ni otra (3)', agree: 'De acuerdo (4–5)', no_answer: 'Sin respuesta' },
  questions: {
    br_1: {
      question: '¿Hay un esfuerzo dedicado a organizar por el valor de organizar? ¿O solo se organiza para movilizar?',
      prompt: '¿Dónde se organiza aquí sin una fecha límite de campaña? ¿Quién protege ese tiempo?',
    },
    br_2: {
      question: '¿Hay un esfuerzo dedicado a organizar a las personas movilizadas? ¿Hay un proceso para devolver a quienes se movilizan a manos de quienes organizan?',
      prompt: 'Después de una acción, ¿qué pasa con las personas que vinieron? ¿Quién les da seguimiento y es tarea de alguien?',
    },
    br_3: {
      question: '¿Hay un esfuerzo dedicado a movilizar a quienes ya están organizados? Identificar a las personas comprometidas e impulsarlas a actuar.',
      prompt: '¿Cómo pasan las personas de su base de estar comprometidas a actuar? ¿Qué facilita o dificulta ese paso?',
    },
  },
  glanceH: 'Fortalezas y temas para conversar',
  strengthsH: 'Fortalezas',
  discussH: 'Temas para conversar',
  strength: (m, d, ci) => `${m}: su equipo está ${d} puntos mejor que el personal del resto del estudio (intervalo del 95 %: ${ci}).`,
  concern: (m, d, ci) => `${m}: su equipo está ${d} puntos peor que el personal del resto del estudio (intervalo del 95 %: ${ci}).`,
  noStrengths: 'Ningún resultado es claramente mejor que el resto del estudio: cada diferencia a su favor podría deberse al azar.',
  noConcerns: 'Ningún resultado es claramente peor que el resto del estudio: cada diferencia en su contra podría deberse al azar.',
  glanceRule: (k) => `Solo aparecen cuando el intervalo del 95 % de la diferencia no incluye el cero, de más a menos claro (según el extremo del intervalo más cercano a cero), y solo con resultados basados en al menos ${k} personas de su equipo.`,
  orientationH: 'Organizar y movilizar',
  cardOrganizing: 'prácticas de organización (1–5)',
  cardMobilizing: 'prácticas de movilización (1–5)',
  cardIndex: 'índice de orientación (organizar − movilizar)',
  cardType: 'tipo de orientación',
  describedAs: (t) => `Su equipo describe a su organización como ${t}. `,
  percentile: (p) => `Su índice de orientación es más alto que el de cerca del ${p} % de las organizaciones participantes. `,
  thresholds: (o, m, mean) => `Los tipos siguen los umbrales del estudio: centrada en organizar con un índice de ${o} o más, centrada en movilizar con ${m} o menos; si no, integrada cuando ambas puntuaciones son de al menos ${mean}, y de baja intensidad si no lo son.`,
  stripTitle: 'Su índice de orientación frente al estudio',
  stripDesc: (i, p, c, q1, q3, med) => `El índice de orientación de su organización es ${i}, más alto que cerca del ${p} % de ${c} organizaciones; la mitad central del estudio va de ${q1} a ${q3}, con mediana ${med}.`,
  stripCaption: 'Índice de orientación: su organización y el estudio',
  stripCols: ['', 'Índice de orientación'],
  stripRows: ['Su organización', 'Estudio: percentil 25', 'Estudio: mediana', 'Estudio: percentil 75'],
  stripAxis: 'Organizar menos movilizar (puntos)',
  stripLegend: 'Caja: mitad central. Punto: ustedes.',
  selfAssessment: (so, sm, o, m) => `En su perfil, su organización se calificó con ${so} en organizar y ${sm} en movilizar; los promedios de su equipo son ${o} y ${m}. Vale la pena conversar sobre la distancia entre ambos.`,
  resultsH: 'Sus resultados frente al estudio',
  resultsIntro: (orgs) => `Cada resultado compara a su equipo con el personal, en conjunto, de las demás organizaciones del estudio que tienen informe (hasta ${orgs}; se deja fuera a una organización cuya propia cifra está oculta).`,
  resultsMethod: 'Diferencia: el promedio de su equipo menos el de ese personal. El intervalo del 95 % usa el método de Welch para dos grupos independientes con dispersión distinta. Un resultado se llama más alto o más bajo solo cuando ese intervalo no incluye el cero; si no, es más o menos igual, porque una diferencia tan pequeña podría deberse al azar.',
  resultsCaption: 'Su equipo y el resto del estudio',
  resultsCols: ['Medida', 'Su equipo frente a los demás', 'Diferencia (intervalo del 95 %) y veredicto'],
  versus: 'frente a',
  chartTitle: 'Diferencias con el resto del estudio',
  chartAxis: 'Su equipo menos los demás (puntos)',
  chartLegend: 'Punto: diferencia. Barra: intervalo del 95 %.',
  chartDesc: (rows) => `Cada barra es el intervalo del 95 % de la diferencia entre su equipo y el resto del estudio. ${rows}`,
  chartRow: (m, d, ci, v) => `${m}: ${d} (${ci}), ${v}.`,
  noResults: 'No se pudo comparar ningún resultado: muy pocas personas de su equipo respondieron estas preguntas.',
  notShown: 'no se muestra',
  question: (i) => `Pregunta ${i}`,
  breakdownH: 'Dentro de su organización: grupos por función y por raza',
  breakdownIntro: (k) => `Satisfacción e intención de irse por grupos de su equipo. Un grupo se muestra solo cuando tiene al menos ${k} personas y el resto de su equipo también tiene al menos ${k}, así que restar un grupo de su total nunca señala a menos de ${k} personas.`,
  breakdownCaption: (m, by) => `${m} por ${by === 'role' ? 'función' : 'raza'}`,
  breakdownCols: ['Grupo', 'Promedio de su equipo'],
  breakdownNone: 'No se pudo mostrar ningún grupo: cada uno tendría menos personas de las que permiten las reglas.',
  separationsH: 'Salidas de personal en los últimos 12 meses',
  separationsCaption: 'Según el perfil de su organización: salidas ÷ promedio de la plantilla inicial y final',
  separationsCols: ['Grupo', 'Salidas / plantilla media', 'Tasa'],
  separationsRule: (min, k) => `Solo se muestra la tasa de un grupo con una plantilla media de al menos ${min}: en un grupo más pequeño una sola salida mueve la tasa 20 puntos o más, y la tasa dice poco. Para esos grupos se muestran solo los conteos, y un conteo de 1 a ${k - 1} se indica como “menos de ${k}”.`,
  smallGroup: 'sin tasa',
  fewerThan: (k) => `menos de ${k}`,
  noProfile: 'El perfil de su organización no se completó, así que no hay tasas de salida.',
  studySepCaption: 'Tasas de salida de organizadores de color en todo el estudio, por tipo de orientación, con todas las organizaciones en conjunto',
  studySepCols: ['Grupo', 'Tasa', 'Intervalo del 95 %'],
  to: 'a',
  discussionH: 'Guía para conversar: las tres preguntas del ensayo',
  discussionIntro: 'El ensayo de Marty Kearns “Organizing or Mobilizing” (organizar o movilizar) plantea tres preguntas a toda campaña. Su equipo calificó cada una de 1 (muy en desacuerdo) a 5 (muy de acuerdo). Úsenlas para abrir una conversación con el personal y la dirección.',
  staffAverage: 'Promedio de su equipo:',
  ofFive: 'de 5',
  selfAverage: 'autoevaluación de su perfil:',
  tableCaption: (n, k) => `Cómo respondieron las ${n} personas de su equipo que hicieron la encuesta (no se muestran grupos de menos de ${k})`,
  all: 'Total',
  answerCols: ['Respuesta', 'Personas'],
  countedWithNeither: 'contadas con “Ni una cosa ni otra”',
  tableNotShown: (k) => `No se muestra: una categoría tendría menos de ${k} personas o mostraría cómo respondió cada persona, así que solo se muestra junto con otra.`,
  skippedMerged: (k) => `Menos de ${k} personas no respondieron esta pregunta: se cuentan con “Ni una cosa ni otra”.`,
  toDiscuss: 'Para conversar:',
  withheldH: 'Qué se ocultó y por qué',
  withheldIntro: (k) => `Para que ninguna respuesta se pueda identificar, ninguna cifra de este informe se basa en menos de ${k} personas de su equipo. Esta es la lista completa de lo que la publicación ocultó en este informe:`,
  withheldNothing: 'No se ocultó nada en este informe.',
  withheldItem: {
    respondents: 'Cuántas personas de su equipo respondieron y su tasa de respuesta',
    export: 'Las filas de su equipo en el archivo de datos de personas encuestadas',
    orientation: 'Sus puntuaciones de organizar y movilizar y su tipo de orientación',
    organizing_score: 'Prácticas de organización',
    mobilizing_score: 'Prácticas de movilización',
    compare: 'frente al estudio',
    breakdown: 'por grupo',
  },
  withheldRule: {
    primary: (k) => `hay menos de ${k} personas detrás, o sus respuestas mostrarían cómo respondió cada persona`,
    complementary: () => 'se oculta para que otra cifra oculta no pueda calcularse a partir de ella',
    differencing: (k) => `se diferenciaría de una cifra publicada antes en menos de ${k} personas`,
    'k-anonymity': (k) => `las filas solo se muestran en grupos de al menos ${k} personas parecidas`,
    'linear-combination': (k) => `sumando y restando otras cifras publicadas se llegaría a menos de ${k} personas`,
  },
  withheldTable: (i) => `Pregunta ${i}: algunas casillas de la tabla de respuestas`,
  withheldBreakdown: (k) => `hay menos de ${k} personas en este grupo o en el resto de su equipo (su total menos este grupo las señalaría), o sus respuestas mostrarían cómo respondió cada persona`,
  withheldTableWhy: (k) => `una categoría tendría menos de ${k} personas o mostraría cómo respondió cada persona`,
  footer: (d) => `Generado por Rootwork el ${d}. Los códigos de las organizaciones son seudónimos.`,
  syntheticLabel: 'Datos sintéticos',
  syntheticStrong: 'Datos sintéticos: no son respuestas reales.',
  syntheticBody: 'Este informe se hizo con respuestas generadas por el generador de estudios sintéticos de Rootwork, que introduce a propósito los efectos del estudio. Sus resultados describen datos inventados: no los citen ni actúen a partir de ellos.',
};

export const ORG_TEXT: Record<ReportLang, OrgText> = { en, es };

/** `?lang=` or a stored choice, checked: anything else is English. */
export function reportLang(v: unknown): ReportLang {
  return v === 'es' ? 'es' : 'en';
}
