// Every word of the organization profile form, in English and Spanish. The self-assessment
// statements describe the organization (the staff survey asks staff the same constructs).
import type { Lang, StaffGroup } from '../../../data/database.js';

export interface ProfileText {
  title: string;
  intro: string;
  switchTo: string;
  switchLabel: string;
  edLegend: string;
  edRaceLabel: string;
  edRace: Record<'poc' | 'white' | 'unknown', string>;
  edGenderLabel: string;
  genders: Record<string, string>;
  blank: string;
  leadersLegend: string;
  leaders: Record<'senior_total' | 'senior_poc' | 'board_total' | 'board_poc', string>;
  headcountLegend: string;
  headcountHelp: string;
  groupHeader: string;
  stages: Record<'start' | 'hires' | 'sep' | 'end', string>;
  groups: Record<StaffGroup, string>;
  noteLabel: string;
  noteHint: string;
  exitsLegend: string;
  exitsHelp: string;
  bands: Record<number, string>;
  selfLegend: string;
  selfHelp: string;
  scale: [string, string, string, string, string];
  items: Record<string, string>;
  saveDraft: string;
  submit: string;
  actionsHelp: string;
  errorTitle: string;
  draftSaved: string;
  draftWithProblems: string;
  submitted: string;
  statusDraft: string;
  statusSubmitted: string;
  invalidLink: string;
  invalidLinkBody: string;
  closed: string;
  closedBody: string;
  /** On a closed wave's profile page: the organization report, in the page's language. */
  reportLink: string;
  crossSite: string;
  crossSiteBody: string;
  /** Joins the last two words of a list. */
  and: string;
  /** A staff group's missing headcount figures; `{fields}` lists them. */
  missingCounts: string;
  /** Above the missing figures in the error summary: what to do about all of them. */
  missingLead: string;
  /** A choice (the executive director's race) missing from a submission. */
  requiredChoice: string;
  /** Next to a table cell that is only missing. */
  requiredCell: string;
  tooLarge: string;
  tooLargeBody: string;
}

