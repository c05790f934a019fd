/**
 * node-postgres adapter for DATABASE_URL. An optional schema isolates test runs: each test
 * database lives in its own throwaway schema of the machine's real Postgres.
 */
import pg from 'pg';
import type { Db, Queryable } from './db.ts';

/** The timeouts node-postgres takes (statement and idle ones are sent to the server). */
type PostgresTimeout =
  | 'connectionTimeoutMillis'
  | 'statement_timeout'
  | 'query_timeout'
  | 'idle_in_transaction_session_timeout';

/**
 * How long the server waits for Postgres before it gives up and answers `database_unavailable`:
 * a hanging database must cost a request seconds, not stall a webinar's queue for good.
 */
export const POSTGRES_TIMEOUTS: Readonly<Record<PostgresTimeout, number>> = {
  /** Getting a connection (from the pool or a new one). */
  connectionTimeoutMillis: 5_000,
  /** One statement, enforced by Postgres itself. */
  statement_timeout: 10_000,
  /** One query, enforced by the client (also when the server does not answer at all). */
  query_timeout: 12_000,
  /** A transaction left open and idle. */
  idle_in_transaction_session_timeout: 15_000,
};

/** Connects to Postgres; with `schema`, every connection uses (and creates) that schema. */
export async function openPostgres(
  url: string,
  opts: { schema?: string; timeouts?: Partial<Record<PostgresTimeout, number>> } = {},
): Promise<Db> {
  const timeouts = { ...POSTGRES_TIMEOUTS, ...opts.timeouts };
  if (opts.schema && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error('invalid schema name');
  if (opts.schema) {
    const admin = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: timeouts.connectionTimeoutMillis,
    });
    await admin.connect();
    await admin.query(`create schema if not exists ${opts.schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...timeouts,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const query: Queryable['query'] = async (sql, params = []) => (await pool.query(sql, params)).rows;
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async (sql, params = []) => (await client.query(sql, params)).rows,
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}
