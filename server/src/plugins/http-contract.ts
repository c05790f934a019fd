/**
 * The shared HTTP route table on the server: input is validated and output serialized by the
 * route's zod schemas (fastify-type-provider-zod's compilers), and every error leaves as
 * `{ error: { code, message } }` — a failed validation as a 400 `bad_request` that names the
 * invalid fields.
 */
import {
  type ErrorCode,
  type HttpRoute,
  type RouteAuth,
  UNSAFE_TEXT_MESSAGE,
  unsafeTextPath,
} from '@rundgang/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, databaseErrorAsAppError, loggableError } from '../errors.ts';
import { type WhoFor, whoIs } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route, from the shared table; enforced by the `auth` plugin. */
    auth?: RouteAuth;
  }
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type Part<R, K extends string> = R extends { [P in K]: infer S } ? Out<S> : unknown;

type RouteGenericOf<R> = { Params: Part<R, 'params'>; Querystring: Part<R, 'query'>; Body: Part<R, 'body'> };

/** The request of a route, typed by its schemas (which have validated it by then). */
export type RouteRequestOf<R extends HttpRoute> = FastifyRequest<RouteGenericOf<R>>;

/** What a handler may answer: a body of one of the statuses the route declares. */
export type RouteReplyOf<R extends HttpRoute> = z.output<R['response'][keyof R['response']]>;

/** A handler of a table route; `who` is the caller its auth policy established. */
export type RouteHandler<R extends HttpRoute> = (
  req: RouteRequestOf<R>,
  reply: FastifyReply,
  who: WhoFor<R['auth']>,
) => Promise<RouteReplyOf<R>>;

/** Registers one route of the shared table with its schemas and auth policy. */
export function serve<R extends HttpRoute>(app: FastifyInstance, route: R, handler: RouteHandler<R>) {
  const schema: FastifySchema = { response: route.response };
  if (route.params) schema.params = route.params;
  if (route.query) schema.querystring = route.query;
  if (route.body) schema.body = route.body;
  app.route<RouteGenericOf<R>>({
    method: route.method,
    url: route.path,
    schema,
    config: { auth: route.auth },
    // Before any schema: text the database cannot store is refused even in a field whose schema
    // forgot `safeText` (a route added later), and it is refused as a 400, not as a 500.
    preValidation: async (req) => {
      for (const [part, value] of [
        ['params', req.params],
        ['query', req.query],
        ['body', req.body],
      ] as const) {
        const path = unsafeTextPath(value);
        if (path) throw new AppError('bad_request', `${part}.${path}: ${UNSAFE_TEXT_MESSAGE}`);
      }
    },
    handler: (req, reply) => {
      const who = req.who;
      if (!who || !whoIs<R['auth']>(who, route.auth))
        throw new Error(`auth policy ${route.auth} did not run for ${route.path}`);
      return handler(req, reply, who);
    },
  });
}

/** One line naming each invalid field, like `email: Invalid email address`. */
function describeValidation(
  err: FastifyError & { validation: { instancePath: string; message?: string }[] },
) {
  return err.validation
    .map(
      (v) =>
        `${v.instancePath.slice(1).replaceAll('/', '.') || err.validationContext || 'body'}: ${v.message}`,
    )
    .join('; ');
}

const envelope = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** The `http-contract` plugin. */
export const httpContractPlugin = fp(
  async (app) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof AppError) return reply.code(err.status).send(err.toJSON());
      const fromDatabase = databaseErrorAsAppError(err);
      if (fromDatabase) {
        req.log.warn({ err: loggableError(err) }, 'database refused a request');
        return reply.code(fromDatabase.status).send(fromDatabase.toJSON());
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        return reply.code(400).send(envelope('bad_request', describeValidation(err)));
      }
      const status = err.statusCode;
      if (status && status >= 400 && status < 500) {
        return reply.code(status).send(envelope('bad_request', err.message));
      }
      // Never the error as it came: a database error's message and detail may quote user content.
      req.log.error({ err: loggableError(err) }, 'request failed');
      return reply.code(500).send(envelope('internal', 'Something went wrong on the server'));
    });
  },
  { name: 'http-contract' },
);
