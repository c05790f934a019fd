/**
 * Commands on the live session: each `decide*` checks a request against the current state and
 * answers with the events to record, or a typed rejection.
 * Why: the server persists and broadcasts only facts that passed these checks, then applies
 * them with `applySessionEvent`; a refused command changes nothing, so there is never a
 * half-applied change. Only the server runs them; the client shows controls by `can` alone.
 * Who may send which command is permissions.ts's business, not this file's.
 */
import { z } from 'zod';
import { type Ack, fail, ok } from '../protocol.ts';
import { ExerciseConfig, roundsForGroup } from './exercise-config.ts';
import { currentRoundOf, seatOf, timerPlanOf } from './group-membership.ts';
import { WebinarPlan } from './plan.ts';
import { planRotation, roleOf } from './rotation.ts';
import {
  BroadcastText,
  GroupTarget,
  EntityId as Id,
  type SessionEvent,
  TimerExtensionMs,
} from './session-events.ts';
import { hasFeedbackReceipt } from './session-reducer.ts';
import { type SessionGroup, type SessionState, UNDO_WINDOW_MS } from './session-state.ts';
import { advanceIfDue } from './timers.ts';

/** What a command answers: the events to record and broadcast, or why it was refused. */
export type Decision = Ack<SessionEvent[]>;

/** Payload of `breakouts:open`: the groups as the console shows them, ids drawn by the server. */
export const OpenBreakoutsCommand = z.object({
  breakoutsId: Id,
  exercise: ExerciseConfig,
  groups: z.array(z.object({ id: Id, memberIds: z.array(Id).min(1) })).min(1),
  /** How often each member has guided earlier in the series, so they can go last this time. */
  guideCountsInSeries: z.record(Id, z.number().int().min(0)).default({}),
});
/** Payload of `breakouts:open`. */
export type OpenBreakoutsCommand = z.input<typeof OpenBreakoutsCommand>;

/** Opens breakouts: plans every group's rotation and starts all timers at `now`. */
export function decideOpenBreakouts(
  state: SessionState,
  command: OpenBreakoutsCommand,
  now: number,
): Decision {
  if (state.breakouts) return fail('conflict', 'breakouts are already open');
  const parsed = OpenBreakoutsCommand.safeParse(command);
  if (!parsed.success) return fail('bad_request', parsed.error.issues[0]?.message ?? 'invalid command');
  const { breakoutsId, exercise, groups, guideCountsInSeries } = parsed.data;
  const groupIds = new Set(groups.map((g) => g.id));
  if (groupIds.size !== groups.length || groupIds.has('all'))
    return fail('bad_request', 'group ids must be unique');
  const memberIds = groups.flatMap((g) => g.memberIds);
  if (new Set(memberIds).size !== memberIds.length)
    return fail('bad_request', 'a member is in more than one group');
  const planned = groups.map((group) => ({
    ...group,
    rotation: planRotation(
      group.memberIds,
      roundsForGroup(exercise, group.memberIds.length),
      guideCountsInSeries,
    ),
  }));
  return ok([{ type: 'breakouts_opened', at: now, breakoutsId, exercise, groups: planned }]);
}

/** Payload of `timer:control`, for one group or all. */
export const TimerCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause'), target: GroupTarget }),
  z.object({ action: z.literal('resume'), target: GroupTarget }),
  z.object({
    action: z.literal('extend'),
    target: GroupTarget,
    ms: TimerExtensionMs,
  }),
  z.object({ action: z.literal('skip_phase'), target: GroupTarget }),
  z.object({ action: z.literal('end_round'), target: GroupTarget }),
  z.object({
    action: z.literal('start_phase'),
    target: GroupTarget,
    round: z.number().int().min(0),
    phaseIndex: z.number().int().min(0),
  }),
]);
/** Payload of `timer:control`. */
export type TimerCommand = z.infer<typeof TimerCommand>;

