import { PROTOCOL_VERSION } from '@rundgang/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_TTL_SECONDS } from '../src/livekit/adapter.ts';
import {
  api,
  connectSocket,
  DB_KINDS,
  request,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';

const decodeJwt = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());

describe.each(DB_KINDS)('realtime on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let webinarId: string;
  let invites: { id: string; name: string; token: string }[];
  const open: Socket[] = [];
  const track = (s: Socket) => {
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
    const res = await request(s, 'livekit:token', {});
    expect(res.ok).toBe(true);
    expect(res.data.groupId).toBeNull();
    const claims = decodeJwt(res.data.grant.token);
    expect(claims.video).toMatchObject({
      room: `plenary-${webinarId}`,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(claims.video.roomAdmin).toBeUndefined();
    expect(claims.video.roomCreate).toBeUndefined();
    expect(claims.sub).toBe(`p:${invites[0]?.id}`);
    const ttl = claims.exp - claims.nbf;
    expect(ttl).toBeGreaterThanOrEqual(60);
    expect(ttl).toBeLessThanOrEqual(TOKEN_TTL_SECONDS);
    expect(res.data.grant.url).toBe(t.livekitConn.url);
  });

  it('authenticates facilitators by session cookie for their own webinar only', async () => {
    const s = track(await connectSocket(t, { webinarId }, { cookie }));
    const res = await request(s, 'livekit:token', {});
    expect(decodeJwt(res.data.grant.token).sub).toMatch(/^f:/);
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
    const bad = await request(s, 'clock:ping', { clientSentAt: 'soon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const extra = await request(s, 'livekit:token', { room: 'someone-elses-room' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    s.emit('clock:ping', { clientSentAt: 1 }); // no ack callback: ignored
    const pong = await request(s, 'clock:ping', { clientSentAt: 42 });
    expect(pong.ok).toBe(true);
    expect(pong.data.clientSentAt).toBe(42);
    expect(Math.abs(pong.data.serverTime - Date.now())).toBeLessThan(1000);
  });

  it('disconnects a client that sends more than 64 KB in one message', async () => {
    const s = track(await connectSocket(t, { invite: invites[1]?.token }));
    const closed = new Promise<string>((r) => s.once('disconnect', (reason) => r(reason)));
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
        const names = state.present.map((p: { name: string }) => p.name).sort();
        if (names.includes('Siri')) resolve(names);
      });
    });
    track(await connectSocket(t, { invite: invites[1]?.token }));
    expect(await seen).toEqual(['Fasilitator', 'Siri']);
  });
});
