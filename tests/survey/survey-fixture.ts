// Test fixture for the staff survey: a study with one open wave, an organization, fresh
// invite codes and an open link, written through the real repositories; plus a tiny
// form driver that posts a survey page's form the way a browser would.
import type { Kysely } from 'kysely';
import type { Database, WaveStatus } from '../../data/database.js';
import { issueInvites } from '../../data/repositories/invites.js';
import { createOrgLink } from '../../data/repositories/links.js';
import { createOrganizations } from '../../data/repositories/organizations.js';
import { createStudy, createWave } from '../../data/repositories/studies.js';
import { TEST_SECRET } from '../helpers/databases.js';

export interface SurveyFixture {
  waveId: string;
  organizationId: string;
  codes: string[];
  openToken: string;
}

let counter = 0;

export async function seedSurvey(db: Kysely<Database>, options: { codes?: number; status?: WaveStatus; k?: number; closesOn?: string } = {}): Promise<SurveyFixture> {
  counter += 1;
  const study = await createStudy(db, { name: `Survey test ${counter} ${Math.random()}` });
  const wave = await createWave(db, { studyId: study.id, name: 'Wave', status: options.status ?? 'open', k: options.k ?? 5, closesOn: options.closesOn ?? null });
  const [org] = await createOrganizations(db, [{ studyId: study.id, name: `Org ${counter} ${Math.random()}` }]);
  const { codes } = await issueInvites(db, TEST_SECRET, wave.id, org.id, options.codes ?? 3);
  const openToken = await createOrgLink(db, TEST_SECRET, wave.id, org.id, 'open');
  return { waveId: wave.id, organizationId: org.id, codes, openToken };
}

/** The value of a hidden input on a page. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`No hidden field ${name} on the page:\n${html.slice(0, 500)}`);
  return m[1];
}

export function formAction(html: string): string {
  const m = /<form method="post" action="([^"]*)"/.exec(html);
  if (!m) throw new Error('No form on the page.');
  return m[1];
}

type Requester = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** Posts the page's form with its hidden fields, the given answers and the pressed button. */
export async function post(app: Requester, html: string, action: string, fields: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams();
  body.set('_csrf', hiddenValue(html, '_csrf'));
  body.set('_state', hiddenValue(html, '_state'));
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.set('_action', action);
  return app.request(formAction(html), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: body.toString() });
}

/** Answers for every section of an organizer who might leave, in form-field terms. */
export const FORM_ANSWERS: Record<string, Record<string, string | string[]>> = {
  work: { role: 'organizer', tenure_years: '4', fte: 'full' },
  you: { race_black: '1', race_latine: '1', gender: 'woman', age_band: '35_44' },
  organizing: { org_1: '5', org_2: '4', org_3: '4', org_4: '5' },
  mobilizing: { mob_1: '2', mob_2: '2', mob_3: '1' },
  bridge: { br_1: '4', br_2: '3', br_3: '4' },
  culture: { cul_1: '4', cul_2: '5', cul_3: '3', lcb_1: '4', lcb_2: '4', lcb_3: '3' },
  decisions: { dec_1: '3', dec_2: '3', dec_3: '4', val_1: '2', val_2: '2' },
  satisfaction: { sat_1: '6', sat_2r: '2', sat_3: '6' },
  future: { itl_1: '3', itl_2: '4', itl_3: '2', looking: 'yes', stay_2y: 'unsure' },
  leaving: { leave_reason_pay: '1', leave_reason_workload: '1' },
  comment: { comment: 'More time for one-on-ones would help.' },
};
