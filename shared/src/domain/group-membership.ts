/**
 * Who sits where in the breakout groups, and how seats change when people move, drop out or
 * swap roles. Why a module of its own: these rules decide who guides, who observes and whose
 * microphone goes off — the reducer, the commands, the media policy and the feedback rules all
 * ask the same questions, so they get the same answers from here.
 * Like every query on the state, they read it as of the last event, so the server records
 * `decideTick`'s events before acting on them.
 */
import { type ExerciseConfig, phasesForRounds } from './exercise-config.ts';
import { type RoundRole, roleOf } from './rotation.ts';
import type { GroupPlan } from './session-events.ts';
import type { SessionGroup, SessionState } from './session-state.ts';
import { advanceIfDue, type TimerPlan, timerAt } from './timers.ts';

/**
 * The timer plan of a group: the exercise's phases once per planned round, shortened for a group
 * with more rounds than a triad so it ends with the triads. Derived from the rotation's length,
 * so a group whose rounds change while running recomputes the phases still to come.
 */
export function timerPlanOf(exercise: ExerciseConfig, group: Pick<GroupPlan, 'rotation'>): TimerPlan {
  return { phases: phasesForRounds(exercise, group.rotation.length), rounds: group.rotation.length };
}

/** The round a group is in at `at` (catching up on passed deadlines); rounds.length once finished. */
export function currentRoundOf(exercise: ExerciseConfig, group: SessionGroup, at: number): number {
  const timer = advanceIfDue(timerPlanOf(exercise, group), group.timer, at);
  return timer.status === 'finished' ? group.rotation.length : timer.round;
}

/** Where a participant sits: their group and role in its current round, or null. */
export function seatOf(
  state: SessionState,
  participantId: string,
): { groupId: string; round: number; role: RoundRole | null } | null {
  const group = state.breakouts?.groups.find((g) => g.memberIds.includes(participantId));
  if (!group) return null;
  const round = group.timer.round;
  const roles = group.rotation[round];
  return {
    groupId: group.id,
    round,
    role: roles && group.timer.status !== 'finished' ? roleOf(roles, participantId) : null,
  };
}

/**
 * The theme and guide of a card's place in the running breakouts or in the ones that closed
 * last (whose cards may still come in), or undefined if the session knows no such place.
 */
export function cardPlaceOf(
  state: SessionState,
  place: { breakoutsId: string; groupId: string; round: number },
): { themeId: string; guideId: string } | undefined {
  const b = state.breakouts;
  const run =
    b?.id === place.breakoutsId
      ? { themeId: b.exercise.themeId, groups: b.groups }
      : state.recentlyClosed?.id === place.breakoutsId
        ? state.recentlyClosed
        : undefined;
  const guideId = run?.groups.find((g) => g.id === place.groupId)?.rotation[place.round]?.guideId;
  return run && guideId ? { themeId: run.themeId, guideId } : undefined;
}

/** The guide of a group's round in the running breakouts, or undefined if there is none. */
export function guideOf(state: SessionState, groupId: string, round: number): string | undefined {
  return state.breakouts?.groups.find((g) => g.id === groupId)?.rotation[round]?.guideId;
}

/**
 * Whether a participant's microphone and camera should be off: only when the exercise says so,
 * they observe this round and the group is in its conversation phase (on again for feedback).
 */
export function observerMuted(state: SessionState, participantId: string): boolean {
  const b = state.breakouts;
  const seat = seatOf(state, participantId);
  if (!b?.exercise.muteObserversDuringConversation || seat?.role !== 'observer') return false;
  const group = b.groups.find((g) => g.id === seat.groupId);
  return (
    group?.timer.status !== 'finished' &&
    b.exercise.phases[group?.timer.phaseIndex ?? -1]?.kind === 'conversation'
  );
}

/** Adds someone as an observer of `fromRound` and every later round. */
export function addObserver(group: SessionGroup, participantId: string, fromRound: number): SessionGroup {
  return {
    ...group,
    memberIds: [...group.memberIds, participantId],
    rotation: group.rotation.map((r, i) =>
      i < fromRound ? r : { ...r, observerIds: [...r.observerIds, participantId] },
    ),
  };
}

/**
 * Takes someone out of a group. In rounds from `fromRound` on, a role they held passes to the
 * observer who has held that role least in this exercise. With fewer than two left, the group
 * keeps its past rounds and stops.
 */
export function removeMember(
  exercise: ExerciseConfig,
  group: SessionGroup,
  participantId: string,
  fromRound: number,
  at: number,
): SessionGroup {
  const memberIds = group.memberIds.filter((id) => id !== participantId);
  if (memberIds.length < 2) {
    const rotation = group.rotation.slice(0, fromRound);
    return {
      ...group,
      memberIds,
      rotation,
      timer: timerAt({ phases: exercise.phases, rounds: 0 }, 0, 0, at),
    };
  }
  const rotation = group.rotation.map((r) => ({ ...r }));
  const timesIn = (role: 'guideId' | 'adviseeId', id: string) =>
    rotation.filter((r) => r[role] === id).length;
  for (const r of rotation.slice(fromRound)) {
    r.observerIds = r.observerIds.filter((id) => id !== participantId);
    for (const role of ['guideId', 'adviseeId'] as const) {
      if (r[role] !== participantId) continue;
      const stepIn = [...r.observerIds].sort((a, b) => timesIn(role, a) - timesIn(role, b))[0];
      if (stepIn === undefined) continue; // cannot happen with two or more left; keeps types honest
      r[role] = stepIn;
      r.observerIds = r.observerIds.filter((id) => id !== stepIn);
    }
  }
  return { ...group, memberIds, rotation };
}

/** Exchanges two members' roles in `fromRound` and every later round. */
export function swapRoles(
  group: SessionGroup,
  fromRound: number,
  [a, b]: readonly [string, string],
): SessionGroup {
  const swap = (id: string) => (id === a ? b : id === b ? a : id);
  return {
    ...group,
    rotation: group.rotation.map((r, i) =>
      i < fromRound
        ? r
        : { guideId: swap(r.guideId), adviseeId: swap(r.adviseeId), observerIds: r.observerIds.map(swap) },
    ),
  };
}
