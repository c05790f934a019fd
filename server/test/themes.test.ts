import { DEFAULT_THEMES } from '@rundgang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accepted,
  api,
  DB_KINDS,
  signedInFacilitator,
  startTestApp,
  type TestApp,
  webinarWithParticipants,
} from './helpers/test-app.ts';
import { TestClient } from './helpers/test-client.ts';

describe.each(DB_KINDS)('series feedback themes on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let webinarId: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    ({ cookie } = await signedInFacilitator(t));
    const made = await webinarWithParticipants(t, cookie, ['Ola']);
    webinarId = made.webinarId;
    token = made.invites[0]?.token ?? '';
    await api(t, 'POST', `/api/webinars/${webinarId}/open`, { cookie });
  });
  afterAll(async () => t?.close());

  it('starts from the default library and lets facilitators edit a theme for their series', async () => {
    const base = await api(t, 'GET', `/api/webinars/${webinarId}/themes`, { cookie });
    expect(base.body.themes.map((x: { id: string }) => x.id)).toEqual(DEFAULT_THEMES.map((x) => x.id));
    const structure = base.body.themes[0];
    const edited = {
      ...structure,
      focusItems: [
        ...structure.focusItems,
        { id: 'closing', label: { nb: 'Avslutter samtalen', en: 'Closes the conversation' } },
      ],
    };
    const saved = await api(t, 'PUT', `/api/webinars/${webinarId}/themes/${structure.id}`, {
      cookie,
      body: edited,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.themes[0].focusItems.at(-1).id).toBe('closing');
    // Participants read the series' themes over the socket.
    const p = await TestClient.connect(t, { invite: token });
    const listed = accepted(await p.request('themes:list', {}));
    expect(listed.themes[0]?.focusItems.map((f) => f.id)).toContain('closing');
    p.close();
    const viaInvite = await api(t, 'GET', `/api/invites/${token}/themes`);
    expect(viaInvite.body.themes[0].focusItems.map((f: { id: string }) => f.id)).toContain('closing');
    expect((await api(t, 'GET', `/api/invites/${'C'.repeat(32)}/themes`)).status).toBe(404);
    // Resetting brings the shipped theme back.
    const reset = await api(t, 'DELETE', `/api/webinars/${webinarId}/themes/${structure.id}`, { cookie });
    expect(reset.body.themes[0]).toEqual(DEFAULT_THEMES[0]);
  });

  it('refuses invalid themes and other facilitators', async () => {
    const theme = DEFAULT_THEMES[1];
    const dup = { ...theme, focusItems: [theme?.focusItems[0], theme?.focusItems[0]] };
    const bad = await api(t, 'PUT', `/api/webinars/${webinarId}/themes/${theme?.id}`, { cookie, body: dup });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Duplicate focus item id');
    const mismatch = await api(t, 'PUT', `/api/webinars/${webinarId}/themes/other`, { cookie, body: theme });
    expect(mismatch.status).toBe(400);
    const other = await signedInFacilitator(t);
    expect((await api(t, 'GET', `/api/webinars/${webinarId}/themes`, { cookie: other.cookie })).status).toBe(
      404,
    );
    expect(
      (await api(t, 'PUT', `/api/webinars/${webinarId}/themes/${theme?.id}`, { body: theme })).status,
    ).toBe(401);
  });
});
