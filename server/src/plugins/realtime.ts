/**
 * socket.io on the app's HTTP server, decorated as `app.realtime` for the routes that tell it
 * about changes. Live webinars' sessions load at start, so their timers keep advancing after a
 * restart even before anyone reconnects.
 */
import fp from 'fastify-plugin';
import { liveWebinarIds } from '../db/event-log.ts';
import { webinarById } from '../db/repo.ts';
import { attachRealtime, type Realtime } from '../realtime/realtime.ts';

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/** The `realtime` plugin; `now` is server time, injectable for tests. */
export const realtimePlugin = fp<{ now?: (() => number) | undefined }>(
  async (app, opts) => {
    const { db } = app;
    const realtime = attachRealtime({
      httpServer: app.server,
      db,
      livekit: app.livekit,
      log: app.log,
      allowedOrigins: app.config.allowedOrigins,
      requireOrigin: app.config.requireSocketOrigin,
      ...(opts.now ? { now: opts.now } : {}),
      loadWebinar: (id) => webinarById(db, id),
    });
    app.decorate('realtime', realtime);
    app.addHook('preClose', async () => realtime.close());
    app.addHook('onReady', async () => {
      for (const id of await liveWebinarIds(db)) await realtime.sessions.get(id);
    });
  },
  { name: 'realtime', dependencies: ['config', 'db', 'livekit'] },
);