/** Pause, resume, extend, skip a phase, end a round or jump to a phase, for one group or all. */
export function decideTimer(state: SessionState, command: TimerCommand, now: number): Decision {
  const b = state.breakouts;
  if (!b) return fail('conflict', 'breakouts are not open');
  if (command.target !== 'all' && !b.groups.some((g) => g.id === command.target)) {
    return fail('not_found', `no group ${command.target}`);
  }
  const target = command.target;
  switch (command.action) {
    case 'pause':
      return ok([{ type: 'timer_paused', at: now, target }]);
    case 'resume':
      return ok([{ type: 'timer_resumed', at: now, target }]);
    case 'extend':
      return ok([{ type: 'timer_extended', at: now, target, ms: command.ms }]);
    case 'skip_phase':
      return ok([{ type: 'phase_skipped', at: now, target }]);
    case 'end_round':
      return ok([{ type: 'round_ended', at: now, target }]);
    case 'start_phase': {
      const { round, phaseIndex } = command;
      if (phaseIndex >= b.exercise.phases.length) return fail('bad_request', `no phase ${phaseIndex}`);
      const targets = target === 'all' ? b.groups : b.groups.filter((g) => g.id === target);
      if (targets.some((g) => round >= g.rotation.length)) return fail('bad_request', `no round ${round}`);
      return ok([{ type: 'phase_started', at: now, target, round, phaseIndex }]);
    }
  }
}

/** Payload of `timer:undo`: the change to undo, by its time (`undo.at` as the console saw it). */
export const UndoTimerCommand = z.object({ at: z.number().int().min(0) });
/** Payload of `timer:undo`. */
export type UndoTimerCommand = z.infer<typeof UndoTimerCommand>;

/**
 * Undoes the last timer change within {@link UNDO_WINDOW_MS}: the groups it touched get their
 * timers back exactly as they were. Naming the change by its time means a stale "Angre" never
 * undoes a newer change someone else made in between.
 */
export function decideUndoTimer(state: SessionState, command: UndoTimerCommand, now: number): Decision {
  const undo = state.breakouts?.undo;
  if (!state.breakouts) return fail('conflict', 'breakouts are not open');
  if (!undo || undo.at !== command.at) return fail('conflict', 'this change can no longer be undone');
  if (now - undo.at > UNDO_WINDOW_MS) return fail('conflict', 'too late to undo this change');
  const groupIds = new Set(state.breakouts.groups.map((g) => g.id));
  const timers = undo.before.filter((t) => groupIds.has(t.groupId));
  return ok([{ type: 'timers_restored', at: now, undoneAt: undo.at, timers }]);
}

/**
 * What the passing of time makes true at `now`: timers that passed a deadline move on, and a
 * finished closing countdown closes the breakouts. The server calls this on a tick; nothing
 * happens when nothing is due.
 */
export function decideTick(state: SessionState, now: number): SessionEvent[] {
  const b = state.breakouts;
  if (!b) return [];
  const events: SessionEvent[] = [];
  const due = b.groups.some((g) => advanceIfDue(timerPlanOf(b.exercise, g), g.timer, now) !== g.timer);
  if (due) events.push({ type: 'timers_advanced', at: now });
  if (b.closesAt !== null && b.closesAt <= now) events.push({ type: 'breakouts_closed', at: now });
  return events;
}

/** Starts the closing countdown (exercise's `closingCountdownSec`), or closes at once. */
export function decideCloseBreakouts(
  state: SessionState,
  now: number,
  options: { immediately?: boolean } = {},
): Decision {
  const b = state.breakouts;
  if (!b) return fail('conflict', 'breakouts are not open');
  if (options.immediately) return ok([{ type: 'breakouts_closed', at: now }]);
  if (b.status === 'closing') return fail('conflict', 'breakouts are already closing');
  return ok([{ type: 'breakouts_closing', at: now, closesAt: now + b.exercise.closingCountdownSec * 1000 }]);
}

