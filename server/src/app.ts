/**
 * The composition root: builds the Fastify app from its dependencies (config, db, LiveKit
 * adapter) by registering named plugins and the routes of the shared HTTP table, so tests start
 * real instances on port 0 and production wires the same function in main.ts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import type { LiveKitAdapter } from './livekit/adapter.ts';
import { authPlugin } from './plugins/auth.ts';
import { clientShellPlugin } from './plugins/client-shell.ts';
import { configPlugin, dbPlugin, livekitPlugin } from './plugins/deps.ts';
import { httpContractPlugin } from './plugins/http-contract.ts';
import { realtimePlugin } from './plugins/realtime.ts';
import { retentionPlugin } from './plugins/retention.ts';
import { earlyClientError, earlyFrameworkError, securityHeadersPlugin } from './plugins/security-headers.ts';
import type { Realtime } from './realtime/realtime.ts';
import { authRoutes } from './routes/auth.ts';
import { coFacilitatorRoutes } from './routes/co-facilitators.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { healthRoutes } from './routes/health.ts';
import { livekitWebhookRoutes } from './routes/livekit-webhook.ts';
import { participantRoutes } from './routes/participants.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { seriesRoutes } from './routes/series.ts';
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
    // Errors before any hook: security headers, and no echo of the URL (it may hold a token).
    frameworkErrors: earlyFrameworkError,
    clientErrorHandler: earlyClientError,
    // Shutting down closes keep-alive connections too, instead of waiting for browsers to let go.
    forceCloseConnections: true,
  });

  await app.register(configPlugin, { value: deps.config });
  await app.register(dbPlugin, { value: deps.db });
  await app.register(livekitPlugin, { value: deps.livekit });
  await app.register(securityHeadersPlugin);
  await app.register(httpContractPlugin);
  await app.register(authPlugin);
  await app.register(realtimePlugin, { now: opts.now });
  await app.register(retentionPlugin);

  for (const routes of [
    healthRoutes,
    authRoutes,
    webinarRoutes,
    seriesRoutes,
    feedbackRoutes,
    themeRoutes,
    privacyRoutes,
    livekitWebhookRoutes,
    participantRoutes,
    coFacilitatorRoutes,
  ]) {
    await app.register(routes);
  }
  await app.register(clientShellPlugin);
  return { app, realtime: app.realtime };
}
