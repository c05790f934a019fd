/**
 * Property-based fuzz of every socket request (from the handler table) and every HTTP route (from
 * the shared route table) with hostile strings, numbers and shapes: the server never crashes,
 * never answers `internal` or a 5xx, and always acks. A small sample runs with the suite;
 * `npm run test:faults -w server` runs FUZZ_RUNS (10,000) cases per event and route.
 */
import { httpRoutes, type RequestEvent } from '@rundgang/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvents } from '../src/realtime/handlers.ts';
import {
  connectSocket,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  type TestSocket,
  webinarWithParticipants,
} from './helpers/test-app.ts';

/** Cases per event and per route. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/** Strings people and attackers send: control characters, lone surrogates, huge, odd. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    '\uD800',
    'a\uDC00b',
    '\u0007',
    '../../etc/passwd',
    "'; drop table x; --",
    '%00',
    '',
  ),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, -(2 ** 31)),
);
/** Any JSON-ish shape, with hostile leaves. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A payload: usually an object that looks like a request, sometimes anything at all. */
const hostilePayload = fc.oneof(
  hostileValue,
  fc.record(
    {
      groupId: hostileValue,
      text: hostileValue,
      index: hostileValue,
      plan: hostileValue,
      groups: hostileValue,
      exercise: hostileValue,
      clientSentAt: hostileValue,
      cardId: hostileValue,
      content: hostileValue,
    },
    { requiredKeys: [] },
  ),
);

/** A path segment from a hostile string: percent-encoded (a lone surrogate as U+FFFD, as a browser
 * would send it), or raw escapes a browser would never send. */
function urlSegment(s: string): string {
  if (s.startsWith('%') || s === '..') return s;
  return encodeURIComponent(s.replace(/\p{Cs}/gu, '\uFFFD'));
}

type Untyped = { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> } };

/** Sends a request; a rate-limited one is sent again once the bucket has refilled. */
async function ask(socket: TestSocket, event: string, payload: unknown): Promise<unknown> {
  const untyped = socket as unknown as Untyped;
  for (;;) {
    const ack = (await untyped.timeout(10_000).emitWithAck(event, payload)) as {
      ok: boolean;
      error?: { code: string };
    };
    if (ack?.error?.code !== 'rate_limited') return ack;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('fuzz', { timeout: 3_600_000 }, () => {
  let t: TestApp;
  let cookie: string;
  let webinarId: string;
  let facilitator: TestSocket;
  let participant: TestSocket;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    ({ cookie } = await signedInFacilitator(t));
    const made = await webinarWithParticipants(t, cookie, ['Ola', 'Siri', 'Per']);
    webinarId = made.webinarId;
    await fetch(`${t.url}/api/webinars/${webinarId}/open`, { method: 'POST', headers: { cookie } });
    facilitator = await connectSocket(t, { webinarId }, { cookie });
    participant = await connectSocket(t, { invite: made.invites[0]?.token });
  });
  afterAll(async () => {
    facilitator?.close();
    participant?.close();
    await t?.close();
  });

  it.each(requestEvents as RequestEvent[])('socket %s: always acked, never internal', async (event) => {
    await fc.assert(
      fc.asyncProperty(hostilePayload, fc.boolean(), async (payload, asFacilitator) => {
        const ack = (await ask(asFacilitator ? facilitator : participant, event, payload)) as {
          ok: boolean;
          error?: { code: string };
        };
        expect(typeof ack?.ok).toBe('boolean');
        if (!ack.ok) expect(ack.error?.code).not.toBe('internal');
      }),
      { numRuns: RUNS },
    );
    // Still alive and answering.
    expect(facilitator.connected && participant.connected).toBe(true);
  });

  // Logging out would end the session the other cases use; it takes no input anyway.
  const routes = Object.entries(httpRoutes).filter(([name]) => name !== 'logout');
  it.each(routes)('HTTP %s: never a 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileString, { minLength: 3, maxLength: 3 }),
        hostileValue,
        fc.boolean(),
        async (params, body, withCookie) => {
          let i = 0;
          const path = route.path.replace(/:[a-zA-Z]+/g, () => urlSegment(params[i++] ?? ''));
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withCookie) headers.cookie = cookie;
          const init: RequestInit = { method: route.method, headers };
          if (route.method !== 'GET') init.body = JSON.stringify(body);
          const res = await fetch(`${t.url}${path}`, init);
          await res.arrayBuffer();
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