/**
 * A participant connects. A dropout coming back finds their seat (nothing to place); someone
 * without a seat while breakouts run goes to the smallest group, as an observer, so no planned
 * role changes hands.
 */
export function decideJoin(state: SessionState, participantId: string, now: number): Decision {
  const events: SessionEvent[] = [];
  if (!state.present.includes(participantId))
    events.push({ type: 'participant_joined', at: now, participantId });
  const b = state.breakouts;
  if (b?.status === 'running' && !seatOf(state, participantId)) {
    const smallest = b.groups.reduce<SessionGroup | undefined>(
      (best, g) => (!best || g.memberIds.length < best.memberIds.length ? g : best),
      undefined,
    );
    if (smallest) events.push({ type: 'late_joiner_placed', at: now, participantId, groupId: smallest.id });
  }
  return ok(events);
}

/** A participant disconnects; their seat and roles stay for when they come back. */
export function decideLeave(state: SessionState, participantId: string, now: number): Decision {
  return ok(
    state.present.includes(participantId) ? [{ type: 'participant_left', at: now, participantId }] : [],
  );
}

/** Payload of `group:move_member`. */
export const MoveMemberCommand = z.object({ participantId: Id, toGroupId: Id });
/** Payload of `group:move_member`. */
export type MoveMemberCommand = z.infer<typeof MoveMemberCommand>;

/**
 * Moves a person to another group, where they observe for the remaining rounds. Roles they
 * held in the old group pass to an observer there; a group left with one person stops rotating,
 * and an empty group disappears.
 */
export function decideMoveMember(state: SessionState, command: MoveMemberCommand, now: number): Decision {
  const b = state.breakouts;
  if (!b) return fail('conflict', 'breakouts are not open');
  const target = b.groups.find((g) => g.id === command.toGroupId);
  if (!target) return fail('not_found', `no group ${command.toGroupId}`);
  if (target.memberIds.includes(command.participantId)) return ok([]);
  return ok([{ type: 'member_moved', at: now, ...command }]);
}

/** Payload of `roles:swap`. */
export const SwapRolesCommand = z.object({ groupId: Id, participantIds: z.tuple([Id, Id]) });
/** Payload of `roles:swap`. */
export type SwapRolesCommand = z.infer<typeof SwapRolesCommand>;

/** Two members of a group exchange all their roles from the current round on. */
export function decideSwapRoles(state: SessionState, command: SwapRolesCommand, now: number): Decision {
  const b = state.breakouts;
  if (!b) return fail('conflict', 'breakouts are not open');
  const group = b.groups.find((g) => g.id === command.groupId);
  if (!group) return fail('not_found', `no group ${command.groupId}`);
  const [a, c] = command.participantIds;
  if (a === c || !group.memberIds.includes(a) || !group.memberIds.includes(c)) {
    return fail('bad_request', 'swap needs two different members of the group');
  }
  const fromRound = currentRoundOf(b.exercise, group, now);
  if (fromRound >= group.rotation.length) return fail('conflict', 'the group has finished its rounds');
  return ok([{ type: 'roles_swapped', at: now, groupId: group.id, fromRound, participantIds: [a, c] }]);
}

/** A participant asks the facilitators for help; asking again while one is open changes nothing. */
export function decideRequestHelp(state: SessionState, participantId: string, now: number): Decision {
  const seat = seatOf(state, participantId);
  if (!seat) return fail('conflict', 'you are not in a breakout group');
  if (state.breakouts?.helpRequests.some((r) => r.groupId === seat.groupId)) return ok([]);
  return ok([{ type: 'help_requested', at: now, groupId: seat.groupId, participantId }]);
}

/** A facilitator marks a group's help request as handled. */
export function decideResolveHelp(state: SessionState, groupId: string, now: number): Decision {
  const open = state.breakouts?.helpRequests.some((r) => r.groupId === groupId) ?? false;
  return ok(open ? [{ type: 'help_resolved', at: now, groupId }] : []);
}

