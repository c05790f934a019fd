/** Facilitator auth routes: first-start setup, login, logout, me. */
import { LoginBody, paths, SetupBody } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { endSession, requireFacilitator, startSession } from '../auth/session.ts';
import { completeSetup, setupOpen } from '../auth/setup.ts';
import { facilitatorByEmail } from '../db/repo.ts';
import { AppError, parseOr400 } from '../errors.ts';

const publicFacilitator = (f: { id: string; email: string; name: string }) => ({
  id: f.id,
  email: f.email,
  name: f.name,
});

/** Registers the auth routes. */
export async function authRoutes(app: FastifyInstance, { db, config }: AppDeps) {
  app.get(paths.setupStatus, async () => ({ needsSetup: await setupOpen(db) }));

  app.post(paths.setup, async (req, reply) => {
    const body = parseOr400(SetupBody, req.body);
    const f = await completeSetup(db, body);
    await startSession(db, reply, f.id, config.cookieSecure);
    return { facilitator: publicFacilitator(f) };
  });

  app.post(paths.login, async (req, reply) => {
    const body = parseOr400(LoginBody, req.body);
    const f = await facilitatorByEmail(db, body.email);
    // Same answer for unknown email and wrong password: no account enumeration.
    if (!f || !(await verifyPassword(body.password, f.password_hash))) {
      throw new AppError('unauthorized', 'Wrong email or password');
    }
    await startSession(db, reply, f.id, config.cookieSecure);
    return { facilitator: publicFacilitator(f) };
  });

  app.post(paths.logout, async (req, reply) => {
    await endSession(db, req, reply);
    return { ok: true };
  });

  app.get(paths.me, async (req) => ({ facilitator: publicFacilitator(await requireFacilitator(db, req)) }));
}
