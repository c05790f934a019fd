import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type HttpRoute,
  httpRoutes,
  type RouteRequest,
  type RouteResponse,
  routeUrl,
} from './http-routes.ts';

const routes: [string, HttpRoute][] = Object.entries(httpRoutes);
const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
const schemaKeys = (schema: z.ZodType | undefined) =>
  schema instanceof z.ZodObject ? Object.keys(schema.shape).sort() : [];

describe('the HTTP route table', () => {
  it.each(routes)('%s declares exactly the params its path names', (_name, route) => {
    expect(schemaKeys(route.params)).toEqual(pathParams(route.path));
  });

  it.each(routes)('%s names the param its auth policy needs', (_name, route) => {
    if (route.auth === 'facilitatorOfWebinar' || route.auth === 'facilitatorOfSeries')
      expect(pathParams(route.path)).toContain('id');
    if (route.auth === 'invite') expect(pathParams(route.path)).toContain('token');
  });

  it('has one route per method and path', () => {
    const keys = routes.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(routes)('%s declares exactly one success status', (_name, route) => {
    expect(Object.keys(route.response).filter((s) => Number(s) < 300)).toHaveLength(1);
  });
});

describe('routeUrl', () => {
  it('substitutes params URL-encoded and appends the query', () => {
    expect(routeUrl(httpRoutes.feedbackCsv, { params: { id: 'a/b' }, query: { lang: 'en' } })).toBe(
      '/api/webinars/a%2Fb/feedback.csv?lang=en',
    );
    expect(routeUrl(httpRoutes.me)).toBe('/api/auth/me');
    expect(routeUrl(httpRoutes.feedbackCsv, { params: { id: 'x' }, query: { lang: undefined } })).toBe(
      '/api/webinars/x/feedback.csv',
    );
  });

  it('refuses a path whose param is missing', () => {
    expect(() => routeUrl(httpRoutes.webinar, {})).toThrow(/missing param id/);
  });
});

describe('route types', () => {
  it('derive requests and responses from the schemas', () => {
    expectTypeOf<RouteRequest<typeof httpRoutes.addParticipant>['params']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouteResponse<typeof httpRoutes.createWebinar>['webinar']['status']>().toEqualTypeOf<
      'planned' | 'live' | 'ended'
    >();
    // @ts-expect-error: a route without a body takes none
    const noBody: RouteRequest<typeof httpRoutes.me> = { body: {} };
    expect(noBody).toBeDefined();
  });
});
