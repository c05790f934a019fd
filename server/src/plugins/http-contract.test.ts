import type { HttpRoute } from '@rundgang/shared';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { httpContractPlugin, serve } from './http-contract.ts';

// A stand-in for the auth plugin: these routes need nobody.
const app = Fastify({ logger: false });
app.decorateRequest('who', null);
app.addHook('onRequest', async (req) => {
  req.who = { auth: 'none' };
});

const echo = {
  method: 'POST',
  path: '/echo/:n',
  auth: 'none',
  params: z.object({ n: z.coerce.number().int().min(1) }),
  body: z.object({ name: z.string().min(2), tags: z.array(z.string().max(3)) }),
  response: { 200: z.object({ n: z.number(), name: z.string() }) },
} as const satisfies HttpRoute;

const drifting = {
  method: 'GET',
  path: '/drift/:what',
  auth: 'none',
  params: z.object({ what: z.enum(['extra', 'wrong', 'refused']) }),
  response: { 200: z.object({ id: z.string() }) },
} as const satisfies HttpRoute;

beforeAll(async () => {
  await app.register(httpContractPlugin);
  serve(app, echo, async (req) => ({ n: req.params.n, name: req.body.name }));
  serve(app, drifting, async (req) => {
    if (req.params.what === 'refused') throw new AppError('conflict', 'Not now');
    // A handler that drifts from its schema: extra fields are dropped, wrong types refused.
    const body: unknown = req.params.what === 'extra' ? { id: 'a', secret: 'x' } : { id: 1 };
    return body as { id: string };
  });
  await app.ready();
});
afterAll(() => app.close());

describe('the HTTP contract plugin', () => {
  it('hands handlers the parsed input', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo/7', payload: { name: 'Ola', tags: [] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 7, name: 'Ola' });
  });

  it.each([
    ['a bad param', '/echo/0', { name: 'Ola', tags: [] }, /^n: /],
    ['a bad body field', '/echo/1', { name: 'O', tags: [] }, /^name: /],
    ['a bad nested field', '/echo/1', { name: 'Ola', tags: ['long'] }, /^tags\.0: /],
  ])('answers %s with a 400 bad_request naming the field', async (_case, url, payload, message) => {
    const res = await app.inject({ method: 'POST', url, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(res.json().error.message).toMatch(message);
  });

  it('answers malformed JSON with a 400 bad_request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/echo/1',
      headers: { 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('serializes responses through their schema', async () => {
    const extra = await app.inject({ method: 'GET', url: '/drift/extra' });
    expect(extra.json()).toEqual({ id: 'a' });
    const wrong = await app.inject({ method: 'GET', url: '/drift/wrong' });
    expect(wrong.statusCode).toBe(500);
    expect(wrong.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on the server' },
    });
  });

  it('sends AppErrors as their envelope and status', async () => {
    const res = await app.inject({ method: 'GET', url: '/drift/refused' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'conflict', message: 'Not now' } });
  });
});
