/**
 * The authorization matrix, generated from the two tables that decide it — the socket handler
 * table (capability per request) and the shared HTTP route table (auth policy per route) — against
 * six callers: the facilitator of this series, another facilitator, a participant of this webinar,
 * a participant of another webinar, a removed participant, and anonymous. A new request or route
 * gets its row without anyone writing it.
 */
import { can, httpRoutes, type RequestEvent, type RouteAuth } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers, requestEvents } from '../src/realtime/handlers.ts';
import {
  api,
  connectSocket,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  type TestSocket,
  webinarWithParticipants,
} from './helpers/test-app.ts';

const CALLERS = [
  'ownFacilitator',
  'otherFacilitator',
  'participant',
  'otherParticipant',
  'removed',
  'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];

/** Who may pass each HTTP auth policy for *this* webinar / *this* invite. */
const MAY_PASS: Record<RouteAuth, readonly Caller[]> = {
  none: CALLERS,
  facilitator: ['ownFacilitator', 'otherFacilitator'],
  facilitatorOfWebinar: ['ownFacilitator'],
  facilitatorOfSeries: ['ownFacilitator'],
  // The invite in the URL is the participant's own; anyone else holds another or none.
  invite: ['participant'],
};

/** Routes whose effect would spoil the other cells (they are covered by their own tests). */
const SKIP = new Set([
  'logout',
  'setup',
  'login',
  'livekitWebhook',
  'deleteParticipant',
  'removeSeriesParticipant',
  'endWebinar',
  'reissueInvite',
]);

describe('authorization matrix', { timeout: 300_000 }, () => {
  let t: TestApp;
  let own: { cookie: string; webinarId: string; seriesId: string; invites: { id: string; token: string }[] };
  let other: {
    cookie: string;
    webinarId: string;
    seriesId: string;
    invites: { id: string; token: string }[];
  };
  let removedToken: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite');
    const a = await signedInFacilitator(t);
    own = { cookie: a.cookie, ...(await webinarWithParticipants(t, a.cookie, ['Ola', 'Siri', 'Gone'])) };
    const b = await signedInFacilitator(t);
    other = { cookie: b.cookie, ...(await webinarWithParticipants(t, b.cookie, ['Per'])) };
    for (const w of [own, other])
      await api(t, 'POST', `/api/webinars/${w.webinarId}/open`, { cookie: w.cookie });
    const gone = own.invites[2];
    removedToken = gone?.token ?? '';
    await api(t, 'DELETE', `/api/webinars/${own.webinarId}/participants/${gone?.id}`, { cookie: own.cookie });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  /** The credentials a caller brings to a request about `own`'s webinar. */
  const credentials = (caller: Caller): { cookie?: string; invite?: string } => {
    switch (caller) {
      case 'ownFacilitator':
        return { cookie: own.cookie };
      case 'otherFacilitator':
        return { cookie: other.cookie };
      case 'participant':
        return { invite: own.invites[0]?.token ?? '' };
      case 'otherParticipant':
        return { invite: other.invites[0]?.token ?? '' };
      case 'removed':
        return { invite: removedToken };
      case 'anonymous':
        return {};
    }
  };

  const routes = Object.entries(httpRoutes).filter(([name]) => !SKIP.has(name));
  const httpCells = routes.flatMap(([name, route]) =>
    CALLERS.map((caller) => [name, caller, route] as const),
  );

  it.each(httpCells)('HTTP %s as %s', async (_name, caller, route) => {
    const { cookie, invite } = credentials(caller);
    // The caller's own invite in the URL when the route takes one; this webinar's id otherwise.
    const path = route.path
      .replace(':id', route.auth === 'facilitatorOfSeries' ? own.seriesId : own.webinarId)
      .replace(':webinarId', own.webinarId)
      .replace(':facilitatorId', '00000000-0000-4000-8000-000000000000')
      .replace(':token', route.auth === 'invite' ? (invite ?? 'x'.repeat(24)) : 'x'.repeat(24))
      .replace(':participantId', own.invites[1]?.id ?? '')
      .replace(':themeId', 'structure')
      .replace(':cardId', '00000000-0000-4000-8000-000000000000');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cookie) headers.cookie = cookie;
    const res = await fetch(`${t.url}${path}`, {
      method: route.method,
      headers,
      ...(route.method === 'GET' ? {} : { body: '{}' }),
    });
    await res.arrayBuffer();
    const mayPass =
      MAY_PASS[route.auth].includes(caller) ||
      // Another participant's own invite passes the policy, but only for their own data.
      (route.auth === 'invite' && caller === 'otherParticipant');
    if (mayPass) expect([401, 403]).not.toContain(res.status);
    else expect([401, 403, 404]).toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });

  /** Socket callers: who can even connect to `own`'s webinar. */
  const socketCells = requestEvents.flatMap((event) => CALLERS.map((caller) => [event, caller] as const));

  it.each(socketCells)('socket %s as %s', async (event: RequestEvent, caller) => {
    const { cookie, invite } = credentials(caller);
    const auth = invite ? { invite } : { webinarId: own.webinarId };
    const connected = await connectSocket(t, auth, cookie ? { cookie } : {}).catch((err: Error) => err);
    if (caller === 'otherFacilitator' || caller === 'removed' || caller === 'anonymous') {
      // Never inside this webinar at all.
      expect(connected).toBeInstanceOf(Error);
      return;
    }
    if (connected instanceof Error) throw connected;
    sockets.push(connected);
    // A participant of another webinar is connected to *their* webinar only.
    expect(caller !== 'otherParticipant' || invite === other.invites[0]?.token).toBe(true);
    const capability = handlers[event].capability;
    const role = caller === 'ownFacilitator' ? 'facilitator' : 'participant';
    const untyped = connected as unknown as {
      timeout(ms: number): {
        emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
      };
    };
    const ack = await untyped.timeout(10_000).emitWithAck(event, {});
    if (capability && !can(role, capability))
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    else expect(ack.error?.code).not.toBe('forbidden');
    expect(ack.error?.code).not.toBe('internal');
    connected.close();
  });
});
