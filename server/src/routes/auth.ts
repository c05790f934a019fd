/** Facilitator auth routes: first-start setup, login, logout, me. */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FailureThrottle } from '../auth/failure-throttle.ts';
import { verifyPasswordOrDummy } from '../auth/passwords.ts';
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

const MINUTE = 60_000;
/** Per account: after five wrong guesses 1 s, 2 s, 4 s … up to 15 minutes between guesses. */
const ACCOUNT_POLICY = {
  failuresBeforeLock: 5,
  baseLockMs: 1000,
  maxLockMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
};
/** Per address: after twenty wrong guesses (an office shares one address), the same backoff. */
const ADDRESS_POLICY = {
  failuresBeforeLock: 20,
  baseLockMs: 1000,
  maxLockMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
};

/** Refuses with 429 and Retry-After while any of the keys is locked out. */
function refuseWhileLocked(reply: FastifyReply, waits: number[]) {
  const waitMs = Math.max(...waits);
  if (waitMs <= 0) return;
  reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
  throw new AppError('rate_limited', 'Too many attempts; wait a moment and try again');
}

/** Registers the auth routes. */
export async function authRoutes(app: FastifyInstance) {
  const { db, config } = app;
  const accounts = new FailureThrottle(ACCOUNT_POLICY);
  const addresses = new FailureThrottle(ADDRESS_POLICY);

  serve(app, httpRoutes.setupStatus, async () => ({ needsSetup: await setupOpen(db) }));

  serve(app, httpRoutes.setup, async (req, reply) => {
    const address = `setup:${req.ip}`;
    refuseWhileLocked(reply, [addresses.waitMs(address)]);
    const f = await completeSetup(db, req.body).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'forbidden') addresses.failed(address);
      throw err;
    });
    await startSession(db, reply, f.id, config.cookieSecure);
    return { facilitator: publicFacilitator(f) };
  });

  serve(app, httpRoutes.login, async (req, reply) => {
    const account = `account:${req.body.email}`;
    const address = `login:${req.ip}`;
    refuseWhileLocked(reply, [accounts.waitMs(account), addresses.waitMs(address)]);
    const f = await facilitatorByEmail(db, req.body.email);
    // Same answer, and the same time, for an unknown email and a wrong password: no enumeration.
    if (!(await verifyPasswordOrDummy(req.body.password, f?.password_hash)) || !f) {
      accounts.failed(account);
      addresses.failed(address);
      throw new AppError('unauthorized', 'Wrong email or password');
    }
    accounts.succeeded(account);
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
