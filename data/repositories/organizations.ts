// Organizations of a study: real names for admins, pseudonymous codes for every output.
import type { Kysely } from 'kysely';
import type { Database, Organization } from '../database.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { refuseNul } from '../text.js';
import { randomCode, randomId, today } from '../ids.js';

type Db = Kysely<Database>;

export interface NewOrganizationInput {
  studyId: string;
  name: string;
  contact?: string | null;
  sizeBand?: string | null;
  region?: string | null;
  budgetBand?: string | null;
  /** Only for seeded studies and imports that must keep an existing code. */
  code?: string;
}

/** A pseudonymous code: random, so it reveals nothing about the name or the order added. */
export function newOrgCode(): string {
  return `ORG-${randomCode(6)}`;
}

export async function createOrganizations(db: Db, inputs: NewOrganizationInput[]): Promise<Organization[]> {
  const rows: Organization[] = [];
  const seen = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    refuseNul({ [`${i}.name`]: input.name, [`${i}.code`]: input.code, [`${i}.contact`]: input.contact, [`${i}.size_band`]: input.sizeBand, [`${i}.region`]: input.region, [`${i}.budget_band`]: input.budgetBand }, `Organization ${i + 1} is not valid`);
    const name = input.name.trim();
    if (name === '') throw new InvalidInputError(`Organization ${i + 1} has no name.`, [{ path: `${i}.name`, message: 'Required.' }]);
    const key = `${input.studyId}\u0000${name.toLowerCase()}`;
    if (seen.has(key)) throw new ConflictError(`The organization "${name}" is listed twice: each organization in a study needs its own name.`);
    seen.add(key);
    rows.push({
      id: randomId(),
      study_id: input.studyId,
      name,
      code: input.code ?? newOrgCode(),
      contact: input.contact ?? null,
      size_band: input.sizeBand ?? null,
      region: input.region ?? null,
      budget_band: input.budgetBand ?? null,
      created_on: today(),
      headcount_cap: null,
    });
  }
  const names = rows.map((r) => r.name);
  for (let i = 0; i < names.length; i += 500) {
    const clash = await db
      .selectFrom('organizations')
      .select(['name', 'study_id'])
      .where('name', 'in', names.slice(i, i + 500))
      .execute();
    const hit = clash.find((c) => rows.some((r) => r.study_id === c.study_id && r.name === c.name));
    if (hit) throw new ConflictError(`The study already has an organization named "${hit.name}".`);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('organizations').values(rows.slice(i, i + 500)).execute();
  }
  return rows;
}

export async function getOrganization(db: Db, id: string): Promise<Organization> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No organization with id ${id}.`);
  return row;
}

export async function getOrganizationByCode(db: Db, code: string): Promise<Organization> {
  const row = await db.selectFrom('organizations').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new NotFoundError(`No organization with code ${code}.`);
  return row;
}

export async function listOrganizations(db: Db, studyId: string): Promise<Organization[]> {
  return db.selectFrom('organizations').selectAll().where('study_id', '=', studyId).orderBy('code').execute();
}
