/** Webinar and participant routes for facilitators, and invite lookup for participants. */
import { currentWebinarOf, httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { newToken } from '../auth/tokens.ts';
import { closeAttendance } from '../db/attendance.ts';
import { insertParticipant, participantsOfSeries, webinarsOfFacilitator } from '../db/repo.ts';
import {
  endLiveWebinar,
  insertWebinarInNewSeries,
  openPlannedWebinar,
  seriesById,
  webinarsOfSeries,
} from '../db/series.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';
import { inviteWebinar, participantWithInvite, webinarSummary } from './views.ts';

/** Registers the webinar routes. */
export async function webinarRoutes(app: FastifyInstance) {
  const { db, realtime } = app;

  serve(app, httpRoutes.webinars, async (_req, _reply, { facilitator }) => ({
    webinars: (await webinarsOfFacilitator(db, facilitator.id)).map(webinarSummary),
  }));

  // A series of one webinar without a date; the series form (`POST /api/series`) plans several.
  serve(app, httpRoutes.createWebinar, async (req, reply, { facilitator }) => {
    const w = await db.transaction((tx) => insertWebinarInNewSeries(tx, facilitator.id, req.body.title));
    reply.code(201);
    return { webinar: webinarSummary(w) };
  });

  serve(app, httpRoutes.webinar, async (_req, _reply, { webinar: w }) => ({
    webinar: {
      ...webinarSummary(w),
      participants: (await participantsOfSeries(db, w.series_id)).map(participantWithInvite),
    },
  }));

  serve(app, httpRoutes.addParticipant, async (req, reply, { webinar: w }) => {
    const p = await insertParticipant(db, { seriesId: w.series_id, ...req.body, inviteToken: newToken() });
    reply.code(201);
    return { participant: participantWithInvite(p) };
  });

  serve(app, httpRoutes.openWebinar, async (_req, _reply, { webinar: w }) => {
    if (w.status === 'live') return { webinar: webinarSummary(w) };
    const opened = await openPlannedWebinar(db, w.id);
    if (!opened) throw new AppError('conflict', 'This webinar has ended and cannot be opened again');
    realtime.webinarChanged(opened.id);
    return { webinar: webinarSummary(opened) };
  });

  serve(app, httpRoutes.endWebinar, async (_req, _reply, { webinar: w }) => {
    const ended = await db.transaction(async (tx) => {
      const row = await endLiveWebinar(tx, w.id);
      if (row) await closeAttendance(tx, w.id, null, new Date(row.ended_at ?? Date.now()));
      return row;
    });
    if (!ended) {
      throw new AppError(
        'conflict',
        w.status === 'ended' ? 'This webinar has already ended' : 'Only a live webinar can be ended',
      );
    }
    realtime.webinarEnded(ended.id, ended.title);
    return { webinar: webinarSummary(ended) };
  });

  serve(app, httpRoutes.invite, async (_req, reply, { participant }) => {
    reply.header('cache-control', 'no-store');
    const webinars = await webinarsOfSeries(db, participant.series_id);
    const series = await seriesById(db, participant.series_id);
    // The live webinar, else the next planned one; when all have run, the last one.
    const scheduled = webinars.map((w) => ({
      ...w,
      scheduledAt: w.scheduled_at === null ? null : new Date(w.scheduled_at).getTime(),
    }));
    const webinar = currentWebinarOf(scheduled) ?? scheduled.at(-1);
    if (!webinar || !series) throw new AppError('not_found', 'This invite link is not valid');
    return {
      participant: { id: participant.id, name: participant.name },
      series: { id: series.id, title: series.title },
      webinar: inviteWebinar(webinar),
      webinars: webinars.map(inviteWebinar),
    };
  });
}
