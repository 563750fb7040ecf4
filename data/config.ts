// Configuration from the environment (DATABASE_URL, PORT, ROOTWORK_SECRET, ROOTWORK_PUBLIC_URL,
// ROOTWORK_TRUST_PROXY, ROOTWORK_TIME_ZONE), checked once at start-up so a mistake fails fast
// with a message naming the variable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from './connect.js';
import { ConfigError } from './errors.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, timeZoneProblem } from './time-zone.js';

export interface Config {
  databaseUrl: string;
  port: number;
  /** Key for hashing invite codes, link tokens and admin tokens, and signing admin sessions. */
  secret: string;
  /**
   * Where people reach Rootwork, e.g. https://survey.example.org (no path), or undefined.
   * An https address makes the admin cookie `Secure` and is an accepted Origin for admin forms.
   */
  publicUrl?: string;
  /**
   * How many reverse proxies in front of Rootwork append to X-Forwarded-For (0: none, the
   * header is ignored). With N, a request's source is the Nth address from the right of
   * that header, the one the outermost trusted proxy saw; used only to tell apart the
   * sources of failed codes and open-link submissions, in memory, never stored.
   */
  trustProxy: number;
  /** IANA time zone a new study takes unless it names its own (waves open and close at its local midnight). */
  timeZone: string;
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
  return { databaseUrl, port, secret, publicUrl: parsePublicUrl(env.ROOTWORK_PUBLIC_URL), trustProxy: parseTrustProxy(env.ROOTWORK_TRUST_PROXY), timeZone: parseTimeZone(env.ROOTWORK_TIME_ZONE) };
}

function parsePublicUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new ConfigError(`ROOTWORK_PUBLIC_URL "${raw}" is not a site address: give the scheme and host people use, e.g. https://survey.example.org (no path).`);
  }
  return url.origin;
}

function parseTimeZone(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return DEFAULT_TIME_ZONE;
  const zone = canonicalTimeZone(raw);
  if (!zone) throw new ConfigError(`ROOTWORK_TIME_ZONE ${timeZoneProblem(raw)}`);
  return zone;
}

/** Most proxies a request may pass through that Rootwork would believe. */
const MAX_TRUSTED_PROXIES = 10;

/**
 * ROOTWORK_TRUST_PROXY: unset, empty, "0", "false" or "no" trust no header; "true", "yes"
 * or "1" one proxy; a whole number N that many proxies in a chain.
 */
export function parseTrustProxy(raw: string | undefined): number {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false' || value === 'no') return 0;
  if (value === 'true' || value === 'yes') return 1;
  const n = Number(value);
  if (/^\d+$/.test(value) && n <= MAX_TRUSTED_PROXIES) return n;
  throw new ConfigError(`ROOTWORK_TRUST_PROXY "${raw}" is not understood: set it to the number of reverse proxies in front of Rootwork that add X-Forwarded-For (usually 1), or leave it unset when clients connect directly.`);
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
