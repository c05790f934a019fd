/**
 * Feedback cards in the database. Upsert by the client's card id makes retries idempotent; the
 * row is written (and committed) before the submit is acknowledged, so an acked card survives a
 * crash. Reads always name who is reading, so no query returns cards the reader may not see.
 */
import type { FeedbackCardContent, FeedbackCardView } from '@rundgang/shared';
import type { Queryable } from './db.ts';
import { isUniqueViolation } from './db.ts';

/** Thrown when the observer already has another card for that round. */
export class DuplicateCardError extends Error {}

interface CardRow {
  id: string;
  webinar_id: string;
  breakouts_id: string;
  group_id: string;
  round: number;
  theme_id: string;
  observer_id: string;
  observer_name: string;
  guide_id: string;
  guide_name: string;
  content: FeedbackCardContent | string;
  submitted_at: Date | string;
  updated_at: Date | string;
}

const SELECT = `select c.*, o.name as observer_name, g.name as guide_name
  from feedback_cards c join participants o on o.id = c.observer_id join participants g on g.id = c.guide_id`;

const toView = (r: CardRow): FeedbackCardView => ({
  cardId: r.id,
  webinarId: r.webinar_id,
  breakoutsId: r.breakouts_id,
  groupId: r.group_id,
  round: r.round,
  themeId: r.theme_id,
  observerId: r.observer_id,
  observerName: r.observer_name,
  guideId: r.guide_id,
  guideName: r.guide_name,
  content: typeof r.content === 'string' ? JSON.parse(r.content) : r.content,
  submittedAt: new Date(r.submitted_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** A card to store. */
export interface CardToStore {
  cardId: string;
  webinarId: string;
  breakoutsId: string;
  groupId: string;
  round: number;
  themeId: string;
  observerId: string;
  guideId: string;
  content: FeedbackCardContent;
}

/**
 * Inserts the card or updates its content (same id, same author only). Returns whether it was
 * new, and undefined when the id belongs to someone else's card.
 */
export async function upsertCard(
  db: Queryable,
  card: CardToStore,
): Promise<{ created: boolean } | undefined> {
  try {
    const rows = await db.query<{ created: boolean }>(
      `insert into feedback_cards (id, webinar_id, breakouts_id, group_id, round, theme_id, observer_id, guide_id, content)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (id) do update set content = excluded.content, updated_at = now()
         where feedback_cards.observer_id = excluded.observer_id
           and feedback_cards.breakouts_id = excluded.breakouts_id
           and feedback_cards.group_id = excluded.group_id
           and feedback_cards.round = excluded.round
       returning (xmax = 0) as created`,
      [
        card.cardId,
        card.webinarId,
        card.breakoutsId,
        card.groupId,
        card.round,
        card.themeId,
        card.observerId,
        card.guideId,
        JSON.stringify(card.content),
      ],
    );
    return rows[0];
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateCardError('You already sent a card for this round');
    throw err;
  }
}

/** One card, only if `reader` may read it (author, guide, or facilitator of the webinar). */
export async function cardFor(
  db: Queryable,
  cardId: string,
  reader: { kind: 'participant'; id: string } | { kind: 'facilitator'; webinarId: string },
): Promise<FeedbackCardView | undefined> {
  const rows =
    reader.kind === 'facilitator'
      ? await db.query<CardRow>(`${SELECT} where c.id = $1 and c.webinar_id = $2`, [cardId, reader.webinarId])
      : await db.query<CardRow>(`${SELECT} where c.id = $1 and (c.observer_id = $2 or c.guide_id = $2)`, [
          cardId,
          reader.id,
        ]);
  return rows[0] && toView(rows[0]);
}

/** Cards of a webinar (facilitators), optionally of one breakouts run. */
export async function cardsOfWebinar(
  db: Queryable,
  webinarId: string,
  breakoutsId?: string,
): Promise<FeedbackCardView[]> {
  const rows = breakoutsId
    ? await db.query<CardRow>(
        `${SELECT} where c.webinar_id = $1 and c.breakouts_id = $2 order by c.submitted_at`,
        [webinarId, breakoutsId],
      )
    : await db.query<CardRow>(`${SELECT} where c.webinar_id = $1 order by c.submitted_at`, [webinarId]);
  return rows.map(toView);
}

/** Cards a participant wrote or received in a webinar. */
export async function cardsOfParticipant(
  db: Queryable,
  webinarId: string,
  participantId: string,
): Promise<FeedbackCardView[]> {
  const rows = await db.query<CardRow>(
    `${SELECT} where c.webinar_id = $1 and (c.observer_id = $2 or c.guide_id = $2) order by c.submitted_at`,
    [webinarId, participantId],
  );
  return rows.map(toView);
}

/** Cards a participant received as guide, across the series (for printing). */
export async function cardsReceivedInSeries(
  db: Queryable,
  participantId: string,
): Promise<FeedbackCardView[]> {
  const rows = await db.query<CardRow>(`${SELECT} where c.guide_id = $1 order by c.submitted_at`, [
    participantId,
  ]);
  return rows.map(toView);
}

/** Cards a participant wrote, across the series (for their data export). */
export async function cardsWrittenInSeries(
  db: Queryable,
  participantId: string,
): Promise<FeedbackCardView[]> {
  const rows = await db.query<CardRow>(`${SELECT} where c.observer_id = $1 order by c.submitted_at`, [
    participantId,
  ]);
  return rows.map(toView);
}

/** Deletes cards older than the retention period; returns how many went. */
export async function purgeCardsOlderThan(db: Queryable, days: number): Promise<number> {
  const rows = await db.query(
    'delete from feedback_cards where submitted_at < now() - make_interval(days => $1) returning id',
    [days],
  );
  return rows.length;
}
