// Plain-language findings from results.json. Each sentence carries its estimate, 95% CI
// and p exactly as formatted by format.ts; an interval that spans "no difference" (0, or 1
// for a ratio) is reported as no clear difference, never as a finding.
import type { Estimate } from '../pipeline/results.js';
import { fmt, fmtCi, fmtInt, fmtP, plainText } from './format.js';
import { safeNote, withheldText } from './privacy.js';

export type Verdict = 'expected' | 'opposite' | 'unclear' | 'withheld' | 'not_estimable' | 'described';

export interface Finding {
  id: string;
  confirmatory: boolean;
  /** Short heading, e.g. "H1 · Satisfaction". */
  heading: string;
  verdict: Verdict;
  sentence: string;
  /** The confirmatory question in plain words, for the first screen. */
  question?: string;
  /** The estimate and its 95% CI in a few words ("+0.78 points on the 1–7 scale (95% CI 0.06 to 1.50)"), when there is one. */
  glance?: string;
}

interface Template {
  heading: string;
  /** What a positive value means (for ratios: a value above 1). */
  higher: string;
  lower: string;
  /** The comparison, for "no clear difference in ...". */
  topic: string;
  /** Sign the funder study leads us to expect: +1 above the null, −1 below. */
  expected: 1 | -1;
  units: string;
  question: string;
  /** Units for the first screen, short. */
  short: string;
}

const TEMPLATES: Record<string, Template> = {
  'H1.sat_diff': {
    heading: 'H1 · Satisfaction',
    higher: 'Organizers of color were more satisfied in organizing-focused organizations than in mobilizing-focused ones',
    lower: 'Organizers of color were less satisfied in organizing-focused organizations than in mobilizing-focused ones',
    topic: 'satisfaction between organizers of color in organizing-focused and in mobilizing-focused organizations',
    expected: 1,
    units: 'points on the seven-point satisfaction scale',
    question: 'Are organizers of color more satisfied in organizing-focused organizations than in mobilizing-focused ones?',
    short: 'points on the 1–7 satisfaction scale',
  },
  'H2.sep_rate_ratio': {
    heading: 'H2 · Staying',
    higher: 'Organizers of color left organizing-focused organizations more often than mobilizing-focused ones',
    lower: 'Organizers of color left organizing-focused organizations less often than mobilizing-focused ones',
    topic: 'how often organizers of color left organizing-focused and mobilizing-focused organizations',
    expected: -1,
    units: '',
    question: 'Do organizers of color leave organizing-focused organizations less often than mobilizing-focused ones?',
    short: 'times the rate of leaving',
  },
  'H3.itl_diff': {
    heading: 'H3 · Intent to leave',
    higher: 'Organizers of color in organizing-focused organizations were more inclined to leave than those in mobilizing-focused ones',
    lower: 'Organizers of color in organizing-focused organizations were less inclined to leave than those in mobilizing-focused ones',
    topic: 'intent to leave between organizers of color in organizing-focused and in mobilizing-focused organizations',
    expected: -1,
    units: 'points on the five-point intent-to-leave scale',
    question: 'Are organizers of color in organizing-focused organizations less inclined to leave?',
    short: 'points on the 1–5 intent-to-leave scale',
  },
  'H4.orientation_diff': {
    heading: 'H4 · Who leads',
    higher: 'Organizations led by people of color leaned more toward organizing than white-led organizations',
    lower: 'Organizations led by people of color leaned less toward organizing than white-led organizations',
    topic: 'orientation between organizations led by people of color and white-led organizations',
    expected: 1,
    units: 'points on the orientation index (organizing minus mobilizing)',
    question: 'Do organizations led by people of color lean more toward organizing than white-led ones?',
    short: 'points on the orientation index',
  },
  'H5.sat_interaction': {
    heading: 'H5 · Orientation and organizers of color',
    higher: 'The link between an organization\u2019s organizing orientation and satisfaction was stronger for organizers of color than for white organizers',
    lower: 'The link between an organization\u2019s organizing orientation and satisfaction was weaker for organizers of color than for white organizers',
    topic: 'how strongly orientation goes with satisfaction for organizers of color and for white organizers',
    expected: 1,
    units: 'satisfaction points per point of orientation index',
    question: 'Does an organizing orientation matter more for the satisfaction of organizers of color than of white organizers?',
    short: 'extra satisfaction points per point of orientation',
  },
};

/** The value meaning "no difference" on an estimate's scale, or null when nothing is tested. */
export function nullValue(e: Estimate): number | null {
  const scale = e.scale ?? (/ratio/i.test(e.id) ? 'ratio' : e.confirmatory ? 'difference' : undefined);
  if (scale !== undefined && /ratio/.test(scale)) return 1;
  if (scale === 'difference' || scale === 'coefficient' || scale === 'correlation') return 0;
  return null;
}

