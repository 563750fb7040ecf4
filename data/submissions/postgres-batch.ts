// PostgreSQL's write of a batch of submissions: ONE statement, so one round trip and one
// commit. The batch travels as a single JSON parameter; data-modifying CTEs claim each
// invite code (for the first submission in the batch carrying it, by the invite rule's SQL
// condition, recording that submission's token hash in the invite row) and insert the
// responses that were claimed or need no claim, with the token hashes of open-link
// submissions. A single statement is atomic on its own, so a batch is all written or none.
//
// Replays of an invite submission: its claim fails, since the code is used. Two batches
// carrying the same code (and token) race for the invite row's lock; the second waits for
// the first to commit, then finds the code used and writes nothing. Two submissions of one
// batch sharing a code: only the first is claimed. What was not written is then looked at
// once more, after the statement: an invite whose row holds the submission's token hash, or
// whose hash is in `submission_tokens` (stored before invites held them), was a replay.
// Replays of an open link: of the submissions sharing a token hash, only the batch's first
// may be written, and only if recording its hash inserts a row (ON CONFLICT DO NOTHING waits
// for a concurrent batch holding the same hash to commit, then yields to it); one not written
// whose hash is recorded afterwards was a replay. Either way it is answered 'replayed',
// whatever else it ran into.
//
// Why not the Kysely builder at run time: a batch insert of ~60 columns × batch size
// parameters cost more to compile and to send than the rest of the request, and four round
// trips (BEGIN, UPDATE, INSERT, COMMIT) per batch kept requests waiting. Why the pool: a
// statement prepared by name is parsed and planned once per connection, not once per batch.
// Its text is still made by Kysely, once, from the same invite rule as every other path.
import { sql, type Kysely } from 'kysely';
import { postgresPoolOf } from '../connect.js';
import type { Database } from '../database.js';
import { answerable, claimedColumns, findRefusals, refusalReason } from './invite-rule.js';
import { BODY_COLUMNS } from './response-body.js';
import { statementText } from './sql-text.js';
import { recordedTokens, replayedClaims } from './token.js';
import type { Submission, SubmissionResult } from './writer.js';

type Db = Kysely<Database>;

const COLUMNS = [...BODY_COLUMNS, 'wave_id', 'organization_id'];

// The body is already JSON text: a batch's JSON is string joins, not an object per row.
function bodyJson(s: Submission): string {
  if (s.to.kind === 'invite') return s.row.json;
  return `{"wave_id":${JSON.stringify(s.to.waveId)},"organization_id":${JSON.stringify(s.to.organizationId)},${s.row.json.slice(1)}`;
}

function batchJson(submissions: readonly Submission[]): string {
  return `[${submissions.map((s, ord) => {
    const claim = s.to.kind === 'invite' ? `,"code_hash":${JSON.stringify(s.to.codeHash)},"day":${JSON.stringify(s.to.day)}` : '';
    const token = s.tokenHash === undefined ? '' : `,"token_hash":${JSON.stringify(s.tokenHash)}`;
    return `{"ord":${ord}${claim}${token},"body":${bodyJson(s)}}`;
  }).join(',')}]`;
}

const selected = COLUMNS.map((c) => (c === 'wave_id' || c === 'organization_id' ? sql`COALESCE(${sql.ref(`c.${c}`)}, ${sql.ref(`r.${c}`)})` : sql.ref(`r.${c}`)));

const text = statementText('postgres', ['batch'], (db, p) => {
  const statement = sql`
    WITH input AS (
      SELECT ord, code_hash, day, token_hash, body FROM json_to_recordset(${p.batch}::json) AS t(ord int, code_hash text, day text, token_hash text, body json)
    ),
    fresh AS (
      SELECT x.* FROM input x
      WHERE x.code_hash IS NOT NULL OR x.token_hash IS NULL
        OR (x.ord = (SELECT min(y.ord) FROM input y WHERE y.token_hash = x.token_hash)
          AND NOT EXISTS (SELECT 1 FROM submission_tokens s WHERE s.token_hash = x.token_hash))
    ),
    wanted AS (
      SELECT DISTINCT ON (code_hash) ord, code_hash, day, token_hash FROM fresh WHERE code_hash IS NOT NULL ORDER BY code_hash, ord
    ),
    claimed AS (
      UPDATE invites AS i SET ${sql.join(Object.entries(claimedColumns(sql.ref('w.token_hash'))).map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}
      FROM wanted AS w, waves AS v
      WHERE i.code_hash = w.code_hash AND ${answerable('i', 'v', sql.ref('w.day'))}
      RETURNING w.ord, i.wave_id, i.organization_id
    ),
    recorded AS (
      INSERT INTO submission_tokens (token_hash)
      SELECT x.token_hash FROM fresh x WHERE x.code_hash IS NULL AND x.token_hash IS NOT NULL
      ON CONFLICT DO NOTHING
      RETURNING token_hash
    )
    INSERT INTO responses (${sql.join(COLUMNS.map((c) => sql.ref(c)))})
    SELECT ${sql.join(selected)}
    FROM fresh x
    LEFT JOIN claimed c ON c.ord = x.ord
    CROSS JOIN LATERAL json_populate_record(NULL::responses, x.body) AS r
    WHERE (x.code_hash IS NULL OR c.ord IS NOT NULL)
      AND (x.code_hash IS NOT NULL OR x.token_hash IS NULL OR x.token_hash IN (SELECT token_hash FROM recorded))
    RETURNING id`;
  return { compile: () => statement.compile(db) };
});
if (text.args.length !== 1 || !('arg' in text.args[0])) throw new Error('The PostgreSQL batch statement must take the batch as its only parameter.');

// The statement's text never changes, so each pooled connection prepares it once, by name.
const STATEMENT = { name: 'rootwork_write_submissions_v4', text: text.sql };

export async function writePostgresBatch(db: Db, submissions: readonly Submission[]): Promise<SubmissionResult[]> {
  const pool = postgresPoolOf(db);
  if (!pool) throw new Error('writePostgresBatch needs a PostgreSQL database opened by openDatabase.');
  const { rows } = await pool.query<{ id: string }>({ ...STATEMENT, values: [batchJson(submissions)] });
  const stored = new Set(rows.map((r) => r.id));
  const refused = submissions.filter((s) => !stored.has(s.row.id));
  // Only what was not written pays for a second look: a replay, or why it was refused.
  const codes = [...new Set(refused.flatMap((s) => (s.to.kind === 'invite' ? [s.to.codeHash] : [])))];
  const invites = await findRefusals(db, codes);
  const claims = refused.flatMap((s) => (s.to.kind === 'invite' ? [{ codeHash: s.to.codeHash, tokenHash: s.tokenHash }] : []));
  const replays = await replayedClaims(db, claims, new Map([...invites].map(([code, r]) => [code, r.token_hash])));
  for (const hash of await recordedTokens(db, [...new Set(refused.flatMap((s) => (s.to.kind === 'known' && s.tokenHash !== undefined ? [s.tokenHash] : [])))])) replays.add(hash);
  return submissions.map((s): SubmissionResult => {
    if (stored.has(s.row.id)) return { status: 'stored', id: s.row.id };
    if (s.tokenHash !== undefined && replays.has(s.tokenHash)) return { status: 'replayed' };
    return { status: 'refused', problem: s.to.kind === 'invite' ? refusalReason(invites.get(s.to.codeHash), s.to.day) : 'used' };
  });
}
