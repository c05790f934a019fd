/**
 * Typed data access: the only module (besides migrations) that writes SQL. Functions take a
 * Queryable so they compose inside transactions.
 */
import { randomUUID } from 'node:crypto';
import type { Profession, WebinarStatus } from '@rundgang/shared';
import type { Queryable } from './db.ts';

/** A facilitator row. */
export interface FacilitatorRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}
/** A webinar row. */
export interface WebinarRow {
  id: string;
  series_id: string;
  title: string;
  status: WebinarStatus;
  created_at: Date | string;
  position: number;
  scheduled_at: Date | string | null;
  duration_minutes: number;
  opened_at: Date | string | null;
  ended_at: Date | string | null;
}
/** A participant row. */
export interface ParticipantRow {
  id: string;
  series_id: string;
  name: string;
  municipality: string | null;
  workplace: string | null;
  invite_token: string;
  /** Added by migration 005 (the roster at scale). */
  email: string | null;
  profession: Profession | null;
}

/** Counts facilitators (zero means first-start setup is open). */
export async function countFacilitators(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from facilitators');
  return row?.n ?? 0;
}

/** Inserts a facilitator. */
export async function insertFacilitator(
  db: Queryable,
  f: { email: string; name: string; passwordHash: string },
): Promise<FacilitatorRow> {
  const id = randomUUID();
  const [row] = await db.query<FacilitatorRow>(
    'insert into facilitators (id, email, name, password_hash) values ($1, $2, $3, $4) returning *',
    [id, f.email, f.name, f.passwordHash],
  );
  if (!row) throw new Error('insert failed');
  return row;
}

/** Finds a facilitator by email. */
export async function facilitatorByEmail(db: Queryable, email: string): Promise<FacilitatorRow | undefined> {
  return (await db.query<FacilitatorRow>('select * from facilitators where email = $1', [email]))[0];
}

/** Stores a session (token hash) for a facilitator. */
export async function insertSession(
  db: Queryable,
  tokenHash: string,
  facilitatorId: string,
  expiresAt: Date,
) {
  await db.query(
    'insert into facilitator_sessions (token_hash, facilitator_id, expires_at) values ($1, $2, $3)',
    [tokenHash, facilitatorId, expiresAt],
  );
}

/** The facilitator of a live session, if the session exists and has not expired. */
export async function facilitatorBySession(
  db: Queryable,
  tokenHash: string,
): Promise<FacilitatorRow | undefined> {
  return (
    await db.query<FacilitatorRow>(
      `select f.* from facilitator_sessions s join facilitators f on f.id = s.facilitator_id
       where s.token_hash = $1 and s.expires_at > now()`,
      [tokenHash],
    )
  )[0];
}

/** Deletes a session. */
export async function deleteSession(db: Queryable, tokenHash: string) {
  await db.query('delete from facilitator_sessions where token_hash = $1', [tokenHash]);
}

/** Reads an app setting. */
export async function getSetting(db: Queryable, key: string): Promise<string | undefined> {
  return (await db.query<{ value: string }>('select value from app_settings where key = $1', [key]))[0]
    ?.value;
}

/** Writes an app setting. */
export async function setSetting(db: Queryable, key: string, value: string) {
  await db.query(
    'insert into app_settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [key, value],
  );
}

/** Deletes an app setting. */
export async function deleteSetting(db: Queryable, key: string) {
  await db.query('delete from app_settings where key = $1', [key]);
}

/** Webinars of the series a facilitator runs, newest first (a series' webinars by position). */
export async function webinarsOfFacilitator(db: Queryable, facilitatorId: string): Promise<WebinarRow[]> {
  return db.query<WebinarRow>(
    `select w.* from webinars w join series_facilitators sf on sf.series_id = w.series_id
     where sf.facilitator_id = $1 order by w.created_at desc, w.position desc`,
    [facilitatorId],
  );
}

/** A webinar, only if the facilitator is one of its series' facilitators. */
export async function webinarOfFacilitator(
  db: Queryable,
  facilitatorId: string,
  webinarId: string,
): Promise<WebinarRow | undefined> {
  return (
    await db.query<WebinarRow>(
      `select w.* from webinars w join series_facilitators sf on sf.series_id = w.series_id
       where sf.facilitator_id = $1 and w.id = $2`,
      [facilitatorId, webinarId],
    )
  )[0];
}

/** Sets a webinar's status. */
export async function setWebinarStatus(
  db: Queryable,
  webinarId: string,
  status: WebinarStatus,
): Promise<WebinarRow> {
  const [row] = await db.query<WebinarRow>('update webinars set status = $2 where id = $1 returning *', [
    webinarId,
    status,
  ]);
  if (!row) throw new Error('webinar not found');
  return row;
}

/** Adds a participant to a series with an invite token. */
export async function insertParticipant(
  db: Queryable,
  p: {
    seriesId: string;
    name: string;
    municipality?: string | undefined;
    workplace?: string | undefined;
    inviteToken: string;
  },
): Promise<ParticipantRow> {
  const [row] = await db.query<ParticipantRow>(
    `insert into participants (id, series_id, name, municipality, workplace, invite_token)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [randomUUID(), p.seriesId, p.name, p.municipality || null, p.workplace || null, p.inviteToken],
  );
  if (!row) throw new Error('insert failed');
  return row;
}

/** Participants of a series in the order they were added. */
export async function participantsOfSeries(db: Queryable, seriesId: string): Promise<ParticipantRow[]> {
  return db.query<ParticipantRow>(
    'select * from participants where series_id = $1 order by created_at, name',
    [seriesId],
  );
}

/** A webinar by id. */
export async function webinarById(db: Queryable, webinarId: string): Promise<WebinarRow | undefined> {
  return (await db.query<WebinarRow>('select * from webinars where id = $1', [webinarId]))[0];
}

/**
 * The webinar an invite to a series joins now: the live one, else the next planned one in
 * running order (to wait for it to open); none when every webinar has ended.
 */
export async function currentWebinarOfSeries(
  db: Queryable,
  seriesId: string,
): Promise<WebinarRow | undefined> {
  return (
    await db.query<WebinarRow>(
      `select * from webinars where series_id = $1 and status <> 'ended'
       order by (status = 'live') desc, scheduled_at asc nulls last, position asc limit 1`,
      [seriesId],
    )
  )[0];
}

/** The participant holding an invite token. */
export async function participantByInvite(db: Queryable, token: string): Promise<ParticipantRow | undefined> {
  return (await db.query<ParticipantRow>('select * from participants where invite_token = $1', [token]))[0];
}

/** The participant holding an invite token and the webinar it leads to now. */
export async function resolveInvite(
  db: Queryable,
  token: string,
): Promise<{ participant: ParticipantRow; webinar: WebinarRow } | undefined> {
  const participant = await participantByInvite(db, token);
  if (!participant) return undefined;
  // The invite is per series, not per webinar; an ended webinar is never joined.
  const webinar = await currentWebinarOfSeries(db, participant.series_id);
  return webinar ? { participant, webinar } : undefined;
}

/** True while a participant with this id exists (a deleted one is gone for good). */
export async function participantExists(db: Queryable, participantId: string): Promise<boolean> {
  return (await db.query('select 1 from participants where id = $1', [participantId])).length > 0;
}

/** Deletes a participant of a series and, by cascade, the feedback cards they wrote or received. */
export async function deleteParticipant(
  db: Queryable,
  seriesId: string,
  participantId: string,
): Promise<boolean> {
  const rows = await db.query('delete from participants where id = $1 and series_id = $2 returning id', [
    participantId,
    seriesId,
  ]);
  return rows.length > 0;
}