/** A facilitator sends a message to every room. */
export function decideBroadcast(_state: SessionState, text: string, now: number): Decision {
  const parsed = BroadcastText.safeParse(text);
  if (!parsed.success) return fail('bad_request', 'a broadcast needs 1 to 500 characters');
  return ok([{ type: 'broadcast_sent', at: now, text: parsed.data }]);
}

/** What the session checks of a card before it is stored: its place, not its contents. */
export const SubmitFeedbackCommand = z.object({
  breakoutsId: Id,
  groupId: Id,
  round: z.number().int().min(0),
});
/** What the session checks of a card before it is stored. */
export type SubmitFeedbackCommand = z.infer<typeof SubmitFeedbackCommand>;

/**
 * An observer submits (or corrects) their card about this or an earlier round's guide. The
 * answer is the content-free receipt, or no event when the receipt is in already (a correction
 * or a retry); the caller stores the card itself in the same transaction as these events, so a
 * receipt in the state means the card is stored.
 */
export function decideSubmitFeedback(
  state: SessionState,
  observerId: string,
  command: SubmitFeedbackCommand,
  now: number,
): Decision {
  const b = state.breakouts;
  if (!b || b.id !== command.breakoutsId) return decideLateFeedback(state, observerId, command, now);
  const group = b.groups.find((g) => g.id === command.groupId);
  const roles = group?.rotation[command.round];
  if (!group || !roles) return fail('not_found', 'No such group or round');
  if (roleOf(roles, observerId) !== 'observer')
    return fail('forbidden', 'only this round’s observers give feedback');
  const currentRound = currentRoundOf(b.exercise, group, now);
  if (command.round > currentRound) return fail('conflict', 'this round has not started');
  const receipt = { groupId: command.groupId, round: command.round, observerId };
  if (!hasFeedbackReceipt(state, receipt))
    return ok([{ type: 'feedback_submitted', at: now, breakoutsId: b.id, ...receipt }]);
  // An observer may correct their card while the round is on, not once it is over.
  if (command.round < currentRound)
    return fail('conflict', 'The round has ended; the card can no longer be changed');
  return ok([]);
}

/**
 * A card for breakouts that closed: accepted within the exercise's grace period if it is the
 * first card of that observer for a round that had started, so nobody loses a card to the
 * closing countdown; a card already in stays as it was sent.
 */
function decideLateFeedback(
  state: SessionState,
  observerId: string,
  command: SubmitFeedbackCommand,
  now: number,
): Decision {
  const closed = state.recentlyClosed;
  if (!closed || closed.id !== command.breakoutsId || now > closed.cardsUntil)
    return fail('conflict', 'These breakouts have ended; the card can no longer be changed');
  const group = closed.groups.find((g) => g.id === command.groupId);
  const roles = group?.rotation[command.round];
  if (!group || !roles) return fail('not_found', 'No such group or round');
  if (roleOf(roles, observerId) !== 'observer')
    return fail('forbidden', 'only this round’s observers give feedback');
  if (command.round >= group.roundsStarted) return fail('conflict', 'this round never started');
  const receipt = { groupId: command.groupId, round: command.round, observerId };
  const sameReceipt = (r: typeof receipt) =>
    r.groupId === receipt.groupId && r.round === receipt.round && r.observerId === receipt.observerId;
  if (closed.feedbackIn.some(sameReceipt))
    return fail('conflict', 'The round has ended; the card can no longer be changed');
  return ok([{ type: 'feedback_submitted', at: now, breakoutsId: closed.id, ...receipt }]);
}

/** A suggested fix when a round is about to start without its guide or advisee. */
export interface RoleSwapSuggestion {
  role: 'guide' | 'advisee';
  missingId: string;
  /** A present observer to swap with (as `roles_swapped`), or null if nobody can step in. */
  replacementId: string | null;
}

