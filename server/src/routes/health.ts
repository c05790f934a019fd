/** Liveness (`/healthz`: the process is up) and readiness (`/readyz`: db and LiveKit answer). */
import { paths } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

const check = async (fn: () => Promise<void>): Promise<string> => {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  }
};

/** Registers the health routes. */
export async function healthRoutes(app: FastifyInstance, { db, livekit, config }: AppDeps) {
  app.get(paths.healthz, async () => ({ status: 'ok' }));
  app.get(paths.readyz, async (_req, reply) => {
    const [database, media] = await Promise.all([check(() => db.ping()), check(() => livekit.ping())]);
    const ready = database === 'ok' && media === 'ok';
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', db: database, livekit: media };
  });
  app.get(paths.clientConfig, async () => ({ lowVideo: config.lowVideo }));
}
