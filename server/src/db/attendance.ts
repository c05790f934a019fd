/**
 * Attendance from live presence: one interval per stretch a participant was connected to a
 * webinar. Opening is idempotent (a second tab does not start a second interval) and closing
 * closes whatever is open, so a late or repeated call cannot double-count.
 */
import type { PresenceInterval } from '@rundgang/shared';
import type { Queryable } from './db.ts';

/** Opens an interval unless the participant already has an open one in this webinar. */
export async function openAttendance(db: Queryable, webinarId: string, participantId: string, at: Date) {
  await db.query(
    `insert into attendance_intervals (webinar_id, participant_id, joined_at)
     select $1, $2, $3 where not exists (
       select 1 from attendance_intervals where webinar_id = $1 and participant_id = $2 and left_at is null)
     on conflict do nothing`,
    [webinarId, participantId, at],
  );
}

/** Closes a participant's open interval in a webinar (all of the webinar's when participantId is null). */
export async function closeAttendance(
  db: Queryable,
  webinarId: string,
  participantId: string | null,
  at: Date,
) {
  await db.query(
    `update attendance_intervals set left_at = greatest($3::timestamptz, joined_at)
     where webinar_id = $1 and left_at is null and ($2::uuid is null or participant_id = $2::uuid)`,
    [webinarId, participantId, at],
  );
}

/** Every presence interval in a series' webinars. */
export async function attendanceOfSeries(db: Queryable, seriesId: string): Promise<PresenceInterval[]> {
  const rows = await db.query<{
    webinar_id: string;
    participant_id: string;
    joined_at: Date | string;
    left_at: Date | string | null;
  }>(
    `select a.* from attendance_intervals a join webinars w on w.id = a.webinar_id
     where w.series_id = $1 order by a.joined_at`,
    [seriesId],
  );
  return rows.map((r) => ({
    webinarId: r.webinar_id,
    participantId: r.participant_id,
    joinedAt: new Date(r.joined_at).getTime(),
    leftAt: r.left_at === null ? null : new Date(r.left_at).getTime(),
  }));
}
