// Which PostgreSQL server the submission benchmark measures, and why (or why none): the
// benchmark is meant to measure both dialects, so a run without ROOTWORK_BENCH_PG falls back
// to the URLs the tests and the service use, then to the local server .ci/run sets up, and
// says which it took. A URL that does not answer is skipped with the reason.
import pg from 'pg';

/** The server .ci/run starts and the contributor docs name. */
export const LOCAL_PG_URL = 'postgres://rootwork:rootwork@127.0.0.1:5432/rootwork';

export interface BenchPostgres {
  url: string | undefined;
  /** Where the URL came from, or why there is none (one line, for the report and stderr). */
  why: string;
}

async function answers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Hides the password in a URL shown in the report. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable URL';
  }
}

export async function benchPostgresUrl(env: NodeJS.ProcessEnv): Promise<BenchPostgres> {
  const candidates: [string, string | undefined][] = [
    ['ROOTWORK_BENCH_PG', env.ROOTWORK_BENCH_PG],
    ['ROOTWORK_TEST_PG', env.ROOTWORK_TEST_PG],
    ['DATABASE_URL', env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : undefined],
  ];
  for (const [name, url] of candidates) {
    if (!url) continue;
    // A URL given explicitly is used or the run says plainly why not: no silent fallback.
    const problem = await answers(url);
    return problem === undefined
      ? { url, why: `${name} (${redact(url)})` }
      : { url: undefined, why: `${name} (${redact(url)}) did not answer: ${problem}.` };
  }
  const problem = await answers(LOCAL_PG_URL);
  if (problem === undefined) return { url: LOCAL_PG_URL, why: `the local server .ci/run sets up (${redact(LOCAL_PG_URL)}); set ROOTWORK_BENCH_PG to measure another` };
  return { url: undefined, why: `no ROOTWORK_BENCH_PG, ROOTWORK_TEST_PG or postgres:// DATABASE_URL, and the local server (${redact(LOCAL_PG_URL)}) did not answer (${problem}): set ROOTWORK_BENCH_PG to a PostgreSQL URL whose role may create databases.` };
}