const en: ProfileText = {
  title: 'Organization profile',
  intro: 'Tell us about your organization for this study wave. Figures are used only in your organization\'s report and the pooled study, always under your organization\'s code. Save a draft at any time and come back with this same link.',
  switchTo: 'Español',
  switchLabel: 'Leer esta página en español',
  edLegend: 'Executive director',
  edRaceLabel: 'How does your executive director identify?',
  edRace: { poc: 'A person of color (any race or ethnicity other than white only)', white: 'White only', unknown: 'Unknown, or prefers not to say' },
  edGenderLabel: "Executive director's gender",
  genders: { woman: 'Woman', man: 'Man', nonbinary: 'Nonbinary', self_describe: 'Another gender', prefer_not: 'Prefers not to say' },
  blank: '— choose —',
  leadersLegend: 'Senior leaders and board',
  leaders: { senior_total: 'Senior leaders in total', senior_poc: 'Senior leaders who are people of color', board_total: 'Board members in total', board_poc: 'Board members who are people of color' },
  headcountLegend: 'Staff over the last 12 months',
  headcountHelp: 'For each group: headcount at the start of the 12 months, people hired, people who left (separations) and headcount at the end. Enter 0 where there were none.',
  groupHeader: 'Group',
  stages: { start: 'Start headcount', hires: 'Hires', sep: 'Separations', end: 'End headcount' },
  groups: {
    organizer_poc: 'Organizers, people of color', organizer_white: 'Organizers, white', organizer_unknown: 'Organizers, race unknown',
    other_poc: 'Other staff, people of color', other_white: 'Other staff, white', other_unknown: 'Other staff, race unknown',
  },
  noteLabel: 'Note on headcount (optional)',
  noteHint: 'If the end headcount is not start + hires − separations (for example, people changed roles), explain why here.',
  exitsLegend: 'Tenure of the people who left',
  exitsHelp: 'For each group, how many of the people who left had been with you for each length of time. The counts of a group add up to its separations.',
  bands: { 0: 'Under 1 year', 1: '1–2 years', 2: '2–3 years', 3: '3–5 years', 5: '5–10 years', 10: '10 years or more' },
  selfLegend: 'How your organization works',
  selfHelp: 'How much do you agree with each statement about your organization?',
  scale: ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'],
  items: {
    self_org_1: 'We build relationships and community among the people we work with, beyond any one campaign.',
    self_org_2: 'We listen to the people we organize and set our priorities from what they tell us.',
    self_org_3: 'Members share ownership of our decisions and strategy.',
    self_org_4: 'We invest in developing members as leaders.',
    self_mob_1: 'Our work is organized around campaign goals and deadlines.',
    self_mob_2: 'We move people through a series of actions toward a specific target.',
    self_mob_3: 'We measure success mainly by turnout and the number of people reached.',
    self_mob_4: 'Staff, more than members, set the strategy of our campaigns.',
    self_br_1: 'We organize for its own sake, even when no campaign needs it.',
    self_br_2: 'People we mobilize for a campaign are brought back into ongoing organizing.',
    self_br_3: 'The people we organize are mobilized to act when a campaign needs them.',
  },
  saveDraft: 'Save draft',
  submit: 'Submit profile',
  actionsHelp: 'A draft can be incomplete. Submitting checks that every figure is filled in and adds up.',
  errorTitle: 'There is a problem',
  draftSaved: 'Draft saved. Come back with this same link to finish it.',
  draftWithProblems: 'Draft saved, but some figures do not add up yet: see the messages below. Fix them before you submit.',
  submitted: 'Thank you: the profile is submitted. You can still correct it with this link while the wave is open.',
  statusDraft: 'Status: draft (not yet submitted).',
  statusSubmitted: 'Status: submitted.',
  invalidLink: 'This profile link does not work',
  invalidLinkBody: 'The link may be mistyped or replaced by a newer one. Ask the study team for your organization\'s current profile link.',
  closed: 'This study wave is closed',
  closedBody: 'Profiles can no longer be changed. Contact the study team if a figure needs correcting.',
  reportLink: 'Read your organization’s report (once the study team has published the results)',
  crossSite: 'This form could not be accepted',
  crossSiteBody: 'The form was sent from another website, not from your profile page. Nothing was saved. Open your organization\'s profile link again and save from there.',
  and: 'and',
  missingCounts: 'missing: {fields}.',
  missingLead: 'To submit, every headcount figure is needed: enter 0 where there were none. Or save a draft and come back.',
  requiredChoice: 'Required to submit: choose one (“Unknown” is an answer), or save a draft and come back.',
  requiredCell: 'Enter a number (0 if none).',
  tooLarge: 'This form is too large to accept',
  tooLargeBody: 'What was sent is far larger than a complete profile, so nothing was saved. Go back, shorten the note on headcount, and save again.',
};

