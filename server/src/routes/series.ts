/**
 * Series routes for its facilitators: create a series with its schedule, list series with their
 * next webinar, add / reschedule / remove a planned webinar, re-issue a participant's link, and
 * the attendance report (JSON and CSV).
 */
import {
  attendanceToCsv,
  attendedMinutes,
  countByMunicipality,
  currentWebinarOf,
  httpRoutes,
  type SeriesDetail,
  webinarChangeRefusal,
} from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { newToken } from '../auth/tokens.ts';
import { attendanceOfSeries } from '../db/attendance.ts';
import type { Queryable } from '../db/db.ts';
import { participantsOfSeries, type WebinarRow, webinarsOfFacilitator } from '../db/repo.ts';
import {
  deletePlannedWebinar,
  insertSeries,
  insertSeriesWebinar,
  replaceInviteToken,
  rescheduleWebinar,
  type SeriesRow,
  seriesListOfFacilitator,
  webinarsOfSeries,
} from '../db/series.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';
import { participantWithInvite, webinarSummary } from './views.ts';

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
const scheduled = (w: WebinarRow) => ({ ...w, scheduledAt: ms(w.scheduled_at) });

async function seriesDetail(db: Queryable, s: SeriesRow): Promise<SeriesDetail> {
  return {
    id: s.id,
    title: s.title,
    webinars: (await webinarsOfSeries(db, s.id)).map(webinarSummary),
    participants: (await participantsOfSeries(db, s.id)).map(participantWithInvite),
  };
}

/** The series' webinar, or 404 when the id belongs to another series. */
async function webinarOfSeries(db: Queryable, seriesId: string, webinarId: string): Promise<WebinarRow> {
  const w = (await webinarsOfSeries(db, seriesId)).find((x) => x.id === webinarId);
  if (!w) throw new AppError('not_found', 'No such webinar in this series');
  return w;
}

/** 409 with the reason when the webinar may no longer change. */
function assertChangeable(w: WebinarRow) {
  const refusal = webinarChangeRefusal(w.status);
  if (refusal) throw new AppError('conflict', refusal);
}

/** The attendance of a series: per webinar counts (total, per municipality) and minutes per person. */
async function attendanceReport(db: Queryable, seriesId: string) {
  const webinars = await webinarsOfSeries(db, seriesId);
  const participants = await participantsOfSeries(db, seriesId);
  const now = Date.now();
  const windows = new Map(
    webinars.map((w) => [w.id, { from: ms(w.opened_at), until: ms(w.ended_at) ?? now }] as const),
  );
  const minutes = attendedMinutes(
    await attendanceOfSeries(db, seriesId),
    (id) => windows.get(id) ?? { from: null, until: now },
  );
  const municipality = new Map(participants.map((p) => [p.id, p.municipality]));
  return {
    webinars,
    participants,
    minutes,
    report: {
      webinars: webinars.map((w) => {
        const attendees = [...(minutes.get(w.id)?.keys() ?? [])];
        return {
          webinarId: w.id,
          title: w.title,
          attended: attendees.length,
          byMunicipality: countByMunicipality(attendees, (id) => municipality.get(id) ?? null),
        };
      }),
      participants: participants.map((p) => ({
        id: p.id,
        name: p.name,
        municipality: p.municipality,
        minutes: Object.fromEntries(
          webinars.flatMap((w) => {
            const m = minutes.get(w.id)?.get(p.id);
            return m === undefined ? [] : [[w.id, m] as const];
          }),
        ),
      })),
    },
  };
}

/** Registers the series routes. */
export async function seriesRoutes(app: FastifyInstance) {
  const { db, realtime } = app;

  serve(app, httpRoutes.seriesList, async (_req, _reply, { facilitator }) => {
    const list = await seriesListOfFacilitator(db, facilitator.id);
    const webinars = await webinarsOfFacilitator(db, facilitator.id);
    return {
      series: list.map((s) => {
        const own = webinars.filter((w) => w.series_id === s.id).map(scheduled);
        const next = currentWebinarOf(own);
        return {
          id: s.id,
          title: s.title,
          createdAt: new Date(s.created_at).toISOString(),
          webinarCount: own.length,
          participantCount: s.participant_count,
          nextWebinar: next ? webinarSummary(next) : null,
        };
      }),
    };
  });

  serve(app, httpRoutes.createSeries, async (req, reply, { facilitator }) => {
    const series = await db.transaction(async (tx) => {
      const s = await insertSeries(tx, facilitator.id, req.body.title);
      for (const w of req.body.webinars) await insertSeriesWebinar(tx, s.id, w);
      return s;
    });
    reply.code(201);
    return { series: await seriesDetail(db, series) };
  });

  serve(app, httpRoutes.series, async (_req, _reply, { series }) => ({
    series: await seriesDetail(db, series),
  }));

  serve(app, httpRoutes.addSeriesWebinar, async (req, reply, { series }) => {
    const w = await db.transaction((tx) => insertSeriesWebinar(tx, series.id, req.body));
    reply.code(201);
    return { webinar: webinarSummary(w) };
  });

  serve(app, httpRoutes.rescheduleSeriesWebinar, async (req, _reply, { series }) => {
    assertChangeable(await webinarOfSeries(db, series.id, req.params.webinarId));
    const updated = await rescheduleWebinar(db, req.params.webinarId, req.body);
    // It went live between the check and the update.
    if (!updated) throw new AppError('conflict', 'This webinar has started and cannot be changed');
    return { webinar: webinarSummary(updated) };
  });

  serve(app, httpRoutes.removeSeriesWebinar, async (req, reply, { series }) => {
    assertChangeable(await webinarOfSeries(db, series.id, req.params.webinarId));
    if ((await webinarsOfSeries(db, series.id)).length <= 1) {
      throw new AppError('conflict', 'A series keeps at least one webinar');
    }
    if (!(await deletePlannedWebinar(db, req.params.webinarId))) {
      throw new AppError('conflict', 'This webinar has started and cannot be removed');
    }
    reply.code(204);
  });

  serve(app, httpRoutes.reissueInvite, async (req, _reply, { series }) => {
    const p = await replaceInviteToken(db, series.id, req.params.participantId, newToken());
    if (!p) throw new AppError('not_found', 'No such participant in this series');
    // The old link's sockets and LiveKit sessions end now; the new link starts afresh.
    await realtime.removeParticipant(series.id, p.id);
    return { participant: participantWithInvite(p) };
  });

  serve(app, httpRoutes.seriesAttendance, async (_req, reply, { series }) => {
    reply.header('cache-control', 'no-store');
    return { attendance: (await attendanceReport(db, series.id)).report };
  });

  serve(app, httpRoutes.seriesAttendanceCsv, async (req, reply, { series }) => {
    const { webinars, participants, minutes } = await attendanceReport(db, series.id);
    const csv = attendanceToCsv(
      webinars.map((w) => ({ title: w.title, scheduledAt: ms(w.scheduled_at) })),
      participants.map((p) => ({
        name: p.name,
        municipality: p.municipality,
        workplace: p.workplace,
        minutes: webinars.map((w) => minutes.get(w.id)?.get(p.id) ?? null),
      })),
      req.query.lang,
    );
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="oppmote.csv"');
    reply.header('cache-control', 'no-store');
    return csv;
  });
}
