// `rootwork backup --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork backup FILE

Writes a consistent copy of the SQLite database in DATABASE_URL (default data/rootwork.db)
to FILE, using SQLite's online backup: the service may keep taking submissions meanwhile,
and the copy holds every submission acknowledged before it started. The copy is checked
(PRAGMA integrity_check) before it is put in place, so FILE is never half-written.
When the database's secret lives beside it (the embedded default), it is copied beside
FILE too (FILE's name with .secret), since invite codes cannot be checked without it.
To restore, stop the service and copy FILE (and its .secret) back.
For PostgreSQL, use pg_dump instead.`;
