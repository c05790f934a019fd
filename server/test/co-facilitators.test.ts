/**
 * Co-facilitators: a single-use link adds a colleague to the series; added mid-webinar they see
 * help requests and can run the session; removed, they lose HTTP and socket access at once.
 */
import type { RequestPayload } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accepted,
  api,
  connectSocket,
  DB_KINDS,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { TestClient } from './helpers/test-client.ts';

const EXERCISE: RequestPayload<'breakouts:open'>['exercise'] = {
  themeId: 'structure',
  phases: [
    { kind: 'preparation', durationSec: 60 },
    { kind: 'conversation', durationSec: 120 },
    { kind: 'feedback', durationSec: 60 },
    { kind: 'reflection', durationSec: 30 },
  ],
};

describe.each(DB_KINDS)('co-facilitators on %s', (kind) => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signedInFacilitator>>;
  let webinarId: string;
  let seriesId: string;
  let invites: { id: string; name: string; token: string }[];
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await signedInFacilitator(t);
    ({ webinarId, invites } = await webinarWithParticipants(t, owner.cookie, ['Ola', 'Siri', 'Kari']));
    seriesId = (await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie: owner.cookie })).body.webinar
      .seriesId;
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie: owner.cookie });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
  });

  const newLink = async () => {
    const res = await api(t, 'POST', `/api/series/${seriesId}/co-facilitator-invites`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(201);
    expect(res.body.invitePath).toMatch(/^\/co-facilitate\/[A-Za-z0-9_-]{32}$/);
    return res.body.invitePath.split('/').pop() as string;
  };

  it('added mid-webinar, sees help requests and runs the session; removed, loses access at once', async () => {
    const f = await TestClient.connect(t, { webinarId }, owner.cookie);
    clients.push(f);
    const ps = await Promise.all(invites.map((i) => TestClient.connect(t, { invite: i.token })));
    clients.push(...ps);
    await f.waitForState((s) => s.state.present.length === 3);
    accepted(await f.request('breakouts:open', { exercise: EXERCISE, groups: [invites.map((i) => i.id)] }));

    // Mid-webinar: the owner hands a colleague a link; they sign in and accept it.
    const colleague = await signedInFacilitator(t);
    expect((await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie: colleague.cookie })).status).toBe(
      404,
    );
    const token = await newLink();
    const info = await api(t, 'GET', `/api/co-facilitator-invites/${token}`);
    expect(info.body).toEqual({ seriesTitle: 'Samling 1', invitedBy: 'Fasilitator' });
    const acceptedRes = await api(t, 'POST', `/api/co-facilitator-invites/${token}/accept`, {
      cookie: colleague.cookie,
    });
    expect(acceptedRes.body).toEqual({ seriesId });
    // Single use.
    expect(
      (await api(t, 'POST', `/api/co-facilitator-invites/${token}/accept`, { cookie: owner.cookie })).status,
    ).toBe(404);
    expect((await api(t, 'GET', `/api/co-facilitator-invites/${token}`)).status).toBe(404);
    const listed = (await api(t, 'GET', `/api/series/${seriesId}/facilitators`, { cookie: colleague.cookie }))
      .body;
    expect(listed.facilitators.map((x: { id: string; role: string }) => [x.id, x.role])).toEqual([
      [owner.facilitator.id, 'owner'],
      [colleague.facilitator.id, 'co'],
    ]);

    const co = await TestClient.connect(t, { webinarId }, colleague.cookie);
    clients.push(co);
    accepted(await ps[0]?.request('help:request', {}));
    const s = await co.waitForState((x) => (x.state.breakouts?.helpRequests.length ?? 0) === 1);
    const groupId = s.state.breakouts?.helpRequests[0]?.groupId ?? '';
    // The co-facilitator runs the session: resolves the help request, sends a broadcast.
    accepted(await co.request('help:resolve', { groupId }));
    await f.waitForState((x) => x.state.breakouts?.helpRequests.length === 0);
    accepted(await co.request('broadcast:send', { text: 'To minutter igjen' }));

    // A co-facilitator cannot invite or remove others.
    expect(
      (await api(t, 'POST', `/api/series/${seriesId}/co-facilitator-invites`, { cookie: colleague.cookie }))
        .status,
    ).toBe(403);

    // Removed: the open socket is cut at once and cannot come back; HTTP answers 404.
    const disconnected = new Promise<void>((resolve) => co.socket.once('disconnect', () => resolve()));
    const removed = await api(
      t,
      'DELETE',
      `/api/series/${seriesId}/facilitators/${colleague.facilitator.id}`,
      {
        cookie: owner.cookie,
      },
    );
    expect(removed.status).toBe(204);
    await disconnected;
    expect((await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie: colleague.cookie })).status).toBe(
      404,
    );
    await expect(connectSocket(t, { webinarId }, { cookie: colleague.cookie })).rejects.toThrow();
    // The owner's socket stays.
    expect(f.socket.connected).toBe(true);
    expect(
      (
        await api(t, 'DELETE', `/api/series/${seriesId}/facilitators/${owner.facilitator.id}`, {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(404);
  });

  it('lets an invited person create an account from the link', async () => {
    const token = await newLink();
    const res = await fetch(`${t.url}/api/co-facilitator-invites/${token}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Mona Medveileder',
        email: 'mona@example.no',
        password: 'et-langt-passord',
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { seriesId: string };
    expect(body.seriesId).toBe(seriesId);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie })).status).toBe(200);
    // The link is spent; an existing email is told to sign in instead.
    const again = await api(t, 'POST', `/api/co-facilitator-invites/${token}/register`, {
      body: { name: 'X', email: 'x@example.no', password: 'et-langt-passord' },
    });
    expect(again.status).toBe(404);
    const taken = await api(t, 'POST', `/api/co-facilitator-invites/${await newLink()}/register`, {
      body: { name: 'Mona', email: 'mona@example.no', password: 'et-langt-passord' },
    });
    expect(taken.status).toBe(409);
    expect((await api(t, 'GET', `/api/co-facilitator-invites/${'A'.repeat(32)}`)).status).toBe(404);
  });
});
