/**
 * Runs the SQL migrations in ./migrations in name order, each once, inside a transaction-guarded
 * bookkeeping table. Plain SQL keeps one set of migrations valid for PGlite and Postgres alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await db.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(migrationsDir, file), 'utf8');
    await db.exec(`begin; ${sql}; insert into schema_migrations (name) values ('${file}'); commit;`);
    applied.push(file);
  }
  return applied;
}
