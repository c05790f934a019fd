import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { TestClient } from './helpers/test-client.ts';

/** Signs a webhook body the way LiveKit does: a JWT from our API key carrying the body's SHA-256. */
async function signedWebhook(t: TestApp, body: object) {
  const raw = JSON.stringify(body);
  const at = new AccessToken(t.livekitConn.apiKey, t.livekitConn.apiSecret);
  at.sha256 = createHash('sha256').update(raw).digest('base64');
  return { raw, auth: await at.toJwt() };
}

describe('media presence and speaking', () => {
  let t: TestApp;
  let webinarId: string;
  let facilitator: TestClient;
  let participant: TestClient;
  let participantId: string;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    const { cookie } = await signedInFacilitator(t);
    const made = await webinarWithParticipants(t, cookie, ['Ola']);
    webinarId = made.webinarId;
    participantId = made.invites[0]?.id ?? '';
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    facilitator = await TestClient.connect(t, { webinarId }, cookie);
    participant = await TestClient.connect(t, { invite: made.invites[0]?.token });
  });
  afterAll(async () => {
    facilitator?.close();
    participant?.close();
    await t?.close();
  });

  it('tells facilitators who is connected to which room, from verified LiveKit webhooks only', async () => {
    const seen: { rooms: Record<string, string[]> }[] = [];
    facilitator.socket.on('media:presence', (p) => seen.push(p));
    const room = `group-${webinarId}-g1`;
    const { raw, auth } = await signedWebhook(t, {
      event: 'participant_joined',
      room: { name: room },
      participant: { identity: `p:${participantId}` },
      id: 'EV_1',
      createdAt: Math.floor(Date.now() / 1000),
    });
    const res = await fetch(`${t.url}/api/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: auth },
      body: raw,
    });
    expect(res.status).toBe(200);
    const presence = await facilitator.until(() => seen.at(-1));
    expect(presence.rooms).toEqual({ [room]: [`p:${participantId}`] });
    // A body that does not match its signature is refused and changes nothing.
    const forged = await fetch(`${t.url}/api/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: auth },
      body: raw.replace('participant_joined', 'participant_left'),
    });
    expect(forged.status).toBe(401);
  });

  it('relays speaking signals to facilitators and ignores malformed ones', async () => {
    const heard: { participantId: string; speaking: boolean }[] = [];
    facilitator.socket.on('media:speaking', (u) => heard.push(u));
    // @ts-expect-error a malformed signal on purpose: it must be dropped
    participant.socket.emit('media:speaking', { speaking: 'loud' });
    participant.socket.emit('media:speaking', { speaking: true });
    const update = await facilitator.until(() => heard[0]);
    expect(update).toEqual({ participantId, speaking: true });
    expect(heard).toHaveLength(1);
  });
});
