/**
 * Hardening against hostile input and failing parts, against a real server and real databases:
 * text the database cannot store, database errors that must not leak into logs, a database that
 * is not reachable.
 */
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.ts';
import { issueSetupTokenIfNeeded } from '../src/auth/setup.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { databaseErrorAsAppError, loggableError } from '../src/errors.ts';
import {
  api,
  connectSocket,
  DB_KINDS,
  freshDb,
  refused,
  request,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  type TestSocket,
  webinarWithParticipants,
} from './helpers/test-app.ts';

/** Text Postgres cannot store: NUL, a lone high and a lone low surrogate, another C0 control. */
const HOSTILE = ['before\u0000after', 'lone \uD800 high', 'lone \uDC00 low', 'bell \u0007'];
/** A marker that must never reach a log line. */
const SECRET = 'personal-remark-7f3a';

describe.each(DB_KINDS)('unstorable text on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let webinarId: string;
  let invites: { id: string; token: string }[];
  const lines: string[] = [];
  const open: TestSocket[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp(kind, { logger: { level: 'info', stream } });
    ({ cookie } = await signedInFacilitator(t));
    ({ webinarId, invites } = await webinarWithParticipants(t, cookie, ['Ola', 'Siri']));
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  it.each(HOSTILE)('a body field with %j is a 400 naming the field, not a 500', async (text) => {
    const created = await api(t, 'POST', '/api/webinars', { cookie, body: { title: `${SECRET} ${text}` } });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('title'),
    });
    const person = await api(t, 'POST', `/api/webinars/${webinarId}/participants`, {
      cookie,
      body: { name: 'Kari', workplace: text },
    });
    expect(person.status).toBe(400);
  });

  it('a path parameter with NUL is a 400, not a 500', async () => {
    const res = await api(t, 'GET', `/api/invites/${invites[0]?.token.slice(0, 10)}%00${'a'.repeat(20)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it.each(HOSTILE)('a socket request with %j is acked bad_request, not internal', async (text) => {
    const s = await connectSocket(t, { webinarId }, { cookie });
    open.push(s);
    expect(refused(await request(s, 'broadcast:send', { text: `${SECRET} ${text}` })).code).toBe(
      'bad_request',
    );
    const visit = refused(await request(s, 'room:visit', { groupId: text }));
    expect(visit.code).toBe('bad_request');
    // Even where no schema declares the field: the guard runs before any schema.
    const untyped = s as unknown as {
      timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> };
    };
    expect(await untyped.timeout(5000).emitWithAck('session:sync', { [text]: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('a participant sending such text is refused the same way', async () => {
    const s = await connectSocket(t, { invite: invites[0]?.token });
    open.push(s);
    expect(refused(await request(s, 'help:request', { note: 'x\u0000' } as never)).code).toBe('bad_request');
  });

  it('no log line quotes the refused text', () => {
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});

describe('database errors', () => {
  it('a real Postgres refusal is logged by code only and answered as bad_request', async () => {
    const testDb = await freshDb('postgres');
    try {
      const err = await testDb.db
        .query('insert into app_settings (key, value) values ($1, $2)', ['k', `${SECRET}\u0000`])
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeDefined();
      expect(JSON.stringify(loggableError(err))).not.toContain(SECRET);
      expect(loggableError(err)).toMatchObject({ code: expect.stringMatching(/^22/) });
      expect(databaseErrorAsAppError(err)?.code).toBe('bad_request');
    } finally {
      await testDb.drop();
    }
  });

  it('an unreachable Postgres answers database_unavailable with a message in words', async () => {
    const db = await openPostgres('postgres://postgres@127.0.0.1:1/test');
    try {
      const err = await db.query('select 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      const mapped = databaseErrorAsAppError(err);
      expect(mapped?.code).toBe('database_unavailable');
      expect(mapped?.message).toBe('The database is not reachable');
      expect(mapped?.status).toBe(503);
    } finally {
      await db.close();
    }
  });
});

/** Median of the durations (ms) of `n` sequential runs of `fn`. */
async function medianMs(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)] ?? 0;
}

const login = (t: TestApp, email: string, password: string) =>
  fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in abuse', { timeout: 90_000 }, () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('50 wrong passwords in a row lock the account: then even the right one is refused with 429', async () => {
    t = await startTestApp('pglite');
    const { facilitator, password } = await signedInFacilitator(t);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await login(t, facilitator.email, `wrong ${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
    const right = await login(t, facilitator.email, password);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('one address guessing many accounts is locked out too', async () => {
    t = await startTestApp('pglite');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(t, `nobody${i}@example.no`, 'wrong')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('an unknown email takes as long as a wrong password (no enumeration by timing)', async () => {
    t = await startTestApp('pglite');
    const { facilitator } = await signedInFacilitator(t);
    // Each guess on its own email, so the account lockout does not answer early.
    const emails = Array.from({ length: 4 }, (_, i) => `known${i}@example.no`);
    for (const email of emails) {
      await insertFacilitatorWithPassword(t, email);
    }
    const known = await medianMs(4, (i) => login(t, emails[i] ?? facilitator.email, 'wrong password'));
    const unknown = await medianMs(4, (i) => login(t, `unknown${i}@example.no`, 'wrong password'));
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  it('the setup endpoint checks its token before it hashes a password', async () => {
    t = await startTestApp('pglite');
    const token = await issueSetupTokenIfNeeded(t.db);
    expect(token).toBeDefined();
    const body = { token: 'x'.repeat(40), name: 'Eve', email: 'eve@example.no', password: 'p'.repeat(200) };
    const hashing = await medianMs(5, () => hashPassword('p'.repeat(200)));
    const wrongToken = await medianMs(5, async () => {
      const res = await api(t, 'POST', '/api/setup', { body });
      expect(res.status).toBe(403);
    });
    expect(wrongToken).toBeLessThan(hashing / 2);
  });
});

async function insertFacilitatorWithPassword(t: TestApp, email: string) {
  const { insertFacilitator } = await import('../src/db/repo.ts');
  await insertFacilitator(t.db, {
    email,
    name: 'F',
    passwordHash: await hashPassword('correct horse battery'),
  });
}