export function findingFor(e: Estimate, k: number): Finding {
  const t = TEMPLATES[e.id];
  const note = e.note ? plainText(safeNote(e.note, k), k) : null;
  // An exploratory finding's heading is its label; its sentence then starts from the result.
  const heading = t?.heading ?? plainText(e.label, k);
  const base = { id: e.id, confirmatory: e.confirmatory, heading, ...(t ? { question: t.question } : {}) };
  // The population is named in words elsewhere (sentence or label); here only the counts.
  const pop = e.n === null ? '' : e.n_orgs === null ? `; n = ${fmtInt(e.n)}` : `; n = ${fmtInt(e.n)} in ${fmtInt(e.n_orgs)} organizations`;
  if (e.suppressed) {
    return {
      ...base,
      verdict: 'withheld',
      sentence:
        e.withheld && e.withheld.rule !== 'primary'
          ? `Not reported: withheld to protect anonymity (${plainText(withheldText(e, k), k)}).`
          : `Not reported: this estimate would rest on fewer than ${k} respondents in a group, so it was withheld to protect anonymity${note ? ` (${note})` : ''}.`,
    };
  }
  if (e.estimate === null) {
    return { ...base, verdict: 'not_estimable', sentence: `Could not be estimated from this wave${note ? `: ${note}` : ''}.` };
  }
  const p = e.p_holm !== undefined && e.p_holm !== null && !e.confirmatory ? `Holm-adjusted p ${pText(e.p_holm)}` : e.p !== null ? `p ${pText(e.p)}` : '';
  if (e.ci_low === null || e.ci_high === null) {
    // A test statistic (chi-square, log-rank) has no interval: report it with its p.
    const stats = [p, pop.slice(2)].filter(Boolean).join('; ');
    return { ...base, verdict: 'described', sentence: `Test statistic ${fmt(e.estimate)}${stats ? ` (${stats})` : ''}.` };
  }
  const isRatio = nullValue(e) === 1;
  const ratioName = e.scale === 'odds_ratio' ? 'an odds ratio' : e.scale === 'ratio' || /rate/i.test(e.id) ? 'a rate ratio' : 'a ratio';
  const value = isRatio ? `${ratioName} of ${fmt(e.estimate)}` : `${fmt(e.estimate, 2, true)}${t?.units ? ' ' + t.units : ''}`;
  const stats = `(95% CI ${fmt(e.ci_low)} to ${fmt(e.ci_high)}${p ? ', ' + p : ''}${pop})`;
  const glance = t ? `${isRatio ? fmt(e.estimate) : fmt(e.estimate, 2, true)} ${t.short} (95% CI ${fmtCi(e.ci_low, e.ci_high)})` : undefined;
  const ref = nullValue(e);
  if (ref === null) {
    return { ...base, verdict: 'described', sentence: `${fmt(e.estimate)} ${stats}.` };
  }
  const spans = e.ci_low <= ref && e.ci_high >= ref;
  if (spans) {
    const tail = `the estimate was ${value} ${stats}, an interval that includes ${isRatio ? 'equal rates' : 'no difference at all'}.`;
    return {
      ...base,
      glance,
      verdict: 'unclear',
      sentence: t ? `No clear difference in ${t.topic}: ${tail}` : `No clear difference: ${tail}`,
    };
  }
  const above = e.estimate > ref;
  const sign: 1 | -1 = above ? 1 : -1;
  const lead = t ? (above ? t.higher : t.lower) : `${above ? 'Above' : 'Below'} ${isRatio ? 'one' : 'zero'}`;
  const verdict: Verdict = t ? (sign === t.expected ? 'expected' : 'opposite') : 'described';
  return { ...base, glance, verdict, sentence: `${lead}: ${value} ${stats}.` };
}

function pText(p: number): string {
  const s = fmtP(p);
  return s.startsWith('<') ? s : `= ${s}`;
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  expected: 'Clear difference, in the direction the funder study found',
  opposite: 'Clear difference, opposite to the funder study',
  unclear: 'No clear difference',
  withheld: 'Withheld to protect anonymity (a group was too small)',
  not_estimable: 'Could not be estimated',
  described: 'Exploratory: a lead, not a conclusion',
};

/** The first screen's answer to each confirmatory question, in a few words. */
export const SHORT_VERDICTS: Record<Verdict, string> = {
  expected: 'Yes, as the funder study found',
  opposite: 'No: the opposite of what the funder study found',
  unclear: 'Not clear: the data cannot tell',
  withheld: 'Not reported: groups too small',
  not_estimable: 'Could not be estimated',
  described: 'Exploratory',
};

/** Confirmatory findings in hypothesis order, then exploratory ones. */
export function allFindings(confirmatory: Estimate[], exploratory: Estimate[], k: number): { confirmatory: Finding[]; exploratory: Finding[] } {
  const order = (id: string) => {
    const m = /^H(\d+)/.exec(id);
    return m ? Number(m[1]) : 99;
  };
  return {
    confirmatory: [...confirmatory].sort((a, b) => order(a.id) - order(b.id)).map((e) => findingFor(e, k)),
    exploratory: exploratory.map((e) => findingFor(e, k)),
  };
}
