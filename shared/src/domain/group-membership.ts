/**
 * Who sits where in the breakout groups, and how seats change when people move, drop out or
 * swap roles. Why a module of its own: these rules decide who guides, who observes and whose
 * microphone goes off — the reducer, the commands, the media policy and the feedback rules all
 * ask the same questions, so they get the same answers from here.
 * Like every query on the state, they read it as of the last event, so the server records
 * `decideTick`'s events before acting on them.
 */
import { type ExerciseConfig, phasesForRounds, roundsForGroup } from './exercise-config.ts';
import { type RoundRole, type RoundRoles, roleOf } from './rotation.ts';
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

/**
 * Adds someone to a running group. They observe the current round; the rounds still to come
 * are planned again, so a newcomer who has not guided in this exercise gets a guide turn when
 * the group's rounds allow (one per member, or the exercise's fixed number).
 * `guidedAlready` says they guided in their old group, so they do not guide twice.
 */
export function addObserver(
  exercise: ExerciseConfig,
  group: SessionGroup,
  participantId: string,
  fromRound: number,
  guidedAlready = false,
): SessionGroup {
  const memberIds = [...group.memberIds, participantId];
  return {
    ...group,
    memberIds,
    rotation: replanFrom(exercise, group, memberIds, fromRound, guidedAlready ? [participantId] : []),
  };
}

/**
 * Takes someone out of a group. The rounds from `fromRound` on are planned again among those
 * left: whoever has not guided yet gets a turn, nobody guides twice, and the group runs as many
 * rounds as that needs (a group of 3 that drops to 2 runs 2). With fewer than two left, the
 * group keeps its past rounds and stops.
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
  return { ...group, memberIds, rotation: replanFrom(exercise, group, memberIds, fromRound, []) };
}

/**
 * The rotation of a group whose members changed in round `fromRound`: past rounds stay; the
 * current round keeps its guide and advisee if they are still there; then everyone who has not
 * guided (in the planned order, newcomers last) guides once, within the rounds the group may run.
 */
function replanFrom(
  exercise: ExerciseConfig,
  group: SessionGroup,
  memberIds: readonly string[],
  fromRound: number,
  guidedElsewhere: readonly string[],
): RoundRoles[] {
  const past = group.rotation.slice(0, fromRound);
  const guided = new Set([...past.map((r) => r.guideId), ...guidedElsewhere]);
  const current = group.rotation[fromRound];
  const order: string[] = [];
  const consider = (id: string) => {
    if (memberIds.includes(id) && !guided.has(id) && !order.includes(id)) order.push(id);
  };
  if (current) consider(current.guideId);
  for (const r of group.rotation.slice(fromRound + 1)) consider(r.guideId);
  for (const id of memberIds) consider(id);
  // As many rounds as the new size runs, but never fewer than planned while someone still needs a turn.
  const cap = Math.max(roundsForGroup(exercise, memberIds.length), group.rotation.length) - fromRound;
  const count = order.length === 0 ? 0 : Math.max(1, Math.min(order.length, cap));
  const advised = new Set(past.map((r) => r.adviseeId));
  const rounds: RoundRoles[] = [];
  for (let k = 0; k < count; k++) {
    const guideId = order[k] as string;
    const keepCurrent =
      k === 0 && current && current.guideId === guideId && memberIds.includes(current.adviseeId);
    const adviseeId =
      (keepCurrent ? current.adviseeId : undefined) ??
      order[k + 1] ??
      memberIds.find((id) => id !== guideId && !advised.has(id)) ??
      (memberIds.find((id) => id !== guideId) as string);
    advised.add(adviseeId);
    rounds.push({
      guideId,
      adviseeId,
      observerIds: memberIds.filter((id) => id !== guideId && id !== adviseeId),
    });
  }
  return [...past, ...rounds];
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
