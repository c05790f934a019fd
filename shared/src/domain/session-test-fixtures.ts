/**
 * Fixtures shared by the session tests: a cohort of seven in two groups (3 and 4) with the
 * seed programme's round of prep 2, conversation 15, feedback 7, reflection 3 minutes (27), so
 * the triad's three rounds last 81 minutes and the group of 4's four rounds are shortened to
 * 20:15 each (prep 1:30, conversation 11:15, feedback 5:15, reflection 2:15).
 * Test-only; not exported from the package.
 */
import { ExerciseConfig } from './exercise-config.ts';
import { type Decision, decideJoin, decideOpenBreakouts } from './session-commands.ts';
import type { SessionEvent } from './session-events.ts';
import { applySessionEvent } from './session-reducer.ts';
import { emptySessionState, type SessionGroup, type SessionState } from './session-state.ts';

export const S = 1000;
export const MIN = 60 * S;
export const T0 = Date.UTC(2026, 0, 15, 10, 0);
/** Server time `minutes` after breakouts opened. */
export const at = (minutes: number) => T0 + minutes * MIN;

export const exercise = ExerciseConfig.parse({
  themeId: 'structure',
  seed: 1,
  muteObserversDuringConversation: true,
  phases: [
    { kind: 'preparation', durationSec: 2 * 60 },
    { kind: 'conversation', durationSec: 15 * 60 },
    { kind: 'feedback', durationSec: 7 * 60 },
    { kind: 'reflection', durationSec: 3 * 60 },
  ],
});
export const groups = [
  { id: 'g1', memberIds: ['a', 'b', 'c'] },
  { id: 'g2', memberIds: ['d', 'e', 'f', 'h'] },
];

/** Applies a decision's events, failing the test if it was refused. */
export function run(state: SessionState, decision: Decision): SessionState {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code} ${decision.error.message}`);
  return decision.data.reduce(applySessionEvent, state);
}

/** The error code of a refused decision, null if accepted. */
export function codeOf(decision: Decision): string | null {
  return decision.ok ? null : decision.error.code;
}

/** The events of everyone joining, then breakouts opening at T0. */
export function openedEvents(): SessionEvent[] {
  const events: SessionEvent[] = [];
  let state = emptySessionState();
  const record = (decision: Decision) => {
    if (!decision.ok) throw new Error(decision.error.message);
    events.push(...decision.data);
    state = decision.data.reduce(applySessionEvent, state);
  };
  for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'h']) record(decideJoin(state, id, at(-1)));
  record(decideOpenBreakouts(state, { breakoutsId: 'x1', exercise, groups }, at(0)));
  return events;
}

/** The session right after breakouts opened at T0. */
export function opened(): SessionState {
  return openedEvents().reduce(applySessionEvent, emptySessionState());
}

/** A group of the state by id, failing the test if absent. */
export function group(state: SessionState, id: string): SessionGroup {
  const found = state.breakouts?.groups.find((g) => g.id === id);
  if (!found) throw new Error(`no group ${id}`);
  return found;
}
