/**
 * A series (webinarrekke): usually three webinars a few weeks apart with the same cohort. These
 * rules decide which webinar an invite link leads to, when a webinar may still be changed, the
 * default schedule a new series starts from, and how long each person attended.
 * Why here: the server answers with them and the client shows the same words for the same facts;
 * times are the programme's local time (Europe/Oslo) whatever the machine's clock zone is.
 */
import { z } from 'zod';
import { csvCell } from './csv.ts';
import { plannedTotalMs, type WebinarPlan } from './plan.ts';

/** The time zone schedules are entered and shown in. */
export const SERIES_TIME_ZONE = 'Europe/Oslo';

/** A calendar date `YYYY-MM-DD` that exists. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'no such date');
/** A wall-clock time `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

/** Webinar lengths a schedule allows (minutes); 3 hours is the default, 2 hours is common too. */
export const DEFAULT_WEBINAR_MINUTES = 180;
/** Webinar length in minutes. */
export const WebinarMinutes = z.number().int().min(30).max(600);
/** How many webinars a series has unless the facilitator says otherwise. */
export const DEFAULT_SERIES_WEBINARS = 3;

const MINUTE_MS = 60_000;

/** Offset of a zone from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant (ms epoch) of a local date and time in a zone (default Europe/Oslo). */
export function localToInstant(date: string, time: string, timeZone = SERIES_TIME_ZONE): number {
  const naive = Date.parse(`${date}T${time}:00Z`);
  // Two passes find the offset in force at the result, also across a DST change.
  const first = naive - zoneOffsetMs(naive, timeZone);
  return naive - zoneOffsetMs(first, timeZone);
}

/** The local date `YYYY-MM-DD` and time `HH:MM` of an instant in a zone (default Europe/Oslo). */
export function instantToLocal(
  instantMs: number,
  timeZone = SERIES_TIME_ZONE,
): { date: string; time: string } {
  const local = new Date(instantMs + zoneOffsetMs(instantMs, timeZone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** A date `days` after a local date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** One webinar of a new series' schedule as the form starts it. */
export interface ScheduleDraft {
  title: string;
  date: string;
  startTime: string;
  durationMinutes: number;
}

/**
 * The schedule a new series form starts from: `count` webinars three weeks apart, the first a
 * week after `today`, at 09:00, three hours each ("a few weeks apart", seed 000).
 */
export function defaultSeriesSchedule(
  count: number,
  today: string,
  titleOf: (n: number) => string = (n) => `Samling ${n}`,
): ScheduleDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    title: titleOf(i + 1),
    date: addDays(today, 7 + 21 * i),
    startTime: '09:00',
    durationMinutes: DEFAULT_WEBINAR_MINUTES,
  }));
}

/** What the series rules need to know of a webinar. */
export interface ScheduledWebinar {
  id: string;
  status: 'planned' | 'live' | 'ended';
  position: number;
  /** ms epoch, or null when no date is set (webinars made before series had schedules). */
  scheduledAt: number | null;
}

/** Running order: by date (undated last), then by position. */
export function compareSchedule(a: ScheduledWebinar, b: ScheduledWebinar): number {
  const at = a.scheduledAt ?? Number.POSITIVE_INFINITY;
  const bt = b.scheduledAt ?? Number.POSITIVE_INFINITY;
  return at === bt ? a.position - b.position : at - bt;
}

/**
 * The webinar an invite link leads to now: the live one, else the first planned one in running
 * order; null when every webinar has ended (the link still opens the person's own page).
 */
export function currentWebinarOf<W extends ScheduledWebinar>(webinars: readonly W[]): W | null {
  const live = webinars.find((w) => w.status === 'live');
  if (live) return live;
  return [...webinars].filter((w) => w.status === 'planned').sort(compareSchedule)[0] ?? null;
}

/**
 * Why a webinar cannot be rescheduled or removed, or null if it can: only a planned webinar
 * may change; one that is live or has run is part of the record.
 */
export function webinarChangeRefusal(status: ScheduledWebinar['status']): string | null {
  if (status === 'live') return 'This webinar is live; end it first, it cannot be changed while it runs';
  if (status === 'ended') return 'This webinar has already run and cannot be changed';
  return null;
}

/**
 * The agenda template fitted to a webinar's length: every segment scaled by the same factor
 * (at least one minute each), the rounding difference taken by the longest segment, so a
 * 2-hour webinar gets the 3-hour running order in 120 minutes.
 */
export function fitPlanToMinutes(plan: WebinarPlan, minutes: number): WebinarPlan {
  const total = plannedTotalMs(plan) / MINUTE_MS;
  if (total === 0 || total === minutes) return plan;
  const segments = plan.segments.map((s) => ({
    ...s,
    plannedMinutes: Math.max(1, Math.round((s.plannedMinutes * minutes) / total)),
  }));
  const diff = minutes - segments.reduce((sum, s) => sum + s.plannedMinutes, 0);
  const longest = segments.reduce(
    (best, s, i) => (s.plannedMinutes > (segments[best]?.plannedMinutes ?? 0) ? i : best),
    0,
  );
  const target = segments[longest];
  if (target) target.plannedMinutes = Math.max(1, target.plannedMinutes + diff);
  return { segments };
}

