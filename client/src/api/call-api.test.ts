import { httpRoutes } from '@rundgang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi } from './call-api.ts';
import { ApiRequestError } from './http.ts';

/** Answers every request with this status and body, and records what was asked. */
function serverAnswers(status: number, body: unknown) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return calls;
}

const summary = {
  id: '7f0c5a4e-3b0a-4c1e-9a52-5d7a0c6f1e11',
  seriesId: 's1',
  title: 'Samling 1',
  status: 'planned',
  createdAt: '2026-01-01T00:00:00.000Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('callApi', () => {
  it('sends params in the path and the body as JSON, and returns the parsed response', async () => {
    const calls = serverAnswers(201, {
      participant: { id: 'p', name: 'Ola', municipality: null, workplace: null, invitePath: '/join/x' },
    });
    const { participant } = await callApi(httpRoutes.addParticipant, {
      params: { id: 'w 1' },
      body: { name: 'Ola' },
    });
    expect(participant.name).toBe('Ola');
    expect(calls).toEqual([
      { url: '/api/webinars/w%201/participants', method: 'POST', body: { name: 'Ola' } },
    ]);
  });

  it('refuses a response that does not match the route schema', async () => {
    serverAnswers(200, { webinars: [{ ...summary, status: 'archived' }] });
    await expect(callApi(httpRoutes.webinars)).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuses a success status the route does not declare', async () => {
    serverAnswers(200, { webinar: summary });
    await expect(callApi(httpRoutes.createWebinar, { body: { title: 'x' } })).rejects.toThrow(/status 200/);
  });

  it('turns the error envelope into an ApiRequestError with its code', async () => {
    serverAnswers(404, { error: { code: 'not_found', message: 'This invite link is not valid' } });
    const failure = await callApi(httpRoutes.invite, { params: { token: 'x'.repeat(32) } }).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('takes only what the route declares (checked by the compiler)', async () => {
    serverAnswers(200, { facilitator: { id: 'f', email: 'a@b.no', name: 'Kari' } });
    await callApi(httpRoutes.me);
    // @ts-expect-error: a webinar route needs its id
    await callApi(httpRoutes.webinar).catch(() => undefined);
    // @ts-expect-error: login's body has an email and a password
    await callApi(httpRoutes.login, { body: { email: 'a@b.no' } }).catch(() => undefined);
  });
});
