// Configuration from the environment (DATABASE_URL, PORT, ROOTWORK_SECRET), checked once
// at start-up so a mistake fails fast with a message naming the variable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './connect.js';
import { ConfigError } from './errors.js';

export interface Config {
  databaseUrl: string;
  port: number;
  /** Key for hashing invite codes, link tokens and admin tokens, and signing admin sessions. */
  secret: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const parsed = parseDatabaseUrl(databaseUrl);
  const port = parsePort(env.PORT);
  let secret = env.ROOTWORK_SECRET;
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError('ROOTWORK_SECRET is too short: use at least 16 random characters (e.g. `openssl rand -hex 32`).');
  }
  if (!secret) {
    if (parsed.dialect === 'postgres') {
      throw new ConfigError('ROOTWORK_SECRET is required with PostgreSQL: set it to at least 16 random characters (e.g. `openssl rand -hex 32`) and keep it with your backups.');
    }
    secret = sqliteSecret(parsed.target);
  }
  return { databaseUrl, port, secret };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT "${raw}" is not a port number: use a whole number from 1 to 65535.`);
  }
  return port;
}

/** Where the generated secret of a SQLite database lives: beside the file. */
export function secretPathFor(dbFile: string): string {
  const parsed = path.parse(dbFile);
  return path.join(parsed.dir, `${parsed.name}.secret`);
}

/**
 * The embedded default generates its secret on first run and keeps it beside the database
 * (mode 0600), so invite codes issued yesterday still verify today.
 */
function sqliteSecret(dbFile: string): string {
  if (dbFile === ':memory:') return crypto.randomBytes(32).toString('hex');
  const file = secretPathFor(dbFile);
  if (fs.existsSync(file)) {
    // A secret left readable by others (copied in by hand, an older version) is tightened:
    // with it, anyone could test guessed codes against the database's hashes.
    const { mode } = fs.statSync(file);
    if ((mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700);
    return fs.readFileSync(file, 'utf8').trim();
  }
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) {
    throw new ConfigError(`Cannot keep the secret for ${dbFile}: folder ${dir} does not exist. Create it or point DATABASE_URL elsewhere.`);
  }
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw new ConfigError(`Cannot write the secret file ${file}: ${(cause as Error).message}. Fix the folder's permissions or set ROOTWORK_SECRET.`, { cause });
  }
  return secret;
}
