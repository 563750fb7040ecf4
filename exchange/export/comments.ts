// comments.csv (only with --include-comments): free-text comments, scrubbed of contact
// details, from organizations with at least COMMENT_MIN_GROUP respondents (and k). The
// file holds the organization code and the text, sorted by text, and nothing that links a
// comment to its row of respondents.csv: a comment on a row would sit in that row's
// k-anonymous group, often of 5 to 9 people, and exports at several k, joined on the answers,
// would narrow it further. Apart, a comment is one of at least 10 people's.
import type { OrgBlock, RespondentStats } from './respondents.js';
import { scrubContactDetails } from './scrub.js';
import type { CsvRow } from './csv-writer.js';
import type { TableSpec } from './table-spec.js';

/** Free text needs a larger group than numbers before any of it appears (DESIGN.md): the one constant. */
export const COMMENT_MIN_GROUP = 10;

export const COMMENTS_SPEC: TableSpec = {
  name: 'comments',
  path: 'comments.csv',
  title: 'Free-text comments, one row per comment, not linked to respondents.csv',
  description: `Only from organizations with at least ${COMMENT_MIN_GROUP} respondents (and at least k); emails, URLs and phone numbers replaced by [email], [url], [phone]; sorted by text within each organization, so the order says nothing about who wrote which.`,
  fields: [
    { name: 'org_code', type: 'string', title: 'Organization (pseudonymous code)', description: 'The same code as in organizations.csv; never the real name.' },
    { name: 'comment', type: 'string', title: 'Comment (free text, scrubbed)', description: 'Emails, URLs and phone numbers replaced by [email], [url], [phone].' },
  ],
};

/** The comments one organization may release (none under the minimum group); updates `stats`. */
export function commentRows(block: OrgBlock, k: number, stats: RespondentStats): CsvRow[] {
  const texts = block.responses.flatMap((r) => (r.comment?.trim() ? [r.comment] : []));
  if (texts.length === 0) return [];
  if (block.responses.length < Math.max(k, COMMENT_MIN_GROUP)) {
    stats.comments.withheldSmallOrg += texts.length;
    return [];
  }
  const scrubbed = texts.map((t) => {
    const s = scrubContactDetails(t);
    stats.comments.emails += s.emails;
    stats.comments.urls += s.urls;
    stats.comments.phones += s.phones;
    return s.text;
  });
  stats.comments.released += scrubbed.length;
  return scrubbed.sort().map((comment) => ({ org_code: block.code, comment }));
}
