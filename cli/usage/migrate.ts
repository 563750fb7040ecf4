// `rootwork migrate --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork migrate

Creates the tables in DATABASE_URL (default: data/rootwork.db) or applies new migrations.
Refuses a database written by a newer Rootwork. Safe to run repeatedly.`;
