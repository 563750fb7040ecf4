// Opens and migrates the configured database for a command.
import { loadConfig, type Config } from '../data/config.js';
import { openDatabase, type DatabaseHandle } from '../data/connect.js';
import { migrateToLatest } from '../data/migrate.js';

export async function openConfigured(env: NodeJS.ProcessEnv): Promise<{ config: Config; handle: DatabaseHandle }> {
  const config = loadConfig(env);
  const handle = await openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { config, handle };
}
