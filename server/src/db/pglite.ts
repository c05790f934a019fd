/**
 * Embedded PGlite. PGlite is single-process: two processes writing one data folder corrupt it,
 * so the folder is guarded by a lock file holding the owner's pid; a second process refuses
 * with a clear message, and a lock left by a dead process is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {}

/** True while a process with this pid exists (EPERM: it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(dir: string): () => void {
  const lockPath = join(dir, 'rundgang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && pidAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database folder ${dir} is in use by another Rundgang process (pid ${owner}). ` +
            'Stop that process, point DATA_DIR at another folder, or set DATABASE_URL to use Postgres.',
        );
      }
      rmSync(lockPath, { force: true }); // stale lock of a dead process
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database folder ${dir}`);
}

function queryable(pg: Pick<PGlite, 'query'>): Queryable {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []) {
      const res = await pg.query<T>(sql, params);
      return res.rows;
    },
  };
}

/** Opens PGlite in dataDir (locked), or in memory when dataDir is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  let release = () => {};
  let pg: PGlite;
  if (dataDir) {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    release = acquireLock(dir);
    try {
      pg = await PGlite.create(join(dir, 'pgdata'));
    } catch (err) {
      release();
      throw err;
    }
  } else {
    pg = await PGlite.create();
  }
  const q = queryable(pg);
  return {
    kind: 'pglite',
    query: q.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    async ping() {
      await pg.query('select 1');
    },
    async close() {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
