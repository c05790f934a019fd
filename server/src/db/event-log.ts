/**
 * The append-only event log of a live webinar. Sequence numbers are per webinar and the primary
 * key (webinar_id, seq) makes two writers unable to both append the same number: the loser gets
 * a conflict instead of silently forking the history.
 */
import { type SessionEvent, SessionEvent as SessionEventSchema } from '@rundgang/shared';
import type { Queryable } from './db.ts';
import { isUniqueViolation } from './db.ts';

/** Thrown when another writer appended first. */
export class SequenceConflictError extends Error {}

/**
 * Appends events after `lastSeq`; returns the new last sequence number. One statement, so the
 * events land together or not at all — also inside a caller's transaction, where they commit
 * with whatever else it writes (a feedback card with its receipt).
 */
export async function appendEvents(
  db: Queryable,
  webinarId: string,
  lastSeq: number,
  events: readonly SessionEvent[],
): Promise<number> {
  if (events.length === 0) return lastSeq;
  const rows = events.map((_, i) => `($1, $${3 * i + 2}, $${3 * i + 3}, $${3 * i + 4})`);
  const params = events.flatMap((event, i) => [lastSeq + i + 1, event.type, JSON.stringify(event)]);
  try {
    await db.query(`insert into webinar_events (webinar_id, seq, type, payload) values ${rows.join(', ')}`, [
      webinarId,
      ...params,
    ]);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new SequenceConflictError(`sequence ${lastSeq + 1} of ${webinarId} is taken`);
    throw err;
  }
  return lastSeq + events.length;
}

/** Loads a webinar's events in order, validated against the event schema. */
export async function loadEvents(
  db: Queryable,
  webinarId: string,
): Promise<{ seq: number; event: SessionEvent }[]> {
  const rows = await db.query<{ seq: number; payload: unknown }>(
    'select seq, payload from webinar_events where webinar_id = $1 order by seq',
    [webinarId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    event: SessionEventSchema.parse(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload),
  }));
}

/** Ids of webinars that are live now (their sessions are loaded at start so timers keep running). */
export async function liveWebinarIds(db: Queryable): Promise<string[]> {
  return (await db.query<{ id: string }>("select id from webinars where status = 'live'")).map((r) => r.id);
}

/**
 * The event logs of every webinar of a series, one list per webinar (oldest webinar first): what
 * the series' role and partner history is folded from.
 */
export async function loadSeriesEvents(db: Queryable, seriesId: string): Promise<SessionEvent[][]> {
  const rows = await db.query<{ webinar_id: string; payload: unknown }>(
    `select e.webinar_id, e.payload from webinar_events e
       join webinars w on w.id = e.webinar_id
      where w.series_id = $1
      order by w.created_at, e.webinar_id, e.seq`,
    [seriesId],
  );
  const logs = new Map<string, SessionEvent[]>();
  for (const r of rows) {
    const event = SessionEventSchema.parse(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload);
    const log = logs.get(r.webinar_id);
    if (log) log.push(event);
    else logs.set(r.webinar_id, [event]);
  }
  return [...logs.values()];
}
