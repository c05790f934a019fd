/**
 * Who may call a route, enforced in one place from the `auth` policy each route declares in the
 * shared table: a facilitator's session cookie is checked before anything else (401), then —
 * once params are validated — that they run the `:id` webinar's series or the `:id` series (a
 * row in `series_facilitators`; 404, like one that does not exist), or that the `:token` invite
 * is valid (404).
 */
import fastifyCookie from '@fastify/cookie';
import { IdParams, InviteParams, type RouteAuth } from '@rundgang/shared';
import fp from 'fastify-plugin';
import { requireFacilitator } from '../auth/session.ts';
import {
  type FacilitatorRow,
  type ParticipantRow,
  participantByInvite,
  type WebinarRow,
  webinarOfFacilitator,
} from '../db/repo.ts';
import { type SeriesRow, seriesOfFacilitator } from '../db/series.ts';
import { AppError, parseOr400 } from '../errors.ts';

/** The caller of a request, as its route's auth policy established it. */
export type Who =
  | { auth: 'none' }
  | { auth: 'facilitator'; facilitator: FacilitatorRow }
  | { auth: 'facilitatorOfWebinar'; facilitator: FacilitatorRow; webinar: WebinarRow }
  | { auth: 'facilitatorOfSeries'; facilitator: FacilitatorRow; series: SeriesRow; seriesId: string }
  | { auth: 'invite'; participant: ParticipantRow };

/** The caller under one auth policy. */
export type WhoFor<A extends RouteAuth> = Extract<Who, { auth: A }>;

/** Whether the caller was established under this policy. */
export function whoIs<A extends RouteAuth>(who: Who, auth: A): who is WhoFor<A> {
  return who.auth === auth;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request by the `onRequest` hook; null only before it ran. */
    who: Who | null;
  }
}

const NOBODY: Who = { auth: 'none' };

/** The `auth` plugin. */
export const authPlugin = fp(
  async (app) => {
    const { db } = app;
    await app.register(fastifyCookie);
    app.decorateRequest('who', null);
    app.addHook('onRequest', async (req) => {
      req.who = NOBODY;
      const auth = req.routeOptions.config.auth;
      if (auth === 'facilitator' || auth === 'facilitatorOfWebinar' || auth === 'facilitatorOfSeries') {
        req.who = { auth: 'facilitator', facilitator: await requireFacilitator(db, req) };
      }
    });
    // Before body validation: a caller without access learns nothing, not even the body's rules.
    app.addHook('preValidation', async (req) => {
      const auth = req.routeOptions.config.auth;
      if (auth === 'facilitatorOfWebinar' && req.who?.auth === 'facilitator') {
        const { facilitator } = req.who;
        const { id } = parseOr400(IdParams, req.params);
        const webinar = await webinarOfFacilitator(db, facilitator.id, id);
        if (!webinar) throw new AppError('not_found', 'No such webinar');
        req.who = { auth, facilitator, webinar };
      } else if (auth === 'facilitatorOfSeries' && req.who?.auth === 'facilitator') {
        const { facilitator } = req.who;
        const { id } = parseOr400(IdParams, req.params);
        const series = await seriesOfFacilitator(db, facilitator.id, id);
        if (!series) throw new AppError('not_found', 'No such series');
        req.who = { auth, facilitator, series, seriesId: series.id };
      } else if (auth === 'invite') {
        const { token } = parseOr400(InviteParams, req.params);
        const participant = await participantByInvite(db, token);
        if (!participant) throw new AppError('not_found', 'This invite link is not valid');
        req.who = { auth, participant };
      }
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
