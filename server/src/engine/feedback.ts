/**
 * Feedback cards between the socket and the database: checks the author really observes that
 * round (against the live session), validates the card against the theme, persists it before
 * anyone is told, and records only a receipt (never the contents) in the session log.
 */
import {
  decideSubmitFeedback,
  type FeedbackCardView,
  guideMaySee,
  ok,
  type PlenarySummary,
  parseCardForTheme,
  quotesForPlenary,
  type SessionState,
  type SubmitFeedbackCardRequest,
  summarizeCards,
  type ThemeTemplate,
  themeById,
} from '@rundgang/shared';
import type { Db } from '../db/db.ts';
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
  // A retry of a stored card is answered from the store, whatever the session looks like now.
  if (existing && existing.observerId === observerId && sameJson(existing.content, req.content))
    return existing;

  const state = session.state;
  const b = state.breakouts;
  if (!b || b.id !== req.breakoutsId)
    throw new AppError('conflict', 'These breakouts have ended; the card can no longer be changed');
  const check = decideSubmitFeedback(
    state,
    observerId,
    { groupId: req.groupId, round: req.round, content: null },
    Date.now(),
  );
  if (!check.ok) throw new AppError(check.error.code, check.error.message);
  const group = b.groups.find((g) => g.id === req.groupId);
  const guideId = group?.rotation[req.round]?.guideId;
  if (!group || !guideId) throw new AppError('not_found', 'No such group or round');
  if (existing && (group.timer.status === 'finished' || group.timer.round > req.round)) {
    throw new AppError('conflict', 'The round has ended; the card can no longer be changed');
  }
  const theme = themeById(themes, b.exercise.themeId);
  if (!theme) throw new AppError('conflict', `The exercise's theme "${b.exercise.themeId}" no longer exists`);
  const valid = parseCardForTheme(req.content, theme);
  if (!valid.ok) throw new AppError(valid.error.code, valid.error.message);
  try {
    const saved = await upsertCard(db, {
      cardId: req.cardId,
      webinarId: session.webinarId,
      breakoutsId: b.id,
      groupId: req.groupId,
      round: req.round,
      themeId: b.exercise.themeId,
      observerId,
      guideId,
      content: req.content,
    });
    if (!saved) throw new AppError('conflict', 'This card id belongs to another card');
  } catch (err) {
    if (err instanceof DuplicateCardError) throw new AppError('conflict', err.message);
    throw err;
  }
  // The receipt (who, which round — no contents) drives "cards in" on the console.
  await session.run((s, now) => {
    const has = s.feedbackCards.some(
      (c) =>
        c.breakoutsId === b.id &&
        c.groupId === req.groupId &&
        c.round === req.round &&
        c.observerId === observerId,
    );
    return has
      ? ok([])
      : decideSubmitFeedback(s, observerId, { groupId: req.groupId, round: req.round, content: null }, now);
  });
  const stored = await cardFor(db, req.cardId, { kind: 'participant', id: observerId });
  if (!stored) throw new Error('card vanished after saving');
  return stored;
}

/** The cards this reader may see in the webinar. */
export async function visibleCards(
  db: Db,
  state: SessionState,
  webinarId: string,
  reader: { kind: 'facilitator' } | { kind: 'participant'; id: string },
): Promise<FeedbackCardView[]> {
  if (reader.kind === 'facilitator') return cardsOfWebinar(db, webinarId);
  const cards = await cardsOfParticipant(db, webinarId, reader.id);
  return cards.filter((c) => c.observerId === reader.id || guideMaySee(state, c));
}

/** The anonymous summary of one breakouts run (default: the current or the latest with cards). */
export async function plenarySummary(
  db: Db,
  state: SessionState,
  webinarId: string,
  themes: readonly ThemeTemplate[],
  breakoutsId: string | undefined,
  quoteCardIds: readonly string[] = [],
): Promise<PlenarySummary> {
  const all = await cardsOfWebinar(db, webinarId);
  const id = breakoutsId ?? state.breakouts?.id ?? all.at(-1)?.breakoutsId;
  const cards = all.filter((c) => c.breakoutsId === id);
  const themeId = cards[0]?.themeId ?? state.breakouts?.exercise.themeId;
  const theme = themeId ? themeById(themes, themeId) : undefined;
  if (!id || !theme) throw new AppError('not_found', 'No feedback cards to summarise yet');
  return {
    breakoutsId: id,
    themeId: theme.id,
    summary: summarizeCards(cards, theme),
    quotes: quotesForPlenary(cards, quoteCardIds),
  };
}
