/**
 * Feedback cards between the socket and the database: checks the author really observes that
 * round (against the live session), validates the card against the theme, and stores it in the
 * same transaction as its receipt in the session log (who, which round — never the contents),
 * before anyone is told. Every read goes through `mayReadCard`, the one visibility rule.
 */
import {
  applySessionEvent,
  type CardReader,
  cardPlaceOf,
  decideSubmitFeedback,
  decideTick,
  type FeedbackCardView,
  fail,
  mayReadCard,
  type PlenarySummary,
  parseCardForTheme,
  plenaryCounts,
  quotesForPlenary,
  replaySession,
  type SessionState,
  type SubmitFeedbackCardRequest,
  summarizeCards,
  type ThemeTemplate,
  themeById,
} from '@rundgang/shared';
import type { Db } from '../db/db.ts';
import { loadEvents } from '../db/event-log.ts';
import {
  cardFor,
  cardsOfParticipant,
  cardsOfWebinar,
  DuplicateCardError,
  upsertCard,
} from '../db/feedback-cards.ts';
import { AppError } from '../errors.ts';
import type { LiveSession } from './live-session.ts';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Saves an observer's card; returns the stored view. Idempotent by cardId. */
export async function submitCard(
  db: Db,
  session: LiveSession,
  observerId: string,
  req: SubmitFeedbackCardRequest,
  themes: readonly ThemeTemplate[],
): Promise<FeedbackCardView> {
  const existing = await cardFor(db, req.cardId, { kind: 'participant', id: observerId });
  // A retry of a stored card is answered from the store, whatever the session looks like now:
  // card and receipt were committed together, so there is nothing left to record.
  if (existing && existing.observerId === observerId && sameJson(existing.content, req.content))
    return existing;

  const place = { breakoutsId: req.breakoutsId, groupId: req.groupId, round: req.round };
  const recorded = await session.run(
    (state, now) => {
      const decision = decideSubmitFeedback(state, observerId, place, now);
      if (!decision.ok) return decision;
      const themeId = cardPlaceOf(state, place)?.themeId ?? '';
      const theme = themeById(themes, themeId);
      if (!theme) return fail('conflict', `The exercise's theme "${themeId}" no longer exists`);
      const valid = parseCardForTheme(req.content, theme);
      return valid.ok ? decision : valid;
    },
    async (tx, decidedOn) => {
      const known = cardPlaceOf(decidedOn, place);
      if (!known) throw new Error('decideSubmitFeedback accepted a card without a guide');
      try {
        const saved = await upsertCard(tx, {
          cardId: req.cardId,
          webinarId: session.webinarId,
          ...place,
          themeId: known.themeId,
          observerId,
          guideId: known.guideId,
          content: req.content,
        });
        if (!saved) throw new AppError('conflict', 'This card id belongs to another card');
      } catch (err) {
        if (err instanceof DuplicateCardError) throw new AppError('conflict', err.message);
        throw err;
      }
    },
  );
  if (!recorded.ok) throw new AppError(recorded.error.code, recorded.error.message);
  const stored = await cardFor(db, req.cardId, { kind: 'participant', id: observerId });
  if (!stored) throw new Error('card vanished after saving');
  return stored;
}

/** The cards of the webinar this reader may read now (the socket's `feedback:list`). */
export async function visibleCards(
  db: Db,
  state: SessionState,
  webinarId: string,
  reader: CardReader,
): Promise<FeedbackCardView[]> {
  const cards =
    reader.kind === 'facilitator'
      ? await cardsOfWebinar(db, webinarId)
      : await cardsOfParticipant(db, webinarId, reader.id);
  return cards.filter((card) => mayReadCard(state, reader, card));
}

/**
 * The cards among `cards` this reader may read now, each judged against its own webinar's
 * session as its log says (the HTTP routes have no live session at hand; the log is what the
 * live session is folded from, with deadlines that passed caught up).
 */
export async function readableCards(
  db: Db,
  reader: CardReader,
  cards: readonly FeedbackCardView[],
  now = Date.now(),
): Promise<FeedbackCardView[]> {
  const states = new Map<string, SessionState>();
  const readable: FeedbackCardView[] = [];
  for (const card of cards) {
    let state = states.get(card.webinarId);
    if (!state) {
      state = await sessionStateNow(db, card.webinarId, now);
      states.set(card.webinarId, state);
    }
    if (mayReadCard(state, reader, card)) readable.push(card);
  }
  return readable;
}

async function sessionStateNow(db: Db, webinarId: string, now: number): Promise<SessionState> {
  const state = replaySession((await loadEvents(db, webinarId)).map((row) => row.event));
  return decideTick(state, now).reduce(applySessionEvent, state);
}

/**
 * The anonymous summary of one breakouts run (default: the current or the latest with cards).
 * `for: 'plenary'` holds the counts back below the minimum number of cards; the facilitators'
 * console gets them with the same reason, so it can say why the plenary will not see them.
 */
export async function plenarySummary(
  db: Db,
  state: SessionState,
  webinarId: string,
  themes: readonly ThemeTemplate[],
  breakoutsId: string | undefined,
  quoteCardIds: readonly string[] = [],
  audience: 'facilitators' | 'plenary' = 'facilitators',
): Promise<PlenarySummary> {
  const all = await cardsOfWebinar(db, webinarId);
  const id = breakoutsId ?? state.breakouts?.id ?? all.at(-1)?.breakoutsId;
  const cards = all.filter((c) => c.breakoutsId === id);
  const themeId = cards[0]?.themeId ?? state.breakouts?.exercise.themeId;
  const theme = themeId ? themeById(themes, themeId) : undefined;
  if (!id || !theme) throw new AppError('not_found', 'No feedback cards to summarise yet');
  const counts = plenaryCounts(cards, theme);
  return {
    breakoutsId: id,
    themeId: theme.id,
    summary: audience === 'plenary' ? counts.summary : summarizeCards(cards, theme),
    quotes: quotesForPlenary(cards, quoteCardIds),
    withheld: counts.withheld,
  };
}