/**
 * Checks the group's current round: for a missing guide or advisee, suggests swapping roles
 * with a present observer — the one whose own turn comes latest, so the absent person has the
 * most time to come back and take it over.
 */
export function missingRoleAlert(
  state: SessionState,
  groupId: string,
  presentIds: readonly string[],
): RoleSwapSuggestion[] {
  const group = state.breakouts?.groups.find((g) => g.id === groupId);
  if (!group || group.timer.status === 'finished') return [];
  const round = group.timer.round;
  const roles = group.rotation[round];
  if (!roles) return [];
  const present = new Set(presentIds);
  const nextTurn = (id: string) => {
    const later = group.rotation.findIndex((r, i) => i > round && (r.guideId === id || r.adviseeId === id));
    return later < 0 ? Number.POSITIVE_INFINITY : later;
  };
  const candidates = roles.observerIds
    .filter((id) => present.has(id))
    .map((id, order) => ({ id, order, turn: nextTurn(id) }))
    .sort((a, b) => b.turn - a.turn || a.order - b.order);
  const suggestions: RoleSwapSuggestion[] = [];
  for (const [role, missingId] of [
    ['guide', roles.guideId],
    ['advisee', roles.adviseeId],
  ] as const) {
    if (present.has(missingId)) continue;
    suggestions.push({ role, missingId, replacementId: candidates.shift()?.id ?? null });
  }
  return suggestions;
}

/** Sets the agenda (a facilitator's edit of the plan). */
export function decideSetPlan(_state: SessionState, plan: WebinarPlan, now: number): Decision {
  const parsed = WebinarPlan.safeParse(plan);
  if (!parsed.success) return fail('bad_request', parsed.error.issues[0]?.message ?? 'invalid plan');
  if (parsed.data.segments.length === 0) return fail('bad_request', 'a plan needs at least one segment');
  return ok([{ type: 'agenda_planned', at: now, plan: parsed.data }]);
}

/** Moves the live run to a segment of the agenda; starting the current one again changes nothing. */
export function decideStartSegment(state: SessionState, index: number, now: number): Decision {
  if (!state.agenda.plan.segments[index]) return fail('not_found', `no segment ${index}`);
  if (state.agenda.run?.currentIndex === index) return ok([]);
  return ok([{ type: 'segment_started', at: now, index }]);
}

/** A participant raises a hand in the plenary; a hand already up keeps its place. */
export function decideRaiseHand(state: SessionState, participantId: string, now: number): Decision {
  if (state.floor?.hands.some((h) => h.participantId === participantId)) return ok([]);
  return ok([{ type: 'hand_raised', at: now, participantId }]);
}

/** A hand goes down: its owner's, or any by a facilitator (who gave the word or cleared it). */
export function decideLowerHand(state: SessionState, participantId: string, now: number): Decision {
  const up = state.floor?.hands.some((h) => h.participantId === participantId) ?? false;
  return ok(up ? [{ type: 'hand_lowered', at: now, participantId }] : []);
}

/** Payload of `floor:microphones`: lock or unlock the plenary microphone of one participant or all. */
export const MicrophonesCommand = z.object({ target: GroupTarget, locked: z.boolean() });
/** Payload of `floor:microphones`. */
export type MicrophonesCommand = z.infer<typeof MicrophonesCommand>;

/** Facilitators lock or unlock plenary microphones; giving someone the word also lowers their hand. */
export function decideMicrophones(state: SessionState, command: MicrophonesCommand, now: number): Decision {
  const { target, locked } = command;
  const events: SessionEvent[] = [
    { type: locked ? 'microphones_locked' : 'microphones_unlocked', at: now, target },
  ];
  if (!locked && target !== 'all' && state.floor?.hands.some((h) => h.participantId === target))
    events.push({ type: 'hand_lowered', at: now, participantId: target });
  return ok(events);
}
