/** Liveness (`/healthz`: the process is up) and readiness (`/readyz`: db and LiveKit answer). */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { serve } from '../plugins/http-contract.ts';

const check = async (fn: () => Promise<void>): Promise<string> => {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  }
};

/** Registers the health routes. */
export async function healthRoutes(app: FastifyInstance) {
  const { db, livekit, config } = app;
  serve(app, httpRoutes.healthz, async () => ({ status: 'ok' }) as const);
  serve(app, httpRoutes.readyz, async (_req, reply) => {
    const [database, media] = await Promise.all([check(() => db.ping()), check(() => livekit.ping())]);
    const ready = database === 'ok' && media === 'ok';
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', db: database, livekit: media } as const;
  });
  serve(app, httpRoutes.clientConfig, async () => ({ lowVideo: config.lowVideo }));
}
