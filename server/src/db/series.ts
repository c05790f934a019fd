/**
 * Series and their schedules: a series with its facilitators (`series_facilitators`), its webinars
 * in running order, and the invite link of each participant. A new webinar starts with the agenda
 * template fitted to its length, written as the first event of its log.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_WEBINAR_MINUTES,
  DEFAULT_WEBINAR_PLAN,
  fitPlanToMinutes,
  localToInstant,
} from '@rundgang/shared';
import type { Queryable } from './db.ts';
import { appendEvents } from './event-log.ts';
import type { ParticipantRow, WebinarRow } from './repo.ts';

/** A series row. */
export interface SeriesRow {
  id: string;
  title: string;
  created_at: Date | string;
}

/** A webinar to schedule: title, local start (Europe/Oslo) and length; no date is allowed for old callers. */
export interface WebinarSchedule {
  title: string;
  date?: string;
  startTime?: string;
  durationMinutes: number;
}

const scheduledAt = (s: WebinarSchedule): Date | null =>
  s.date && s.startTime ? new Date(localToInstant(s.date, s.startTime)) : null;

/** Creates a series owned by a facilitator (its first row in `series_facilitators`). */
export async function insertSeries(db: Queryable, facilitatorId: string, title: string): Promise<SeriesRow> {
  const [row] = await db.query<SeriesRow>('insert into series (id, title) values ($1, $2) returning *', [
    randomUUID(),
    title,
  ]);
  if (!row) throw new Error('insert failed');
  await db.query('insert into series_facilitators (series_id, facilitator_id) values ($1, $2)', [
    row.id,
    facilitatorId,
  ]);
  return row;
}

/** Adds a webinar at the end of a series, with the agenda template as the first event of its log. */
export async function insertSeriesWebinar(
  db: Queryable,
  seriesId: string,
  schedule: WebinarSchedule,
): Promise<WebinarRow> {
  const [row] = await db.query<WebinarRow>(
    `insert into webinars (id, series_id, title, position, scheduled_at, duration_minutes)
     values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from webinars where series_id = $2), $4, $5)
     returning *`,
    [randomUUID(), seriesId, schedule.title, scheduledAt(schedule), schedule.durationMinutes],
  );
  if (!row) throw new Error('insert failed');
  const plan = fitPlanToMinutes(DEFAULT_WEBINAR_PLAN, schedule.durationMinutes);
  await appendEvents(db, row.id, 0, [{ type: 'agenda_planned', at: Date.now(), plan }]);
  return row;
}

/** A series, only if the facilitator is one of its facilitators. */
export async function seriesOfFacilitator(
  db: Queryable,
  facilitatorId: string,
  seriesId: string,
): Promise<SeriesRow | undefined> {
  return (
    await db.query<SeriesRow>(
      `select s.* from series s join series_facilitators sf on sf.series_id = s.id
       where sf.facilitator_id = $1 and s.id = $2`,
      [facilitatorId, seriesId],
    )
  )[0];
}

/** The series a facilitator runs, newest first, with how many participants each has. */
export async function seriesListOfFacilitator(
  db: Queryable,
  facilitatorId: string,
): Promise<(SeriesRow & { participant_count: number })[]> {
  return db.query(
    `select s.*, (select count(*)::int from participants p where p.series_id = s.id) as participant_count
     from series s join series_facilitators sf on sf.series_id = s.id
     where sf.facilitator_id = $1 order by s.created_at desc`,
    [facilitatorId],
  );
}

/** Webinars of a series, in running order (date, undated last, then position). */
export async function webinarsOfSeries(db: Queryable, seriesId: string): Promise<WebinarRow[]> {
  return db.query<WebinarRow>(
    'select * from webinars where series_id = $1 order by scheduled_at asc nulls last, position asc',
    [seriesId],
  );
}

/** Changes a planned webinar's title, start and length; undefined if it is not (or no longer) planned. */
export async function rescheduleWebinar(
  db: Queryable,
  webinarId: string,
  schedule: WebinarSchedule,
): Promise<WebinarRow | undefined> {
  return (
    await db.query<WebinarRow>(
      `update webinars set title = $2, scheduled_at = $3, duration_minutes = $4
       where id = $1 and status = 'planned' returning *`,
      [webinarId, schedule.title, scheduledAt(schedule), schedule.durationMinutes],
    )
  )[0];
}

/** Removes a planned webinar; false if it is not (or no longer) planned. */
export async function deletePlannedWebinar(db: Queryable, webinarId: string): Promise<boolean> {
  const rows = await db.query("delete from webinars where id = $1 and status = 'planned' returning id", [
    webinarId,
  ]);
  return rows.length > 0;
}

/** Opens a planned webinar (live); undefined if it was not planned. */
export async function openPlannedWebinar(db: Queryable, webinarId: string): Promise<WebinarRow | undefined> {
  return (
    await db.query<WebinarRow>(
      "update webinars set status = 'live', opened_at = now() where id = $1 and status = 'planned' returning *",
      [webinarId],
    )
  )[0];
}

/** Ends a live webinar for good; undefined if it was not live. */
export async function endLiveWebinar(db: Queryable, webinarId: string): Promise<WebinarRow | undefined> {
  return (
    await db.query<WebinarRow>(
      "update webinars set status = 'ended', ended_at = now() where id = $1 and status = 'live' returning *",
      [webinarId],
    )
  )[0];
}

/** Gives a participant of a series a new invite token; the old one matches nothing from now on. */
export async function replaceInviteToken(
  db: Queryable,
  seriesId: string,
  participantId: string,
  token: string,
): Promise<ParticipantRow | undefined> {
  return (
    await db.query<ParticipantRow>(
      'update participants set invite_token = $3 where id = $2 and series_id = $1 returning *',
      [seriesId, participantId, token],
    )
  )[0];
}

/** A series of one webinar under one title, without a date (`POST /api/webinars`, benches). */
export async function insertWebinarInNewSeries(
  db: Queryable,
  facilitatorId: string,
  title: string,
): Promise<WebinarRow> {
  const series = await insertSeries(db, facilitatorId, title);
  return insertSeriesWebinar(db, series.id, { title, durationMinutes: DEFAULT_WEBINAR_MINUTES });
}

/** A series by id. */
export async function seriesById(db: Queryable, seriesId: string): Promise<SeriesRow | undefined> {
  return (await db.query<SeriesRow>('select * from series where id = $1', [seriesId]))[0];
}
