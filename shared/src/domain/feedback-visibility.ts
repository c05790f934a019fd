/**
 * Who may read a feedback card, and when. Why one rule of its own: a card is personal data and
 * the exercise can hold it back from the guide until the feedback phase of that round is over,
 * so the conversation is not interrupted by reading; every path that hands out a card (socket
 * push, `feedback:list`, the print and export routes) asks this function, so none can leak a
 * held-back card. The author and the series' facilitators always may; anyone else never.
 */
import type { SessionState } from './session-state.ts';

/** A card's place: which breakouts run, group and round it is about. */
export interface CardPlace {
  breakoutsId: string;
  groupId: string;
  round: number;
}

/** A card as the visibility rule sees it: its place, its author and the guide it is about. */
export interface CardParties extends CardPlace {
  observerId: string;
  guideId: string;
}

/**
 * Who is reading: a facilitator of the card's series (the caller has checked that), or a
 * participant by id.
 */
export type CardReader = { kind: 'facilitator' } | { kind: 'participant'; id: string };

/** Whether the guide may read a card about them now, given the session state. */
export function guideMaySee(state: SessionState, card: CardPlace): boolean {
  const b = state.breakouts;
  // Breakouts that are over (or another run) hold nothing back.
  if (!b || b.id !== card.breakoutsId) return true;
  if (b.exercise.feedbackVisibleToGuide === 'on_submit') return true;
  const group = b.groups.find((g) => g.id === card.groupId);
  if (!group || group.timer.status === 'finished' || group.timer.round > card.round) return true;
  if (group.timer.round < card.round) return false;
  const feedbackPhase = b.exercise.phases.findIndex((p) => p.kind === 'feedback');
  return feedbackPhase >= 0 && group.timer.phaseIndex > feedbackPhase;
}

/**
 * Whether `reader` may read `card` now. `state` is the session of the card's webinar (an empty
 * session once nothing runs there any more).
 */
export function mayReadCard(state: SessionState, reader: CardReader, card: CardParties): boolean {
  if (reader.kind === 'facilitator') return true;
  if (reader.id === card.observerId) return true;
  return reader.id === card.guideId && guideMaySee(state, card);
}
