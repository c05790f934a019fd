/** Webinar and participant routes for facilitators, and invite lookup for participants. */
import { httpRoutes, type ParticipantWithInvite, type WebinarSummary } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { newToken } from '../auth/tokens.ts';
import {
  currentWebinarOfSeries,
  insertParticipant,
  insertWebinarInNewSeries,
  type ParticipantRow,
  participantsOfSeries,
  setWebinarStatus,
  type WebinarRow,
  webinarsOfFacilitator,
} from '../db/repo.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

const summary = (w: WebinarRow): WebinarSummary => ({
  id: w.id,
  seriesId: w.series_id,
  title: w.title,
  status: w.status,
  createdAt: new Date(w.created_at).toISOString(),
});

const withInvite = (p: ParticipantRow): ParticipantWithInvite => ({
  id: p.id,
  name: p.name,
  municipality: p.municipality,
  workplace: p.workplace,
  invitePath: `/join/${p.invite_token}`,
});

/** Registers the webinar routes. */
export async function webinarRoutes(app: FastifyInstance) {
  const { db, realtime } = app;

  serve(app, httpRoutes.webinars, async (_req, _reply, { facilitator }) => ({
    webinars: (await webinarsOfFacilitator(db, facilitator.id)).map(summary),
  }));

  serve(app, httpRoutes.createWebinar, async (req, reply, { facilitator }) => {
    const w = await db.transaction((tx) => insertWebinarInNewSeries(tx, facilitator.id, req.body.title));
    reply.code(201);
    return { webinar: summary(w) };
  });

  serve(app, httpRoutes.webinar, async (_req, _reply, { webinar: w }) => ({
    webinar: { ...summary(w), participants: (await participantsOfSeries(db, w.series_id)).map(withInvite) },
  }));

  serve(app, httpRoutes.addParticipant, async (req, reply, { webinar: w }) => {
    const p = await insertParticipant(db, { seriesId: w.series_id, ...req.body, inviteToken: newToken() });
    reply.code(201);
    return { participant: withInvite(p) };
  });

  serve(app, httpRoutes.openWebinar, async (_req, _reply, { webinar: w }) => {
    const updated = await setWebinarStatus(db, w.id, 'live');
    realtime.webinarChanged(updated.id);
    return { webinar: summary(updated) };
  });

  serve(app, httpRoutes.invite, async (_req, _reply, { participant }) => {
    // The invite is per series: it leads to the live webinar, else the latest one.
    const webinar = await currentWebinarOfSeries(db, participant.series_id);
    if (!webinar) throw new AppError('not_found', 'This invite link is not valid');
    return {
      participant: { id: participant.id, name: participant.name },
      webinar: { id: webinar.id, title: webinar.title, status: webinar.status },
    };
  });
}
