/**
 * Builds the Fastify app from its dependencies (config, db, LiveKit adapter), so tests start
 * real instances on port 0 and production wires the same function in main.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { liveWebinarIds } from './db/event-log.ts';
import { purgeCardsOlderThan } from './db/feedback-cards.ts';
import { AppError } from './errors.ts';
import type { LiveKitAdapter } from './livekit/adapter.ts';
import { attachRealtime, type Realtime } from './realtime/realtime.ts';
import { authRoutes } from './routes/auth.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { healthRoutes } from './routes/health.ts';
import { livekitWebhookRoutes, type MediaPresenceEvent } from './routes/livekit-webhook.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { themeRoutes } from './routes/themes.ts';
import { webinarRoutes } from './routes/webinars.ts';

/** What buildApp needs. */
export interface AppDeps {
  config: Config;
  db: Db;
  livekit: LiveKitAdapter;
}

/** Request log fields; invite and setup tokens in URLs are masked, query strings dropped. */
function safeRequest(req: { method: string; url: string }) {
  return {
    method: req.method,
    url: (req.url.split('?')[0] ?? '').replace(/\/(invites|join)\/[^/]+/, '/$1/***'),
  };
}

const defaultClientDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/** The app plus handles tests and main need. */
export interface BuiltApp {
  app: FastifyInstance;
  realtime: Realtime;
}

/** Builds (but does not start) the server. */
export async function buildApp(
  deps: AppDeps,
  opts: { logger?: boolean | object; now?: () => number } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger ?? {
      level: deps.config.logLevel,
      // Never log cookies, auth headers or tokens.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: { req: safeRequest },
    },
    bodyLimit: 64 * 1024,
    // Shutting down closes keep-alive connections too, instead of waiting for browsers to let go.
    forceCloseConnections: true,
  });
  const livekitHttp = deps.livekit.url.replace(/^ws/, 'http');
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", deps.livekit.url, livekitHttp],
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
  await app.register(fastifyCookie);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.toJSON());
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: 'bad_request', message: (err as Error).message } });
    }
    req.log.error({ err }, 'request failed');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on the server' } });
  });

  const realtime = attachRealtime({
    httpServer: app.server,
    db: deps.db,
    livekit: deps.livekit,
    log: app.log,
    allowedOrigins: deps.config.allowedOrigins,
    ...(opts.now ? { now: opts.now } : {}),
    loadWebinar: async (id) => {
      const [w] = await deps.db.query<{ title: string; status: 'planned' | 'live' | 'ended' }>(
        'select title, status from webinars where id = $1',
        [id],
      );
      return w;
    },
  });
  app.addHook('preClose', async () => realtime.close());
  // Live webinars' sessions load at start, so their timers keep advancing after a restart
  // even before anyone reconnects.
  app.addHook('onReady', async () => {
    for (const id of await liveWebinarIds(deps.db)) await realtime.sessions.get(id);
  });
  // Retention: old feedback cards go at start and then daily.
  const purge = () =>
    purgeCardsOlderThan(deps.db, deps.config.feedbackRetentionDays)
      .then((n) => n && app.log.info({ deleted: n }, 'feedback cards past retention deleted'))
      .catch((err) => app.log.error({ err }, 'retention purge failed'));
  const purgeTimer = setInterval(purge, 24 * 3600_000);
  purgeTimer.unref();
  app.addHook('onReady', async () => void purge());
  app.addHook('onClose', async () => clearInterval(purgeTimer));

  const onPresence = (e: MediaPresenceEvent) => realtime.mediaEvent(e);

  await app.register(healthRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(webinarRoutes, { ...deps, realtime });
  await app.register(feedbackRoutes, deps);
  await app.register(themeRoutes, deps);
  await app.register(privacyRoutes, deps);
  await app.register(livekitWebhookRoutes, { ...deps, onPresence });

  const dist = deps.config.clientDist ?? defaultClientDist;
  if (existsSync(join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, wildcard: false });
    // Client-side routes: any other GET outside /api serves the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: { code: 'not_found', message: 'Not found' } });
    });
  } else {
    app.setNotFoundHandler((_req, reply) =>
      reply.code(404).send({
        error: { code: 'not_found', message: 'Not found (client not built: npm run build -w client)' },
      }),
    );
  }
  return { app, realtime };
}