const es: ProfileText = {
  title: 'Perfil de la organización',
  intro: 'Cuéntenos sobre su organización para esta ronda del estudio. Las cifras se usan solo en el informe de su organización y en el estudio conjunto, siempre bajo el código de su organización. Puede guardar un borrador en cualquier momento y volver con este mismo enlace.',
  switchTo: 'English',
  switchLabel: 'Read this page in English',
  edLegend: 'Dirección ejecutiva',
  edRaceLabel: '¿Cómo se identifica la persona que ocupa la dirección ejecutiva?',
  edRace: { poc: 'Persona de color (cualquier raza o etnia que no sea solo blanca)', white: 'Solo blanca', unknown: 'Se desconoce, o prefiere no decirlo' },
  edGenderLabel: 'Género de la persona en la dirección ejecutiva',
  genders: { woman: 'Mujer', man: 'Hombre', nonbinary: 'No binario', self_describe: 'Otro género', prefer_not: 'Prefiere no decirlo' },
  blank: '— elija —',
  leadersLegend: 'Liderazgo y junta directiva',
  leaders: { senior_total: 'Líderes de alto nivel en total', senior_poc: 'Líderes de alto nivel que son personas de color', board_total: 'Miembros de la junta en total', board_poc: 'Miembros de la junta que son personas de color' },
  headcountLegend: 'Personal en los últimos 12 meses',
  headcountHelp: 'Para cada grupo: personal al inicio de los 12 meses, contrataciones, salidas y personal al final. Escriba 0 si no hubo ninguno.',
  groupHeader: 'Grupo',
  stages: { start: 'Personal inicial', hires: 'Contrataciones', sep: 'Salidas', end: 'Personal final' },
  groups: {
    organizer_poc: 'Organizadores/as, personas de color', organizer_white: 'Organizadores/as, blancos/as', organizer_unknown: 'Organizadores/as, raza desconocida',
    other_poc: 'Otro personal, personas de color', other_white: 'Otro personal, blanco', other_unknown: 'Otro personal, raza desconocida',
  },
  noteLabel: 'Nota sobre el personal (opcional)',
  noteHint: 'Si el personal final no es inicial + contrataciones − salidas (por ejemplo, hubo cambios de puesto), explique aquí por qué.',
  exitsLegend: 'Antigüedad de las personas que se fueron',
  exitsHelp: 'Para cada grupo, cuántas de las personas que se fueron llevaban cada período en la organización. Las cifras de un grupo suman sus salidas.',
  bands: { 0: 'Menos de 1 año', 1: '1–2 años', 2: '2–3 años', 3: '3–5 años', 5: '5–10 años', 10: '10 años o más' },
  selfLegend: 'Cómo trabaja su organización',
  selfHelp: '¿Qué tan de acuerdo está con cada afirmación sobre su organización?',
  scale: ['Muy en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Muy de acuerdo'],
  items: {
    self_org_1: 'Construimos relaciones y comunidad entre las personas con quienes trabajamos, más allá de cualquier campaña.',
    self_org_2: 'Escuchamos a las personas que organizamos y fijamos nuestras prioridades según lo que nos dicen.',
    self_org_3: 'Los miembros comparten la propiedad de nuestras decisiones y estrategia.',
    self_org_4: 'Invertimos en desarrollar a los miembros como líderes.',
    self_mob_1: 'Nuestro trabajo se organiza en torno a metas y plazos de campaña.',
    self_mob_2: 'Llevamos a las personas por una serie de acciones hacia un objetivo concreto.',
    self_mob_3: 'Medimos el éxito sobre todo por la participación y el número de personas alcanzadas.',
    self_mob_4: 'El personal, más que los miembros, define la estrategia de nuestras campañas.',
    self_br_1: 'Organizamos por el valor de organizar, aunque ninguna campaña lo necesite.',
    self_br_2: 'Las personas que movilizamos para una campaña vuelven a integrarse en la organización continua.',
    self_br_3: 'Las personas que organizamos se movilizan para actuar cuando una campaña las necesita.',
  },
  saveDraft: 'Guardar borrador',
  submit: 'Enviar perfil',
  actionsHelp: 'Un borrador puede estar incompleto. Al enviar se comprueba que todas las cifras estén completas y cuadren.',
  errorTitle: 'Hay un problema',
  draftSaved: 'Borrador guardado. Vuelva con este mismo enlace para terminarlo.',
  draftWithProblems: 'Borrador guardado, pero algunas cifras aún no cuadran: vea los mensajes abajo. Corríjalas antes de enviar.',
  submitted: 'Gracias: el perfil está enviado. Puede corregirlo con este enlace mientras la ronda esté abierta.',
  statusDraft: 'Estado: borrador (aún no enviado).',
  statusSubmitted: 'Estado: enviado.',
  invalidLink: 'Este enlace de perfil no funciona',
  invalidLinkBody: 'Puede que el enlace esté mal escrito o que haya sido reemplazado por uno nuevo. Pida al equipo del estudio el enlace vigente de su organización.',
  closed: 'Esta ronda del estudio está cerrada',
  closedBody: 'Ya no se pueden cambiar los perfiles. Comuníquese con el equipo del estudio si hay que corregir una cifra.',
  reportLink: 'Lea el informe de su organización (cuando el equipo del estudio haya publicado los resultados)',
  crossSite: 'No pudimos aceptar este formulario',
  crossSiteBody: 'El formulario se envió desde otro sitio web, no desde su página de perfil. No se guardó nada. Abra de nuevo el enlace de perfil de su organización y guarde desde allí.',
  and: 'y',
  missingCounts: 'faltan: {fields}.',
  missingLead: 'Para enviar se necesitan todas las cifras del personal: escriba 0 donde no hubo ninguna. O guarde un borrador y vuelva después.',
  requiredChoice: 'Obligatorio para enviar: elija una opción («Se desconoce» es una respuesta), o guarde un borrador y vuelva después.',
  requiredCell: 'Escriba un número (0 si no hay).',
  tooLarge: 'Este formulario es demasiado grande',
  tooLargeBody: 'Lo enviado es mucho más grande que un perfil completo, así que no se guardó nada. Vuelva atrás, acorte la nota sobre el personal y guarde de nuevo.',
};

export const PROFILE_TEXT: Record<Lang, ProfileText> = { en, es };