/** One stretch of time a participant was connected to a webinar (ms epoch; `leftAt` null = still there). */
export interface PresenceInterval {
  webinarId: string;
  participantId: string;
  joinedAt: number;
  leftAt: number | null;
}

/** When a webinar was open (ms epoch): from its opening (null = unknown) to its end or now. */
export interface OpenWindow {
  from: number | null;
  until: number;
}

/**
 * Minutes each participant attended each webinar while it was open: the union of their
 * intervals (two tabs or a reconnect never count twice), each clipped to the webinar's open
 * window (waiting before it opened does not count; an open interval counts up to the end, or
 * now while it runs). Keyed `webinarId → participantId → minutes`; someone connected for less
 * than a minute attended with 0 minutes, someone only there before it opened did not attend.
 */
export function attendedMinutes(
  intervals: readonly PresenceInterval[],
  windowOf: (webinarId: string) => OpenWindow,
): Map<string, Map<string, number>> {
  const groups = new Map<string, [number, number][]>();
  for (const i of intervals) {
    const window = windowOf(i.webinarId);
    const start = Math.max(i.joinedAt, window.from ?? i.joinedAt);
    const end = Math.min(i.leftAt ?? window.until, window.until);
    if (end <= start) continue;
    const key = `${i.webinarId} ${i.participantId}`;
    groups.set(key, [...(groups.get(key) ?? []), [start, end]]);
  }
  const result = new Map<string, Map<string, number>>();
  for (const [key, spans] of groups) {
    const [webinarId = '', participantId = ''] = key.split(' ');
    spans.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [start, end] = spans[0] ?? [0, 0];
    for (const [s, e] of spans.slice(1)) {
      if (s > end) {
        total += end - start;
        [start, end] = [s, e];
      } else end = Math.max(end, e);
    }
    total += end - start;
    const perWebinar = result.get(webinarId) ?? new Map<string, number>();
    perWebinar.set(participantId, Math.round(total / MINUTE_MS));
    result.set(webinarId, perWebinar);
  }
  return result;
}

/** How many people of each municipality attended (anyone with a presence interval); blank = "". */
export function countByMunicipality(
  attendees: readonly string[],
  municipalityOf: (participantId: string) => string | null,
): { municipality: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const id of attendees) {
    const m = municipalityOf(id) ?? '';
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([municipality, count]) => ({ municipality, count }))
    .sort((a, b) =>
      a.municipality === ''
        ? 1
        : b.municipality === ''
          ? -1
          : a.municipality.localeCompare(b.municipality, 'nb'),
    );
}

/** A row of the attendance CSV: a person and their minutes per webinar (null = not there). */
export interface AttendanceCsvRow {
  name: string;
  municipality: string | null;
  workplace: string | null;
  minutes: (number | null)[];
}

const ATTENDANCE_HEADERS = {
  name: { nb: 'Navn', en: 'Name' },
  municipality: { nb: 'Kommune', en: 'Municipality' },
  workplace: { nb: 'Arbeidssted', en: 'Workplace' },
  attended: { nb: 'Deltok på', en: 'Attended' },
  minutes: { nb: 'minutter', en: 'minutes' },
} as const;

/**
 * The attendance table as CSV for a spreadsheet: UTF-8 with BOM, `;` between fields, one row per
 * person (names, not ids), per webinar a column of minutes (empty = absent) headed by its title
 * and local date and time; a last column counts the webinars each person attended.
 */
export function attendanceToCsv(
  webinars: readonly { title: string; scheduledAt: number | null }[],
  rows: readonly AttendanceCsvRow[],
  language: 'nb' | 'en' = 'nb',
): string {
  const h = (k: keyof typeof ATTENDANCE_HEADERS) => ATTENDANCE_HEADERS[k][language];
  const header = [
    h('name'),
    h('municipality'),
    h('workplace'),
    ...webinars.map((w) => {
      const when = w.scheduledAt === null ? '' : ` ${Object.values(instantToLocal(w.scheduledAt)).join(' ')}`;
      return `${w.title}${when} (${h('minutes')})`;
    }),
    h('attended'),
  ];
  const lines = rows.map((r) => [
    r.name,
    r.municipality ?? '',
    r.workplace ?? '',
    ...r.minutes.map((m) => (m === null ? '' : String(m))),
    String(r.minutes.filter((m) => m !== null).length),
  ]);
  return `\uFEFF${[header, ...lines].map((cells) => `${cells.map(csvCell).join(';')}\r\n`).join('')}`;
}
