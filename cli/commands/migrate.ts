// rootwork migrate: bring the database schema up to date.
import { loadConfig } from '../../data/config.js';
import { openDatabase } from '../../data/connect.js';
import { migrateToLatest } from '../../data/migrate.js';
import { parse, type Command } from '../args.js';
import { usage } from '../usage/migrate.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage,
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
