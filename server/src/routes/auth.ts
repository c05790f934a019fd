/** Facilitator auth routes: first-start setup, login, logout, me. */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/passwords.ts';
import { endSession, startSession } from '../auth/session.ts';
import { completeSetup, setupOpen } from '../auth/setup.ts';
import { facilitatorByEmail } from '../db/repo.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

const publicFacilitator = (f: { id: string; email: string; name: string }) => ({
  id: f.id,
  email: f.email,
  name: f.name,
});

/** Registers the auth routes. */
export async function authRoutes(app: FastifyInstance) {
  const { db, config } = app;

  serve(app, httpRoutes.setupStatus, async () => ({ needsSetup: await setupOpen(db) }));

  serve(app, httpRoutes.setup, async (req, reply) => {
    const f = await completeSetup(db, req.body);
    await startSession(db, reply, f.id, config.cookieSecure);
    return { facilitator: publicFacilitator(f) };
  });

  serve(app, httpRoutes.login, async (req, reply) => {
    const f = await facilitatorByEmail(db, req.body.email);
    // Same answer for unknown email and wrong password: no account enumeration.
    if (!f || !(await verifyPassword(req.body.password, f.password_hash))) {
      throw new AppError('unauthorized', 'Wrong email or password');
    }
    await startSession(db, reply, f.id, config.cookieSecure);
    return { facilitator: publicFacilitator(f) };
  });

  serve(app, httpRoutes.logout, async (req, reply) => {
    await endSession(db, req, reply);
    return { ok: true } as const;
  });

  serve(app, httpRoutes.me, async (_req, _reply, { facilitator }) => ({
    facilitator: publicFacilitator(facilitator),
  }));
}
