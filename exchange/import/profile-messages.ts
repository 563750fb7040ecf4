// What each profile problem says, in English and Spanish: next to the field on the form,
// and (in English) in the CSV import's error report. Each says how to fix it.
import type { Lang } from '../../data/database.js';
import type { IssueCode, ProfileIssue } from './profile-fields.js';

type Params = Record<string, number | string>;

const MESSAGES: Record<Lang, Record<IssueCode, (p: Params) => string>> = {
  en: {
    not_count: (p) => `"${p.value}" is not a count: enter a whole number from 0 to ${p.max}, or leave it blank.`,
    not_scale: (p) => `"${p.value}" is not on the scale: choose 1 to 5.`,
    unknown_choice: (p) => `"${p.value}" is not one of the choices.`,
    too_long: (p) => `Too long: use at most ${p.max} characters.`,
    required: () => 'Required to submit: enter a number (0 if none), or save a draft and come back.',
    sep_exceeds: (p) => `Separations (${p.sep}) cannot exceed the start headcount plus hires (${p.available}).`,
    poc_exceeds: (p) => `People of color (${p.poc}) cannot exceed the total (${p.total}).`,
    end_mismatch: (p) => `Start + hires − separations is ${p.expected}, but the end headcount is ${p.end}: correct a figure, or explain the difference in the note on headcount.`,
    exits_exceed: (p) => `The departures by tenure add up to ${p.exits}, more than the ${p.sep} separations.`,
    exits_mismatch: (p) => `The departures by tenure add up to ${p.exits}, but there were ${p.sep} separations: give a tenure band for each departure.`,
  },
  es: {
    not_count: (p) => `"${p.value}" no es un número entero: escriba un número de 0 a ${p.max}, o déjelo en blanco.`,
    not_scale: (p) => `"${p.value}" no está en la escala: elija de 1 a 5.`,
    unknown_choice: (p) => `"${p.value}" no es una de las opciones.`,
    too_long: (p) => `Demasiado largo: use como máximo ${p.max} caracteres.`,
    required: () => 'Obligatorio para enviar: escriba un número (0 si no hay), o guarde un borrador y vuelva después.',
    sep_exceeds: (p) => `Las salidas (${p.sep}) no pueden superar el personal inicial más las contrataciones (${p.available}).`,
    poc_exceeds: (p) => `Las personas de color (${p.poc}) no pueden superar el total (${p.total}).`,
    end_mismatch: (p) => `Inicial + contrataciones − salidas da ${p.expected}, pero el personal final es ${p.end}: corrija una cifra o explique la diferencia en la nota sobre el personal.`,
    exits_exceed: (p) => `Las salidas por antigüedad suman ${p.exits}, más que las ${p.sep} salidas.`,
    exits_mismatch: (p) => `Las salidas por antigüedad suman ${p.exits}, pero hubo ${p.sep} salidas: indique la antigüedad de cada salida.`,
  },
};

export function profileMessage(issue: ProfileIssue, lang: Lang = 'en'): string {
  return MESSAGES[lang][issue.code](issue.params ?? {});
}
