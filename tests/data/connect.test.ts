import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl, redactUrl } from '../../data/connect.js';
import { loadConfig, secretPathFor } from '../../data/config.js';
import { tempDir } from '../helpers/databases.js';

describe('parseDatabaseUrl', () => {
  it('defaults plain paths and sqlite: URLs to SQLite and postgres:// to PostgreSQL', () => {
    expect(parseDatabaseUrl('data/rootwork.db')).toEqual({ dialect: 'sqlite', target: 'data/rootwork.db' });
    expect(parseDatabaseUrl('sqlite:///tmp/x.db')).toEqual({ dialect: 'sqlite', target: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgres://u:p@h/db').dialect).toBe('postgres');
    expect(parseDatabaseUrl('postgresql://u:p@h/db').dialect).toBe('postgres');
  });
  it('names an unknown scheme and what to use instead', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/scheme "mysql" is not supported.*postgres:\/\//);
  });
  it('redacts passwords', () => {
    expect(redactUrl('postgres://me:hunter2@host/db')).toBe('postgres://me:***@host/db');
  });
});

describe('openDatabase', () => {
  it('opens SQLite with WAL, full sync, foreign keys and a busy timeout', async () => {
    const file = path.join(tempDir(), 'a.db');
    const h = await openDatabase(file);
    try {
      expect(h.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(h.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(h.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
      expect(h.sqlite!.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      await h.close();
    }
  });
  it('explains a missing folder without creating anything', async () => {
    const dir = path.join(tempDir(), 'missing');
    await expect(openDatabase(path.join(dir, 'x.db'))).rejects.toThrow(/folder .*missing does not exist/);
    expect(fs.existsSync(dir)).toBe(false);
  });
  it('explains an unreachable PostgreSQL', async () => {
    await expect(openDatabase('postgres://nobody:pw@127.0.0.1:1/none')).rejects.toThrow(/Cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});

describe('loadConfig', () => {
  it('generates a secret for the embedded default once and reuses it', () => {
    const file = path.join(tempDir(), 'r.db');
    const a = loadConfig({ DATABASE_URL: file });
    const b = loadConfig({ DATABASE_URL: file });
    expect(a.secret).toHaveLength(64);
    expect(b.secret).toBe(a.secret);
    expect(fs.statSync(secretPathFor(file)).mode & 0o777).toBe(0o600);
  });
  it('requires ROOTWORK_SECRET for PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/ROOTWORK_SECRET is required with PostgreSQL/);
  });
  it('rejects a bad PORT naming the value', () => {
    expect(() => loadConfig({ DATABASE_URL: ':memory:', PORT: 'eighty' })).toThrow(/PORT "eighty"/);
  });
  it('reads ROOTWORK_PUBLIC_URL and ROOTWORK_TRUST_PROXY, refusing values it cannot use with the variable named', () => {
    const base = { DATABASE_URL: ':memory:' };
    expect(loadConfig(base)).toMatchObject({ publicUrl: undefined, trustProxy: 0 });
    expect(loadConfig({ ...base, ROOTWORK_PUBLIC_URL: 'https://Survey.Example.org/', ROOTWORK_TRUST_PROXY: 'true' })).toMatchObject({ publicUrl: 'https://survey.example.org', trustProxy: 1 });
    expect(loadConfig({ ...base, ROOTWORK_TRUST_PROXY: '0' }).trustProxy).toBe(0);
    for (const bad of ['survey.example.org', 'ftp://survey.example.org', 'https://survey.example.org/admin', 'https://survey.example.org/?x=1']) {
      expect(() => loadConfig({ ...base, ROOTWORK_PUBLIC_URL: bad }), bad).toThrow(/^ROOTWORK_PUBLIC_URL ".*" is not a site address: give the scheme and host people use/);
    }
    expect(() => loadConfig({ ...base, ROOTWORK_TRUST_PROXY: 'nginx' })).toThrow(/^ROOTWORK_TRUST_PROXY "nginx" is not understood/);
  });
});
