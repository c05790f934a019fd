/**
 * Co-facilitators of a series: the owner's single-use invite links (stored hashed), redeeming
 * one, listing and removing facilitators. Redeeming is one conditional update, so two people
 * racing for one link cannot both win.
 */
import type { Queryable } from './db.ts';

/** A facilitator of a series and their role in it. */
export interface SeriesFacilitatorRow {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'co';
}

/** Facilitators of a series, owners first. */
export async function facilitatorsOfSeries(db: Queryable, seriesId: string): Promise<SeriesFacilitatorRow[]> {
  return db.query<SeriesFacilitatorRow>(
    `select f.id, f.name, f.email, sf.role from series_facilitators sf join facilitators f on f.id = sf.facilitator_id
     where sf.series_id = $1 order by sf.role desc, f.name`,
    [seriesId],
  );
}

/** The role of a facilitator in a series, if they are one. */
export async function roleInSeries(
  db: Queryable,
  seriesId: string,
  facilitatorId: string,
): Promise<'owner' | 'co' | undefined> {
  const [row] = await db.query<{ role: 'owner' | 'co' }>(
    'select role from series_facilitators where series_id = $1 and facilitator_id = $2',
    [seriesId, facilitatorId],
  );
  return row?.role;
}

/** Stores a new invite link (its hash). */
export async function insertCoFacilitatorInvite(
  db: Queryable,
  invite: { tokenHash: string; seriesId: string; createdBy: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    'insert into co_facilitator_invites (token_hash, series_id, created_by, expires_at) values ($1, $2, $3, $4)',
    [invite.tokenHash, invite.seriesId, invite.createdBy, invite.expiresAt],
  );
}

/** An unused, unexpired invite: the series it leads to and who sent it. */
export async function openCoFacilitatorInvite(
  db: Queryable,
  tokenHash: string,
): Promise<{ seriesId: string; seriesTitle: string; invitedBy: string } | undefined> {
  const [row] = await db.query<{ series_id: string; title: string; name: string }>(
    `select i.series_id, s.title, f.name from co_facilitator_invites i
     join series s on s.id = i.series_id join facilitators f on f.id = i.created_by
     where i.token_hash = $1 and i.used_at is null and i.expires_at > now()`,
    [tokenHash],
  );
  return row ? { seriesId: row.series_id, seriesTitle: row.title, invitedBy: row.name } : undefined;
}

/**
 * Redeems an invite for a facilitator: marks it used and adds them to the series (a facilitator
 * already in it keeps their role). Undefined when the link is used, expired or unknown.
 */
export async function redeemCoFacilitatorInvite(
  db: Queryable,
  tokenHash: string,
  facilitatorId: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ series_id: string }>(
    `update co_facilitator_invites set used_at = now(), used_by = $2
     where token_hash = $1 and used_at is null and expires_at > now() returning series_id`,
    [tokenHash, facilitatorId],
  );
  if (!row) return undefined;
  await db.query(
    `insert into series_facilitators (series_id, facilitator_id, role) values ($1, $2, 'co')
     on conflict (series_id, facilitator_id) do nothing`,
    [row.series_id, facilitatorId],
  );
  return row.series_id;
}

/** Removes a co-facilitator (never an owner); false when there was no such co-facilitator. */
export async function removeCoFacilitator(
  db: Queryable,
  seriesId: string,
  facilitatorId: string,
): Promise<boolean> {
  const rows = await db.query(
    `delete from series_facilitators where series_id = $1 and facilitator_id = $2 and role = 'co'
     returning facilitator_id`,
    [seriesId, facilitatorId],
  );
  return rows.length > 0;
}
