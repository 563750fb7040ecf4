// The `rootwork admin` subcommands: each parses its flags, opens the configured database,
// calls the same data functions as the admin API and pages, and prints data to stdout
// (ids, codes, tab-separated lists, CSV) and notes to stderr.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../../data/config.js';
import type { Database } from '../../data/database.js';
import { addOrganizations, importOrganizationsCsv, organizationInputSchema } from '../../exchange/import/organizations-csv.js';
import { importProfilesCsv } from '../../exchange/import/profiles-csv.js';
import { InvalidInputError } from '../../data/errors.js';
import { AtomicWriteError, writeFileAtomic } from '../../pipeline/atomic-write.js';
import { createAdminToken, listAdminTokens, revokeAdminToken } from '../../data/repositories/admin-tokens.js';
import { inviteLinksCsv, issueInviteBatch, orgInWave } from '../../data/repositories/invites.js';
import { issueOrgLink, setOrgLinkEnabled } from '../../data/repositories/links.js';
import { listOrganizations } from '../../data/repositories/organizations.js';
import { waveParticipation } from '../../data/repositories/participation.js';
import { closeWave, createStudy, createWave, findStudy, listStudies, listWaves, openWave, raiseWaveK, setStudyTimeZone } from '../../data/repositories/studies.js';
import { intFlag, parse, UsageError, type CommandContext } from '../args.js';
import { openConfigured } from '../open.js';
import { resolveWave, waveChoice } from '../wave.js';

type Action = (argv: string[], ctx: CommandContext) => Promise<number | void>;
type Flags = Record<string, string | boolean | undefined>;

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

/** Opens the database, runs `work`, and always closes it. */
async function withDb<T>(ctx: CommandContext, work: (db: Kysely<Database>, config: Config) => Promise<T>): Promise<T> {
  const { config, handle } = await openConfigured(ctx.env);
  try {
    return await work(handle.db, config);
  } finally {
    await handle.close();
  }
}

function required(sub: string, values: Flags, flag: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`admin ${sub}: --${flag} is required. See \`rootwork admin --help\`.`);
  return v;
}

function onePositional(sub: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`admin ${sub}: give exactly one ${what}. See \`rootwork admin --help\`.`);
  return positionals[0];
}

function readCsvFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (cause) {
    throw new InvalidInputError(`Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InvalidInputError(`${file} is not UTF-8 text: in your spreadsheet, save it as "CSV UTF-8".`, [{ path: file, message: String(cause) }]);
  }
}

function baseUrl(values: Flags, ctx: CommandContext, config: Config): string {
  const given = (values['base-url'] as string | undefined) ?? ctx.env.ROOTWORK_BASE_URL ?? config.publicUrl;
  if (given === undefined) return `http://localhost:${config.port}`;
  if (!/^https?:\/\/[^/\s]+/.test(given)) throw new UsageError(`admin: --base-url must look like https://survey.example.org (got "${given}").`);
  return given.replace(/\/+$/, '');
}

const tsv = (rows: (string | number | null)[][]) => rows.map((r) => r.map((v) => String(v ?? '').replace(/[\t\n\r]/g, ' ')).join('\t')).join('\n');

/** Writes a file of secrets atomically and readable only by its owner. */
function writePrivate(file: string, text: string): void {
  try {
    writeFileAtomic(file, text, { mode: 0o600 });
  } catch (err) {
    const reason = err instanceof AtomicWriteError ? (err.cause as Error).message : (err as Error).message;
    throw new InvalidInputError(`Cannot write ${file}: ${reason}. The codes were not saved anywhere: run the command again.`);
  }
}

export const ADMIN_ACTIONS: Record<string, Action> = {
  async 'create-token'(argv, ctx) {
    const { values } = parse('admin create-token', argv, { label: str });
    const label = required('create-token', values, 'label');
    const { token, info } = await withDb(ctx, (db, config) => createAdminToken(db, config.secret, label));
    ctx.out(token);
    ctx.err(`Admin token "${info.label}" created (id ${info.id}). It is shown only this once: keep it somewhere safe.`);
  },
  async 'revoke-token'(argv, ctx) {
    const { positionals } = parse('admin revoke-token', argv, {}, true);
    const key = onePositional('revoke-token', positionals, 'token id or label');
    const info = await withDb(ctx, (db) => revokeAdminToken(db, key));
    ctx.err(`Revoked admin token "${info.label}" (id ${info.id}).`);
  },
  async 'list-tokens'(argv, ctx) {
    parse('admin list-tokens', argv, {});
    const tokens = await withDb(ctx, (db) => listAdminTokens(db));
    ctx.out(tsv([['id', 'label', 'created_on', 'revoked_on'], ...tokens.map((t) => [t.id, t.label, t.created_on, t.revoked_on])]));
  },
  async 'create-study'(argv, ctx) {
    const { values } = parse('admin create-study', argv, { name: str, description: str, 'time-zone': str });
    const name = required('create-study', values, 'name');
    const study = await withDb(ctx, (db, config) => createStudy(db, { name, description: values.description as string | undefined, timeZone: (values['time-zone'] as string | undefined) ?? config.timeZone }));
    ctx.out(study.id);
  },
  async 'set-time-zone'(argv, ctx) {
    const { values } = parse('admin set-time-zone', argv, { study: str, 'time-zone': str });
    const zone = required('set-time-zone', values, 'time-zone');
    const study = await withDb(ctx, async (db) => setStudyTimeZone(db, (await findStudy(db, required('set-time-zone', values, 'study'))).id, zone));
    ctx.err(`Study "${study.name}" now keeps days in ${study.time_zone}: its waves open and close at midnight there.`);
  },
  async 'list-studies'(argv, ctx) {
    parse('admin list-studies', argv, {});
    const studies = await withDb(ctx, (db) => listStudies(db));
    ctx.out(tsv([['id', 'name', 'time_zone', 'created_on'], ...studies.map((s) => [s.id, s.name, s.time_zone, s.created_on])]));
  },
  async 'create-wave'(argv, ctx) {
    const { values } = parse('admin create-wave', argv, { study: str, name: str, opens: str, closes: str, k: str });
    const k = values.k === undefined ? undefined : intFlag('admin create-wave', 'k', values.k as string, 5);
    const wave = await withDb(ctx, async (db) => {
      const study = await findStudy(db, required('create-wave', values, 'study'));
      return createWave(db, { studyId: study.id, name: required('create-wave', values, 'name'), opensOn: values.opens as string | undefined, closesOn: values.closes as string | undefined, k });
    });
    ctx.out(wave.id);
  },
  async 'open-wave'(argv, ctx) {
    const { values } = parse('admin open-wave', argv, { wave: str, study: str, opens: str, closes: str, k: str });
    const k = values.k === undefined ? undefined : intFlag('admin open-wave', 'k', values.k as string, 5);
    const wave = await withDb(ctx, async (db) => {
      const w = await findWaveFlag(db, 'open-wave', values);
      return openWave(db, w.id, { opensOn: values.opens as string | undefined, closesOn: values.closes as string | undefined, k });
    });
    ctx.err(`Wave "${wave.name}" is open from ${wave.opens_on}${wave.closes_on ? ` to ${wave.closes_on}` : ''}, k = ${wave.k}.`);
  },
  async 'close-wave'(argv, ctx) {
    const { values } = parse('admin close-wave', argv, { wave: str, study: str, on: str });
    const wave = await withDb(ctx, async (db) => closeWave(db, (await findWaveFlag(db, 'close-wave', values)).id, { closesOn: values.on as string | undefined }));
    ctx.err(`Wave "${wave.name}" closed on ${wave.closes_on}.`);
  },
  async 'raise-k'(argv, ctx) {
    const { values } = parse('admin raise-k', argv, { wave: str, study: str, k: str });
    const k = intFlag('admin raise-k', 'k', required('raise-k', values, 'k'), 0);
    const wave = await withDb(ctx, async (db) => raiseWaveK(db, (await findWaveFlag(db, 'raise-k', values)).id, k));
    ctx.err(`Wave "${wave.name}": k = ${wave.k}.`);
  },
  async 'list-waves'(argv, ctx) {
    const { values } = parse('admin list-waves', argv, { study: str });
    const waves = await withDb(ctx, async (db) => listWaves(db, values.study ? (await findStudy(db, values.study as string)).id : undefined));
    ctx.out(tsv([['id', 'study_id', 'name', 'status', 'opens_on', 'closes_on', 'k'], ...waves.map((w) => [w.id, w.study_id, w.name, w.status, w.opens_on, w.closes_on, w.k])]));
  },
  async 'add-org'(argv, ctx) {
    const { values } = parse('admin add-org', argv, { study: str, name: str, contact: str, 'size-band': str, region: str, 'budget-band': str });
    const parsed = organizationInputSchema.safeParse({ name: required('add-org', values, 'name'), contact: values.contact, size_band: values['size-band'], region: values.region, budget_band: values['budget-band'] });
    if (!parsed.success) throw new InvalidInputError(`The organization is not valid: ${parsed.error.issues.map((i) => `--${String(i.path[0]).replace('_', '-')}: ${i.message}`).join('; ')}.`);
    const [org] = await withDb(ctx, async (db) => addOrganizations(db, (await findStudy(db, required('add-org', values, 'study'))).id, [parsed.data]));
    ctx.out(org.code);
  },
  async 'import-orgs'(argv, ctx) {
    const { values, positionals } = parse('admin import-orgs', argv, { study: str }, true);
    const text = readCsvFile(onePositional('import-orgs', positionals, 'CSV file'));
    const orgs = await withDb(ctx, async (db) => importOrganizationsCsv(db, (await findStudy(db, required('import-orgs', values, 'study'))).id, text));
    ctx.out(tsv([['code', 'name'], ...orgs.map((o) => [o.code, o.name])]));
    ctx.err(`Imported ${orgs.length} organizations.`);
  },
  async 'list-orgs'(argv, ctx) {
    const { values } = parse('admin list-orgs', argv, { study: str });
    const orgs = await withDb(ctx, async (db) => listOrganizations(db, (await findStudy(db, required('list-orgs', values, 'study'))).id));
    ctx.out(tsv([['code', 'name', 'contact', 'size_band', 'region', 'budget_band'], ...orgs.map((o) => [o.code, o.name, o.contact, o.size_band, o.region, o.budget_band])]));
  },
  async invites(argv, ctx) {
    const { values } = parse('admin invites', argv, { wave: str, study: str, org: str, count: str, 'revoke-unused': bool, out: str, 'base-url': str });
    const count = intFlag('admin invites', 'count', required('invites', values, 'count'), 0);
    const org = required('invites', values, 'org');
    const out = values.out as string | undefined;
    if (out !== undefined && fs.existsSync(out)) throw new UsageError(`admin invites: ${out} already exists; choose a new file so no earlier codes are overwritten.`);
    const { csv, batch } = await withDb(ctx, async (db, config) => {
      const wave = await findWaveFlag(db, 'invites', values);
      const base = baseUrl(values, ctx, config);
      const batch = await issueInviteBatch(db, config.secret, { waveId: wave.id, orgCode: org, count, revokeUnused: values['revoke-unused'] === true });
      return { batch, csv: inviteLinksCsv(base, batch) };
    });
    if (out !== undefined) writePrivate(out, csv);
    else ctx.out(csv.trimEnd());
    ctx.err(`${batch.codes.length} single-use links for ${batch.organization.code}${out ? ` written to ${out}` : ''}; they cannot be shown again.${batch.revoked ? ` ${batch.revoked} unused earlier codes revoked.` : ''}`);
  },
  async 'open-link'(argv, ctx) {
    const { values } = parse('admin open-link', argv, { wave: str, study: str, org: str, off: bool, 'base-url': str });
    const org = required('open-link', values, 'org');
    await withDb(ctx, async (db, config) => {
      const wave = await findWaveFlag(db, 'open-link', values);
      if (values.off) {
        const o = await orgInWave(db, wave, org);
        await setOrgLinkEnabled(db, wave.id, o.id, 'open', false);
        ctx.err(`The open link of ${o.code} is off.`);
        return;
      }
      const base = baseUrl(values, ctx, config);
      const { token, organization } = await issueOrgLink(db, config.secret, wave.id, org, 'open');
      ctx.out(`${base}/o/${token}`);
      ctx.err(`Open survey link for ${organization.code}; any earlier open link no longer works.`);
    });
  },
  async 'profile-link'(argv, ctx) {
    const { values } = parse('admin profile-link', argv, { wave: str, study: str, org: str, 'base-url': str });
    const org = required('profile-link', values, 'org');
    await withDb(ctx, async (db, config) => {
      const wave = await findWaveFlag(db, 'profile-link', values);
      const base = baseUrl(values, ctx, config);
      const { token, organization } = await issueOrgLink(db, config.secret, wave.id, org, 'profile');
      ctx.out(`${base}/p/${token}`);
      ctx.err(`Secret profile link for ${organization.code}: send it to the organization's contact only.`);
    });
  },
  async participation(argv, ctx) {
    const { values } = parse('admin participation', argv, { wave: str, study: str, json: bool });
    const p = await withDb(ctx, async (db) => waveParticipation(db, (await findWaveFlag(db, 'participation', values)).id));
    if (values.json) {
      ctx.out(JSON.stringify({ wave_id: p.wave.id, k: p.wave.k, totals: p.totals, organizations: p.organizations }, null, 2));
      return;
    }
    ctx.out(tsv([
      ['code', 'name', 'responses', 'headcount', 'response_rate', 'reaches_k', 'invites_issued', 'invites_used', 'invites_revoked', 'open_link', 'profile'],
      ...p.organizations.map((o) => [o.code, o.name, o.responses, o.headcount, o.response_rate === null ? null : `${o.response_rate}%`, o.reaches_k ? 'yes' : 'no', o.invites_issued, o.invites_used, o.invites_revoked, o.open_link ? 'on' : 'off', o.profile]),
    ]));
  },
  async 'import-profiles'(argv, ctx) {
    const { values, positionals } = parse('admin import-profiles', argv, { wave: str, study: str }, true);
    const text = readCsvFile(onePositional('import-profiles', positionals, 'CSV file'));
    const r = await withDb(ctx, async (db) => importProfilesCsv(db, (await findWaveFlag(db, 'import-profiles', values)).id, text));
    ctx.err(`Imported ${r.imported} profiles (${r.replaced} replaced earlier ones).`);
  },
};

/** The wave of a subcommand's --wave (id or name, narrowed by --study). */
function findWaveFlag(db: Kysely<Database>, sub: string, values: Flags) {
  return resolveWave(db, waveChoice(`admin ${sub}`, values, { required: true }));
}
