/**
 * When a guide may read a card about them. Why a rule of its own: the exercise can hold cards
 * back until the feedback phase of that round is over, so the conversation is not interrupted
 * by reading; the author and the series' facilitators always may.
 */
import type { SessionState } from './session-state.ts';

/** A card's place: which breakouts run, group and round it is about. */
export interface CardPlace {
  breakoutsId: string;
  groupId: string;
  round: number;
}

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
