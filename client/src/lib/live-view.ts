/**
 * What the console and the breakout view show about a group at a moment: its timer caught up
 * with passed deadlines, the round's roles, time left, feedback receipts.
 * Why: every tab computes this from the same absolute deadlines and its own clock offset, so a
 * phase ends at the same instant everywhere even before the server's tick arrives.
 */
import {
  advanceIfDue,
  type Breakouts,
  closingTimeLeft,
  type PhaseKind,
  type PublicSessionState,
  participantOfIdentity,
  type RoundRole,
  type RoundRoles,
  roleOf,
  type SessionGroup,
  type TimerState,
  timeLeft,
  timerPlanOf,
} from '@rundgang/shared';

/** A group as it stands at `now`. */
export interface GroupView {
  id: string;
  memberIds: string[];
  timer: TimerState;
  round: number;
  rounds: number;
  phaseIndex: number;
  phaseKind: PhaseKind | null;
  finished: boolean;
  paused: boolean;
  timeLeftMs: number;
  roles: RoundRoles | null;
  feedbackIn: number;
  feedbackExpected: number;
  helpRequested: boolean;
}

/** The group's state at server time `now`. */
export function groupView(
  state: PublicSessionState,
  breakouts: Breakouts,
  group: SessionGroup,
  now: number,
): GroupView {
  const timer = advanceIfDue(timerPlanOf(breakouts.exercise, group), group.timer, now);
  const finished = timer.status === 'finished';
  const roles = finished ? null : (group.rotation[timer.round] ?? null);
  const observers = roles?.observerIds ?? [];
  const feedbackIn = state.feedbackIn.filter(
    (r) => r.groupId === group.id && r.round === timer.round && observers.includes(r.observerId),
  ).length;
  return {
    id: group.id,
    memberIds: group.memberIds,
    timer,
    round: timer.round,
    rounds: group.rotation.length,
    phaseIndex: timer.phaseIndex,
    phaseKind: finished ? null : (breakouts.exercise.phases[timer.phaseIndex]?.kind ?? null),
    finished,
    paused: timer.status === 'paused',
    timeLeftMs: timeLeft(timer, now),
    roles,
    feedbackIn,
    feedbackExpected: observers.length,
    helpRequested: breakouts.helpRequests.some((h) => h.groupId === group.id),
  };
}

/** A participant's seat at `now`: their group and role, or null when not in a group. */
export function seatView(
  state: PublicSessionState,
  participantId: string,
  now: number,
): { group: GroupView; role: RoundRole | null } | null {
  const b = state.breakouts;
  const group = b?.groups.find((g) => g.memberIds.includes(participantId));
  if (!b || !group) return null;
  const view = groupView(state, b, group, now);
  return { group: view, role: view.roles ? roleOf(view.roles, participantId) : null };
}

/** Time left of the closing countdown, or null when breakouts are not closing. */
export function closingLeftMs(state: PublicSessionState | null, now: number): number | null {
  const b = state?.breakouts;
  if (b?.status !== 'closing' || b.closesAt === null) return null;
  return closingTimeLeft(b.closesAt, now);
}

/** `m:ss`, rounding up so "0:00" shows only when the time is really up. */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

/** Whole minutes left, rounded up: what the polite screen-reader announcement says. */
export function minutesLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 60_000));
}

/** The participant id inside a LiveKit identity (`p:<id>`), or null for facilitators. */
export const participantIdOf = (identity: string | null): string | null => participantOfIdentity(identity);
