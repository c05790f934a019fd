/** How rows leave the server: the shared API shapes of webinars and participants. */
import {
  type InviteWebinar,
  instantToLocal,
  type ParticipantWithInvite,
  type WebinarSummary,
} from '@rundgang/shared';
import type { ParticipantRow, WebinarRow } from '../db/repo.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A webinar's schedule fields (start as ISO and as local Europe/Oslo date and time). */
function scheduleOf(w: WebinarRow) {
  const at = w.scheduled_at === null ? null : new Date(w.scheduled_at).getTime();
  const local = at === null ? null : instantToLocal(at);
  return {
    scheduledAt: iso(w.scheduled_at),
    date: local?.date ?? null,
    startTime: local?.time ?? null,
    durationMinutes: w.duration_minutes,
  };
}

/** A webinar as the facilitator sees it in lists. */
export const webinarSummary = (w: WebinarRow): WebinarSummary => ({
  id: w.id,
  seriesId: w.series_id,
  title: w.title,
  status: w.status,
  createdAt: new Date(w.created_at).toISOString(),
  position: w.position,
  ...scheduleOf(w),
});

/** A webinar as a participant sees it on their own page. */
export const inviteWebinar = (w: WebinarRow): InviteWebinar => ({
  id: w.id,
  title: w.title,
  status: w.status,
  ...scheduleOf(w),
});

/** A participant with their personal invite path, for the facilitator. */
export const participantWithInvite = (p: ParticipantRow): ParticipantWithInvite => ({
  id: p.id,
  name: p.name,
  municipality: p.municipality,
  workplace: p.workplace,
  invitePath: `/join/${p.invite_token}`,
});
