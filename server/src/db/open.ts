/** Opens the configured database and brings its schema up to date. */
import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Opens and migrates the database chosen by config. */
export async function openDatabase(config: Config['database']): Promise<Db> {
  const db = config.kind === 'postgres' ? await openPostgres(config.url) : await openPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
