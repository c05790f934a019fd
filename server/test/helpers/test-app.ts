/**
 * Starts a real server instance for a test: real database (in-memory PGlite, or a throwaway
 * schema in the machine's Postgres), the shared real LiveKit, Fastify listening on port 0.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AckData, RequestEvent, RequestPayload } from '@rundgang/shared';
import {
  type Ack,
  type ApiError,
  type ClientToServerEvents,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@rundgang/shared';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { type BuiltApp, buildApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { insertFacilitator } from '../../src/db/repo.ts';
import { LiveKitAdapter, type LiveKitConnection } from '../../src/livekit/adapter.ts';

/** A socket.io client typed with the shared contract, as the browser's is. */
export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The machine's Postgres (trust auth); override with TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Database kinds every integration suite runs against. */
export const DB_KINDS = ['pglite', 'postgres'] as const;
/** A database kind. */
export type DbKind = (typeof DB_KINDS)[number];

/** A test database: `reopen()` closes it and opens the same data again (a restart). */
export interface TestDb {
  db: Db;
  drop: () => Promise<void>;
  reopen: () => Promise<TestDb>;
}

/**
 * Opens a fresh, migrated database of the given kind: PGlite in its own temp folder (so it can
 * be reopened like after a restart), or a throwaway schema of the machine's Postgres.
 */
export async function freshDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'rundgang-pglite-'));
    const open = async (): Promise<TestDb> => {
      const db = await openPglite(dir);
      await migrate(db);
      return {
        db,
        drop: async () => {
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        },
        reopen: async () => {
          await db.close();
          return open();
        },
      };
    };
    return open();
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const open = async (): Promise<TestDb> => {
    const db = await openPostgres(TEST_POSTGRES_URL, { schema });
    await migrate(db);
    return {
      db,
      drop: async () => {
        await db.exec(`drop schema ${schema} cascade`);
        await db.close();
      },
      reopen: async () => {
        await db.close();
        return open();
      },
    };
  };
  return open();
}

/** A running test server. */
export interface TestApp extends BuiltApp {
  url: string;
  port: number;
  db: Db;
  testDb: TestDb;
  livekitConn: LiveKitConnection;
  /** Stops the app and drops the database. */
  close(): Promise<void>;
  /** Stops the app (graceful) and starts a new one on the same port and the same data. */
  restart(): Promise<TestApp>;
}

/** Starts the app on port 0 against a fresh database. */
export async function startTestApp(
  kind: DbKind,
  opts: {
    livekit?: LiveKitConnection;
    env?: Record<string, string>;
    testDb?: TestDb;
    port?: number;
    /** The server's clock (default Date.now), to test what happens minutes later. */
    now?: () => number;
    /** Fastify logger options (default: no logging), e.g. a stream that collects lines. */
    logger?: object;
    /** The adapter over the LiveKit connection (default: the real one as it is). */
    adapter?: (conn: LiveKitConnection) => LiveKitAdapter;
  } = {},
): Promise<TestApp> {
  const testDb = opts.testDb ?? (await freshDb(kind));
  const db = testDb.db;
  const livekitConn = opts.livekit ?? inject('livekit');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...opts.env });
  const built = await buildApp(
    { config, db, livekit: opts.adapter?.(livekitConn) ?? new LiveKitAdapter(livekitConn) },
    { logger: opts.logger ?? false, now: opts.now },
  );
  await built.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const addr = built.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    ...built,
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    testDb,
    livekitConn,
    close: async () => {
      await built.app.close();
      await testDb.drop();
    },
    restart: async () => {
      await built.app.close();
      const again = await testDb.reopen();
      return startTestApp(kind, { ...opts, testDb: again, port, livekit: livekitConn });
    },
  };
}

/** Creates a facilitator directly in the database and signs in; returns the session cookie. */
export async function signedInFacilitator(
  t: TestApp,
  email = `f${randomBytes(4).toString('hex')}@example.no`,
) {
  const password = 'correct horse battery';
  const f = await insertFacilitator(t.db, {
    email,
    name: 'Fasilitator',
    passwordHash: await hashPassword(password),
  });
  const res = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { facilitator: f, cookie, password };
}

/** JSON request helper returning status and parsed body. */
export async function api<T = any>(
  t: TestApp,
  method: string,
  path: string,
  opts: { body?: unknown; cookie?: string; rawBody?: string; contentType?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${t.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a webinar with participants; returns ids and invite tokens. */
export async function webinarWithParticipants(t: TestApp, cookie: string, names: string[]) {
  const { body } = await api(t, 'POST', '/api/webinars', { cookie, body: { title: 'Samling 1' } });
  const webinarId: string = body.webinar.id;
  const invites: { id: string; name: string; token: string }[] = [];
  for (const name of names) {
    const r = await api(t, 'POST', `/api/webinars/${webinarId}/participants`, { cookie, body: { name } });
    invites.push({ id: r.body.participant.id, name, token: r.body.participant.invitePath.split('/').pop() });
  }
  const seriesId: string = body.webinar.seriesId;
  return { webinarId, seriesId, invites };
}

/** Waits until check() returns a truthy value and returns it (polling, bounded). */
export async function until<T>(check: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Connects a real socket.io client and waits for connect or a connect_error. */
export function connectSocket(
  t: Pick<TestApp, 'url'>,
  auth: Record<string, unknown>,
  opts: { cookie?: string; origin?: string; reconnect?: boolean; onSocket?: (s: TestSocket) => void } = {},
): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.origin) headers.origin = opts.origin;
    const socket: TestSocket = io(t.url, {
      auth: { protocol: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: opts.reconnect ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    // Listeners go on before the first packet can arrive.
    opts.onSocket?.(socket);
    const onError = (err: Error) => {
      socket.close();
      reject(err);
    };
    socket.once('connect_error', onError);
    // Once connected, later connect errors belong to reconnection, which must go on.
    socket.once('connect', () => {
      socket.off('connect_error', onError);
      resolve(socket);
    });
  });
}

/** Emits a request and resolves with its ack; event, payload and ack are the contract's. */
export function request<E extends RequestEvent>(
  socket: TestSocket,
  event: E,
  payload: RequestPayload<E>,
): Promise<Ack<AckData<E>>> {
  // TypeScript cannot resolve socket.io's per-event parameter types for a generic event, so the
  // call goes through the untyped view; this function's signature is what holds the contract.
  const untyped: Socket = socket;
  return untyped.timeout(5000).emitWithAck(event, payload);
}

/** The data of an accepted request; a refusal (or no request) fails the test with its reason. */
export function accepted<T>(ack: Ack<T> | undefined): T {
  if (!ack) throw new Error('no request was sent');
  if (!ack.ok) throw new Error(`request refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** The error of a refused request; an accepted one (or no request) fails the test. */
export function refused(ack: Ack<unknown> | undefined): ApiError {
  if (!ack) throw new Error('no request was sent');
  if (ack.ok) throw new Error(`request was accepted: ${JSON.stringify(ack.data)}`);
  return ack.error;
}
