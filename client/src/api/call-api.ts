/**
 * The one typed call of the HTTP API: a route from the shared table plus its params, query and
 * body in, the parsed response out. The response is checked against the route's own schema, so
 * a server that drifts from the contract fails loudly here rather than deep in a component.
 */
import {
  type HttpRoute,
  type RouteRequest,
  type RouteResponse,
  responseSchema,
  routeUrl,
  type UrlValues,
} from '@rundgang/shared';
import { ApiRequestError, sendRequest } from './http.ts';

/** The request argument, optional for routes that take no params, query or body. */
type RequestArgs<R extends HttpRoute> =
  object extends RouteRequest<R> ? [request?: RouteRequest<R>] : [request: RouteRequest<R>];

/** Calls a route of the shared table and returns its parsed success body. */
export async function callApi<R extends HttpRoute>(
  route: R,
  ...[request]: RequestArgs<R>
): Promise<RouteResponse<R>> {
  const input: { params?: UrlValues; query?: UrlValues; body?: unknown } = request ?? {};
  const url = routeUrl(route, { params: input.params, query: input.query });
  // POSTs without a body still send `{}`: a JSON content type with an empty body is a 400.
  const body = input.body ?? (route.method === 'GET' ? undefined : {});
  const answer = await sendRequest(route.method, url, body, route.produces ?? 'application/json');
  const schema = responseSchema(route, answer.status);
  if (!schema) throw new ApiRequestError('internal', `unexpected response: status ${answer.status}`);
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new ApiRequestError('internal', `unexpected response: ${parsed.error.message}`);
  // The schema just checked is this route's schema for this status, so this is its output type.
  return parsed.data as RouteResponse<R>;
}
