/**
 * Co-facilitators: the series owner makes a single-use link; the invited person opens it, signs
 * in or creates an account, and is added to the series. Removing a co-facilitator takes effect
 * at once: their HTTP access ends with the row, their open sockets are disconnected.
 */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../auth/passwords.ts';
import { startSession } from '../auth/session.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import {
  facilitatorsOfSeries,
  insertCoFacilitatorInvite,
  openCoFacilitatorInvite,
  redeemCoFacilitatorInvite,
  removeCoFacilitator,
  roleInSeries,
} from '../db/co-facilitators.ts';
import { isUniqueViolation } from '../db/db.ts';
import { insertFacilitator } from '../db/repo.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

/** How long a co-facilitator link stays valid if nobody uses it. */
const INVITE_DAYS = 14;

const invalidLink = () => new AppError('not_found', 'This co-facilitator link is used, expired or not valid');

/** Registers the co-facilitator routes. */
export async function coFacilitatorRoutes(app: FastifyInstance) {
  const { db, config, realtime } = app;

  const requireOwner = async (seriesId: string, facilitatorId: string) => {
    if ((await roleInSeries(db, seriesId, facilitatorId)) !== 'owner') {
      throw new AppError('forbidden', 'Only the owner of the series can do this');
    }
  };

  serve(app, httpRoutes.seriesFacilitators, async (_req, _reply, { seriesId }) => ({
    facilitators: await facilitatorsOfSeries(db, seriesId),
  }));

  serve(app, httpRoutes.createCoFacilitatorInvite, async (_req, reply, { seriesId, facilitator }) => {
    await requireOwner(seriesId, facilitator.id);
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
    await insertCoFacilitatorInvite(db, {
      tokenHash: hashToken(token),
      seriesId,
      createdBy: facilitator.id,
      expiresAt,
    });
    reply.code(201);
    return { invitePath: `/co-facilitate/${token}`, expiresAt: expiresAt.toISOString() };
  });

  serve(app, httpRoutes.removeCoFacilitator, async (req, reply, { seriesId, facilitator }) => {
    await requireOwner(seriesId, facilitator.id);
    if (!(await removeCoFacilitator(db, seriesId, req.params.facilitatorId))) {
      throw new AppError('not_found', 'No such co-facilitator in this series');
    }
    realtime.disconnectFacilitator(seriesId, req.params.facilitatorId);
    reply.code(204);
  });

  serve(app, httpRoutes.coFacilitatorInvite, async (req) => {
    const invite = await openCoFacilitatorInvite(db, hashToken(req.params.token));
    if (!invite) throw invalidLink();
    return { seriesTitle: invite.seriesTitle, invitedBy: invite.invitedBy };
  });

  serve(app, httpRoutes.acceptCoFacilitatorInvite, async (req, _reply, { facilitator }) => {
    const seriesId = await redeemCoFacilitatorInvite(db, hashToken(req.params.token), facilitator.id);
    if (!seriesId) throw invalidLink();
    return { seriesId };
  });

  serve(app, httpRoutes.registerCoFacilitator, async (req, reply) => {
    const passwordHash = await hashPassword(req.body.password);
    const tokenHash = hashToken(req.params.token);
    const created = await db
      .transaction(async (tx) => {
        if (!(await openCoFacilitatorInvite(tx, tokenHash))) throw invalidLink();
        const f = await insertFacilitator(tx, { email: req.body.email, name: req.body.name, passwordHash });
        const seriesId = await redeemCoFacilitatorInvite(tx, tokenHash, f.id);
        if (!seriesId) throw invalidLink();
        return { f, seriesId };
      })
      .catch((err: unknown) => {
        // Same words as a wrong password at login would be wrong here: the person must sign in instead.
        if (isUniqueViolation(err))
          throw new AppError('conflict', 'An account with this email exists; sign in');
        throw err;
      });
    await startSession(db, reply, created.f.id, config.cookieSecure);
    return {
      facilitator: { id: created.f.id, email: created.f.email, name: created.f.name },
      seriesId: created.seriesId,
    };
  });
}
