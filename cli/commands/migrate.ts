// rootwork migrate: bring the database schema up to date.
import { loadConfig } from '../../data/config.js';
import { openDatabase } from '../../data/connect.js';
import { migrateToLatest } from '../../data/migrate.js';
import { parse, type Command } from '../args.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: `Usage: rootwork migrate

Creates the tables in DATABASE_URL (default: data/rootwork.db) or applies new migrations.
Refuses a database written by a newer Rootwork. Safe to run repeatedly.`,
  async run(argv, ctx) {
    parse('migrate', argv, {});
    const config = loadConfig(ctx.env);
    const handle = await openDatabase(config.databaseUrl);
    try {
      const applied = await migrateToLatest(handle.db);
      ctx.err(applied.length ? `Applied ${applied.length} migration(s) to ${handle.location}: ${applied.join(', ')}` : `${handle.location} is up to date.`);
    } finally {
      await handle.close();
    }
  },
};
