/**
 * A series' roster: participants added, edited, removed and imported.
 * The import is one transaction, so a failure anywhere (say a concurrent add of the same email)
 * leaves the roster as it was.
 */
import { randomUUID } from 'node:crypto';
import type { RosterEntry } from '@rundgang/shared';
import type { Queryable } from './db.ts';
import type { ParticipantRow } from './repo.ts';

/**
 * Adds one participant. `position` (microseconds after the transaction's start) keeps the file
 * order of an import, whose rows all share one `now()` (PGlite's clock has only ms resolution).
 */
export async function insertRosterParticipant(
  db: Queryable,
  seriesId: string,
  entry: RosterEntry,
  inviteToken: string,
  position = 0,
): Promise<ParticipantRow> {
  const [row] = await db.query<ParticipantRow>(
    `insert into participants
       (id, series_id, name, email, municipality, workplace, profession, invite_token, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9 * interval '1 microsecond') returning *`,
    [
      randomUUID(),
      seriesId,
      entry.name,
      entry.email,
      entry.municipality,
      entry.workplace,
      entry.profession,
      inviteToken,
      position,
    ],
  );
  if (!row) throw new Error('insert failed');
  return row;
}

/** Replaces a participant's fields; undefined when they are not in this series. */
export async function updateRosterParticipant(
  db: Queryable,
  seriesId: string,
  participantId: string,
  entry: RosterEntry,
): Promise<ParticipantRow | undefined> {
  const [row] = await db.query<ParticipantRow>(
    `update participants set name = $3, email = $4, municipality = $5, workplace = $6, profession = $7
     where id = $1 and series_id = $2 returning *`,
    [participantId, seriesId, entry.name, entry.email, entry.municipality, entry.workplace, entry.profession],
  );
  return row;
}

/** Adds all entries in one transaction: all of them, or none if any insert fails. */
export async function importRoster(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  seriesId: string,
  entries: readonly RosterEntry[],
  newToken: () => string,
): Promise<ParticipantRow[]> {
  return db.transaction(async (tx) => {
    const rows: ParticipantRow[] = [];
    for (const [i, entry] of entries.entries()) {
      rows.push(await insertRosterParticipant(tx, seriesId, entry, newToken(), i));
    }
    return rows;
  });
}

/** What an invite email tells about a series: its title and its webinars in order. */
export async function seriesForInvites(
  db: Queryable,
  seriesId: string,
): Promise<{ title: string; webinars: { title: string }[] }> {
  const [series] = await db.query<{ title: string }>('select title from series where id = $1', [seriesId]);
  const webinars = await db.query<{ title: string }>(
    'select title from webinars where series_id = $1 order by created_at',
    [seriesId],
  );
  return { title: series?.title ?? '', webinars };
}
