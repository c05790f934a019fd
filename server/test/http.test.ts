import { httpRoutes } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupTokenIfNeeded } from '../src/auth/setup.ts';
import {
  api,
  DB_KINDS,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';

/** `METHOD /path` for every route in Fastify's printed route tree (HEAD twins left out). */
function printedRoutes(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const path = (parents[depth - 1] ?? '') + m[2];
    parents[depth] = path;
    for (const method of (m[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD' && method !== '-') routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}

describe.each(DB_KINDS)('HTTP API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('registers exactly the shared route table: every route in it, no /api route outside it', () => {
    const registered = printedRoutes(t.app.printRoutes({ commonPrefix: false }));
    const table = Object.values(httpRoutes)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(registered).toContain('PUT /api/webinars/:id/themes/:themeId');
    expect(table.filter((r) => !registered.includes(r))).toEqual([]);
    expect(registered.filter((r) => r.includes(' /api/') && !table.includes(r))).toEqual([]);
  });

  it('reports health and readiness of db and LiveKit', async () => {
    expect((await api(t, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api(t, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ db: 'ok', livekit: 'ok' });
  });

  it('creates the first facilitator once with the setup token, then refuses', async () => {
    expect((await api(t, 'GET', '/api/setup/status')).body).toEqual({ needsSetup: true });
    const token = await issueSetupTokenIfNeeded(t.db);
    expect(token).toBeTypeOf('string');
    const body = {
      token: 'x'.repeat(32),
      name: 'Kari',
      email: 'kari@example.no',
      password: 'langt-passord-1',
    };
    expect((await api(t, 'POST', '/api/setup', { body })).status).toBe(403);
    const created = await api(t, 'POST', '/api/setup', { body: { ...body, token } });
    expect(created.status).toBe(200);
    expect(created.body.facilitator.email).toBe('kari@example.no');
    expect((await api(t, 'POST', '/api/setup', { body: { ...body, token } })).status).toBe(409);
    expect((await api(t, 'GET', '/api/setup/status')).body).toEqual({ needsSetup: false });
    expect(await issueSetupTokenIfNeeded(t.db)).toBeUndefined();
  });

  it('rejects bad bodies with a clear 400 and wrong passwords with 401', async () => {
    const bad = await api(t, 'POST', '/api/auth/login', { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.message).toContain('email');
    const notJson = await api(t, 'POST', '/api/auth/login', { rawBody: '{oops' });
    expect(notJson.status).toBe(400);
    const wrong = await api(t, 'POST', '/api/auth/login', {
      body: { email: 'kari@example.no', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await api(t, 'GET', '/api/auth/me')).status).toBe(401);
    // Who may call comes before what they sent: no validation hints for strangers.
    expect((await api(t, 'GET', '/api/webinars/not-a-uuid')).status).toBe(401);
  });

  it('lets a facilitator create a webinar, add participants and open it; invites resolve', async () => {
    const { cookie } = await signedInFacilitator(t);
    expect((await api(t, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    const { webinarId, invites } = await webinarWithParticipants(t, cookie, ['Ola', 'Siri']);
    const detail = await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie });
    expect(detail.body.webinar.participants.map((p: { name: string }) => p.name)).toEqual(['Ola', 'Siri']);
    expect(invites[0]?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const opened = await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
    expect(opened.body.webinar.status).toBe('live');
    const invite = await api(t, 'GET', `/api/invites/${invites[0]?.token}`);
    expect(invite.body).toMatchObject({
      participant: { id: invites[0]?.id, name: 'Ola' },
      series: { title: 'Samling 1' },
      webinar: { id: webinarId, title: 'Samling 1', status: 'live', scheduledAt: null, durationMinutes: 180 },
    });
    expect(invite.body.webinars.map((w: { id: string }) => w.id)).toEqual([webinarId]);
    expect((await api(t, 'GET', `/api/invites/${'A'.repeat(32)}`)).status).toBe(404);
    expect((await api(t, 'GET', '/api/invites/short')).status).toBe(400);
  });

  it("keeps one facilitator's webinars from another", async () => {
    const a = await signedInFacilitator(t);
    const b = await signedInFacilitator(t);
    const { webinarId } = await webinarWithParticipants(t, a.cookie, []);
    expect((await api(t, 'GET', `/api/webinars/${webinarId}`, { cookie: b.cookie })).status).toBe(404);
    expect(
      (
        await api(t, 'POST', `/api/webinars/${webinarId}/participants`, {
          cookie: b.cookie,
          body: { name: 'X' },
        })
      ).status,
    ).toBe(404);
    expect((await api(t, 'GET', '/api/webinars', { cookie: b.cookie })).body.webinars).toEqual([]);
    expect((await api(t, 'GET', '/api/webinars/not-a-uuid', { cookie: a.cookie })).status).toBe(400);
  });

  it('sends security headers with the LiveKit URL allowed in connect-src', async () => {
    const res = await fetch(`${t.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${t.livekitConn.url}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses LiveKit webhooks that are not signed by our LiveKit', async () => {
    const res = await api(t, 'POST', '/api/livekit/webhook', {
      rawBody: JSON.stringify({ event: 'participant_joined' }),
      contentType: 'application/webhook+json',
    });
    expect(res.status).toBe(401);
  });
});
