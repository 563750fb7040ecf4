// OpenAPI paths of the admin API (/api/v1/admin/...), with request schemas generated from
// the same zod schemas the routes validate with, so the document cannot drift from them.
import { z } from 'zod';
import { registerOpenApi } from './document.js';
import {
  headcountCapSchema, invitesSchema, openLinkSchema, organizationCreateSchema, releaseCreateSchema, studyCreateSchema,
  waveCloseSchema, waveCreateSchema, waveKSchema, waveOpenSchema,
} from './admin-schemas.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const csvBody = (what: string) => ({ required: true, description: `${what} as CSV (UTF-8; comma, semicolon or tab; header row first). All rows are imported or none.`, content: { 'text/csv': { schema: { type: 'string' } } } });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });

const errors = {
  401: { description: 'Missing, wrong or revoked admin token.', content: { 'application/json': { schema: ref('AdminError') } } },
  404: { description: 'No such study, wave or organization.', content: { 'application/json': { schema: ref('AdminError') } } },
  409: { description: 'Conflicts with existing data (duplicate name, wave not open).', content: { 'application/json': { schema: ref('AdminError') } } },
  422: { description: 'Invalid input; `issues` names each field (or CSV row and column).', content: { 'application/json': { schema: ref('AdminError') } } },
};
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

function op(summary: string, extra: Record<string, unknown> = {}, status = '200', response = ok(summary)) {
  return { summary, tags: ['admin'], security: [{ adminToken: [] }], responses: { [status]: response, ...errors }, ...extra };
}

const study = pathParam('studyId', 'Study id');
const wave = pathParam('waveId', 'Wave id');
const code = pathParam('code', "The organization's pseudonymous code");
const releaseId = pathParam('releaseId', 'Release id');
const query = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });

registerOpenApi({
  paths: {
    '/admin/studies': {
      get: op('List studies'),
      post: op('Create a study', { requestBody: jsonBody('StudyCreate') }, '201'),
    },
    '/admin/studies/{studyId}': { get: op('A study and its waves', { parameters: [study] }) },
    '/admin/studies/{studyId}/waves': {
      get: op("List a study's waves", { parameters: [study] }),
      post: op('Create a wave (draft)', { parameters: [study], requestBody: jsonBody('WaveCreate') }, '201'),
    },
    '/admin/waves/{waveId}': { get: op('A wave', { parameters: [wave] }) },
    '/admin/waves/{waveId}/open': { post: op('Open a wave; k is fixed now (it may later be raised, never lowered)', { parameters: [wave], requestBody: jsonBody('WaveOpen') }) },
    '/admin/waves/{waveId}/close': { post: op('Close a wave', { parameters: [wave], requestBody: jsonBody('WaveClose') }) },
    '/admin/waves/{waveId}/k': { post: op("Raise a wave's k", { parameters: [wave], requestBody: jsonBody('WaveK') }) },
    '/admin/studies/{studyId}/organizations': {
      get: op("List a study's organizations", { parameters: [study] }),
      post: op('Add an organization (it gets a pseudonymous code)', { parameters: [study], requestBody: jsonBody('OrganizationCreate') }, '201'),
    },
    '/admin/studies/{studyId}/organizations/import': {
      post: op('Import organizations from CSV (columns name, contact, size_band, region, budget_band)', { parameters: [study], requestBody: csvBody('Organizations') }, '201'),
    },
    '/admin/waves/{waveId}/organizations/{code}/invites': {
      post: op('Issue single-use invite codes; the answer is the CSV of survey links, shown only this once', { parameters: [wave, code], requestBody: jsonBody('Invites') }, '201', {
        description: 'CSV with columns organization_code, invite_code, survey_link. Header X-Rootwork-Revoked: unused codes revoked first.',
        content: { 'text/csv': { schema: { type: 'string' } } } as never,
      }),
    },
    '/admin/waves/{waveId}/organizations/{code}/open-link': {
      post: op("Enable (a new token; the old one stops working) or disable an organization's open survey link", { parameters: [wave, code], requestBody: jsonBody('OpenLink') }),
    },
    '/admin/organizations/{code}/headcount-cap': {
      post: op("Set (or, with null, remove) an organization's headcount cap, from the study team's own records: it bounds the organization's invites, open-link responses and report in every wave", { parameters: [code], requestBody: jsonBody('HeadcountCap') }),
    },
    '/admin/waves/{waveId}/organizations/{code}/profile-link': {
      post: op("Create the organization's secret profile link (replacing any earlier one), shown once", { parameters: [wave, code] }, '201'),
    },
    '/admin/waves/{waveId}/participation': { get: op('Participation per organization: responses, headcount, response rate, invites issued/used, profile status', { parameters: [wave] }) },
    '/admin/releases': {
      get: op('List published releases, newest first (without their results)', { parameters: [query('study', 'Only this study (id)'), query('wave', 'Only this wave (id)')] }),
      post: op(
        'Publish a pipeline run of the reports folder as a release of its wave. Refused (nothing recorded) with 422 when a file of the run changed since the pipeline wrote it, and with 409 when the wave is open, its data changed since the run (rerun the pipeline), a release was published that the run was not checked against, the run is older than the wave\'s latest release, its k is below the wave\'s or an earlier release\'s, or it was published already',
        { requestBody: jsonBody('ReleaseCreate') },
        '201',
      ),
    },
    '/admin/releases/{releaseId}': { get: op('A release: its k, data fingerprint, withheld cells, the groups it rests on (keys and counts) and the published results', { parameters: [releaseId] }) },
    '/admin/waves/{waveId}/profiles/import': { post: op('Import organization profiles from CSV (org_code + profile columns)', { parameters: [wave], requestBody: csvBody('Profiles') }, '201') },
  },
  schemas: {
    StudyCreate: schema(studyCreateSchema),
    WaveCreate: schema(waveCreateSchema),
    WaveOpen: schema(waveOpenSchema),
    WaveClose: schema(waveCloseSchema),
    WaveK: schema(waveKSchema),
    OrganizationCreate: schema(organizationCreateSchema),
    Invites: schema(invitesSchema),
    OpenLink: schema(openLinkSchema),
    ReleaseCreate: schema(releaseCreateSchema),
    HeadcountCap: schema(headcountCapSchema),
    AdminError: {
      type: 'object',
      required: ['error', 'message'],
      properties: {
        error: { type: 'string' },
        message: { type: 'string', description: 'What is wrong and how to fix it.' },
        issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
});
