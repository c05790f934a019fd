import { PROTOCOL_VERSION } from '@rundgang/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIVEKIT_EXPIRY_LEEWAY_SECONDS } from '../src/livekit/adapter.ts';
import {
  accepted,
  api,
  connectSocket,
  DB_KINDS,
  request,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  type TestSocket,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { decodeJwt } from './helpers/test-client.ts';

/** The longest a LiveKit token may live (the security requirement, not the adapter's setting). */
const MAX_TOKEN_TTL_SECONDS = 300;

describe.each(DB_KINDS)('realtime on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let webinarId: string;
  let invites: { id: string; name: string; token: string }[];
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => {
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ cookie } = await signedInFacilitator(t));
    ({ webinarId, invites } = await webinarWithParticipants(t, cookie, ['Ola', 'Siri']));
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => t?.close());

  it('mints a participant token scoped to one room with a TTL of minutes, once the webinar is open', async () => {
    const s = track(await connectSocket(t, { invite: invites[0]?.token }));
    expect(await request(s, 'livekit:token', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const opened = new Promise((r) => s.once('webinar:updated', r));
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    expect(await opened).toMatchObject({ status: 'live' });
    const assignment = accepted(await request(s, 'livekit:token', {}));
    expect(assignment.groupId).toBeNull();
    const grant = assignment.grant;
    const claims = decodeJwt(grant.token);
    expect(claims.video).toMatchObject({
      room: `plenary-${webinarId}`,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: false,
    });
    expect(claims.video.roomAdmin).toBeUndefined();
    expect(claims.video.roomCreate).toBeUndefined();
    expect(claims.sub).toBe(`p:${invites[0]?.id}`);
    // The minted token itself lives minutes, at most five counting the 60 s LiveKit still accepts
    // it after its exp, and the grant says when it really runs out.
    const ttl = claims.exp + LIVEKIT_EXPIRY_LEEWAY_SECONDS - claims.nbf;
    expect(ttl).toBeGreaterThanOrEqual(60);
    expect(ttl).toBeLessThanOrEqual(MAX_TOKEN_TTL_SECONDS);
    expect(
      Math.abs(Date.parse(grant.expiresAt) / 1000 - (claims.exp + LIVEKIT_EXPIRY_LEEWAY_SECONDS)),
    ).toBeLessThanOrEqual(2);
    expect(grant.url).toBe(t.livekitConn.url);
  });

  it('authenticates facilitators by session cookie for their own webinar only', async () => {
    const s = track(await connectSocket(t, { webinarId }, { cookie }));
    const { grant } = accepted(await request(s, 'livekit:token', {}));
    expect(decodeJwt(grant.token).sub).toMatch(/^f:/);
    const other = await signedInFacilitator(t);
    await expect(connectSocket(t, { webinarId }, { cookie: other.cookie })).rejects.toMatchObject({
      data: { code: 'forbidden' },
    });
    await expect(connectSocket(t, { webinarId })).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('refuses an old protocol version, a bad invite and a foreign Origin', async () => {
    await expect(
      connectSocket(t, { invite: invites[0]?.token, protocol: PROTOCOL_VERSION - 1 }),
    ).rejects.toMatchObject({ data: { code: 'protocol_mismatch' } });
    await expect(connectSocket(t, { invite: 'B'.repeat(32) })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
    await expect(
      connectSocket(t, { invite: invites[0]?.token }, { origin: 'https://evil.example' }),
    ).rejects.toThrow();
    const same = track(await connectSocket(t, { invite: invites[0]?.token }, { origin: t.url }));
    expect(same.connected).toBe(true);
  });

  it('answers invalid payloads with bad_request and never crashes', async () => {
    const s = track(await connectSocket(t, { invite: invites[1]?.token }));
    // @ts-expect-error a wrong payload on purpose: the server must refuse what the types forbid
    const bad = await request(s, 'clock:ping', { clientSentAt: 'soon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // @ts-expect-error an extra field on purpose: the schemas are strict
    const extra = await request(s, 'livekit:token', { room: 'someone-elses-room' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // @ts-expect-error a request without its ack callback, on purpose: it is ignored
    s.emit('clock:ping', { clientSentAt: 1 });
    const pong = accepted(await request(s, 'clock:ping', { clientSentAt: 42 }));
    expect(pong.clientSentAt).toBe(42);
    expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(1000);
  });

  it('disconnects a client that sends more than 64 KB in one message', async () => {
    const s = track(await connectSocket(t, { invite: invites[1]?.token }));
    const closed = new Promise<string>((r) => s.once('disconnect', (reason) => r(reason)));
    // @ts-expect-error an oversized payload on purpose
    s.emit('clock:ping', { clientSentAt: 1, pad: 'x'.repeat(70 * 1024) }, () => {});
    expect(await closed).toBe('transport close');
    const again = track(await connectSocket(t, { invite: invites[1]?.token }));
    expect((await request(again, 'clock:ping', { clientSentAt: 1 })).ok).toBe(true);
  });

  it('rate-limits a flooding socket', async () => {
    const s = track(await connectSocket(t, { invite: invites[0]?.token }));
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => request(s, 'clock:ping', { clientSentAt: i })),
    );
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(limited).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(40);
  });

  it('broadcasts who is present in the webinar', async () => {
    const f = track(await connectSocket(t, { webinarId }, { cookie }));
    const seen = new Promise<string[]>((resolve) => {
      f.on('webinar:updated', (state) => {
        const names = state.present.map((p) => p.name).sort();
        if (names.includes('Siri')) resolve(names);
      });
    });
    track(await connectSocket(t, { invite: invites[1]?.token }));
    expect(await seen).toEqual(['Fasilitator', 'Siri']);
  });
});
