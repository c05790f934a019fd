/**
 * Security headers (helmet) with a Content-Security-Policy that allows exactly what the client
 * needs: its own origin, the LiveKit server (ws and http) and blob media. Errors Fastify answers
 * before any hook runs (a malformed URL, a too long parameter, a request Node cannot parse) get a
 * strict set of their own and never echo the URL, which may hold an invite token.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Headers on answers that carry no page: nothing may load, frame or sniff them. */
export const EARLY_ERROR_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const errorBody = (message: string) => JSON.stringify({ error: { code: 'bad_request', message } });

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode or a parameter over the length limit. The
 * default answer quotes the URL and runs no hook (so helmet adds nothing).
 */
export function earlyFrameworkError(err: { code?: string }, _req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return reply
    .code(tooLong ? 414 : 400)
    .headers(EARLY_ERROR_HEADERS)
    .type('application/json; charset=utf-8')
    .send(errorBody(tooLong ? 'The address is too long' : 'The address is not valid'));
}

/** Fastify's `clientErrorHandler`: a request Node could not even parse, answered on the raw socket. */
export function earlyClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = errorBody(status === 431 ? 'The request headers are too large' : 'The request is not valid');
  const headers = Object.entries({
    ...EARLY_ERROR_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
  socket.destroy(err);
}

/** The `security-headers` plugin. */
export const securityHeadersPlugin = fp(
  async (app) => {
    const livekitHttp = app.livekit.url.replace(/^ws/, 'http');
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", app.livekit.url, livekitHttp],
          mediaSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers', dependencies: ['livekit'] },
);
