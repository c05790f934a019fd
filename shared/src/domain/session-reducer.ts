/**
 * The live session as a reducer over its events.
 * Why: events are the durable facts (persisted, replayed after a restart, broadcast to every
 * tab), so `applySessionEvent` is the only place state changes, and it is pure so the server
 * and every client compute the very same state from the same facts.
 */

import { addObserver, currentRoundOf, removeMember, swapRoles, timerPlanOf } from './group-membership.ts';
import { pairKey } from './groups.ts';
import { lockMicrophones, lowerHand, OPEN_FLOOR, raiseHand } from './plenary-floor.ts';
import type { FeedbackReceipt, GroupTarget, SessionEvent } from './session-events.ts';
import {
  type Breakouts,
  emptySessionState,
  type PublicSessionState,
  type RecentlyClosed,
  type SessionGroup,
  type SessionState,
} from './session-state.ts';
import {
  advanceIfDue,
  endRound,
  extendTimer,
  pauseTimer,
  resumeTimer,
  skipPhase,
  startTimer,
  type TimerPlan,
  type TimerState,
  timerAt,
} from './timers.ts';

const MAX_BROADCASTS = 20;

const sameReceipt = (a: FeedbackReceipt, b: FeedbackReceipt) =>
  a.groupId === b.groupId && a.round === b.round && a.observerId === b.observerId;

/** Whether that observer's card about that group's round is in (for the running breakouts). */
export function hasFeedbackReceipt(state: SessionState, receipt: FeedbackReceipt): boolean {
  return state.feedbackIn.some((r) => sameReceipt(r, receipt));
}

/** What the session keeps of breakouts closing at `at`: places, roles and rounds that started. */
function closedRun(state: SessionState, at: number): RecentlyClosed | null {
  const b = state.breakouts;
  if (!b) return state.recentlyClosed;
  return {
    id: b.id,
    themeId: b.exercise.themeId,
    closedAt: at,
    cardsUntil: at + b.exercise.feedbackGraceSec * 1000,
    groups: b.groups.map((g) => ({
      id: g.id,
      memberIds: g.memberIds,
      rotation: g.rotation,
      roundsStarted: Math.min(g.rotation.length, currentRoundOf(b.exercise, g, at) + 1),
    })),
    // The run's receipts come along, so a card sent before the close is not asked for again.
    feedbackIn: state.feedbackIn,
  };
}

/** The single place session state changes: returns the state after `event`, never mutates. */
export function applySessionEvent(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'agenda_planned': {
      // The running segment stays current where it moved to; if it was removed, the run stays
      // at the same place (inside a shorter plan).
      const run = state.agenda.run;
      if (!run) return { ...state, agenda: { plan: event.plan, run: null } };
      const current = state.agenda.plan.segments[run.currentIndex];
      const moved = event.plan.segments.findIndex(
        (x) => x.title === current?.title && x.kind === current?.kind,
      );
      const currentIndex =
        moved >= 0 ? moved : Math.min(run.currentIndex, Math.max(0, event.plan.segments.length - 1));
      return { ...state, agenda: { plan: event.plan, run: { ...run, currentIndex } } };
    }
    case 'segment_started': {
      const run = state.agenda.run;
      const ending = run && state.agenda.plan.segments[run.currentIndex];
      return {
        ...state,
        agenda: {
          ...state.agenda,
          run: {
            startedAt: run?.startedAt ?? event.at,
            currentIndex: event.index,
            currentStartedAt: event.at,
            done: [
              ...(run?.done ?? []),
              ...(run && ending
                ? [
                    {
                      title: ending.title,
                      plannedMinutes: ending.plannedMinutes,
                      startedAt: run.currentStartedAt,
                      endedAt: event.at,
                    },
                  ]
                : []),
            ],
          },
        },
      };
    }
    case 'breakouts_opened':
      return {
        ...state,
        breakouts: {
          id: event.breakoutsId,
          status: 'running',
          startedAt: event.at,
          closesAt: null,
          exercise: event.exercise,
          groups: event.groups.map((group) => ({
            ...group,
            timer: startTimer(timerPlanOf(event.exercise, group), event.at),
          })),
          helpRequests: [],
        },
        // Receipts count the cards of the running breakouts only.
        feedbackIn: [],
      };
    case 'phase_started':
      return updateTimers(
        state,
        event.target,
        (plan) => timerAt(plan, event.round, event.phaseIndex, event.at),
        event,
      );
    case 'timer_paused':
      return updateTimers(state, event.target, (plan, timer) => pauseTimer(plan, timer, event.at), event);
    case 'timer_resumed':
      return updateTimers(
        state,
        event.target,
        (plan, timer) => resumeTimer(advanceIfDue(plan, timer, event.at), event.at),
        event,
      );
    case 'timer_extended':
      return updateTimers(
        state,
        event.target,
        (plan, timer) => extendTimer(plan, timer, event.ms, event.at),
        event,
      );
    case 'phase_skipped':
      return updateTimers(state, event.target, (plan, timer) => skipPhase(plan, timer, event.at), event);
    case 'round_ended':
      return updateTimers(state, event.target, (plan, timer) => endRound(plan, timer, event.at), event);
    case 'timers_advanced':
      // The passing of time is not a facilitator's change: the last one stays undoable.
      return updateTimers(state, 'all', (plan, timer) => advanceIfDue(plan, timer, event.at), null);
    case 'timers_restored':
      return updateBreakouts(state, (b) => ({
        ...b,
        groups: b.groups.map((g) => {
          const before = event.timers.find((t) => t.groupId === g.id);
          return before ? { ...g, timer: before.timer } : g;
        }),
        undo: undefined,
      }));
    case 'breakouts_closing':
      return updateBreakouts(state, (b) => ({ ...b, status: 'closing', closesAt: event.closesAt }));
    case 'breakouts_closed':
      return { ...state, breakouts: null, feedbackIn: [], recentlyClosed: closedRun(state, event.at) };
    case 'participant_joined':
      return state.present.includes(event.participantId)
        ? state
        : { ...state, present: [...state.present, event.participantId].sort() };
    case 'participant_left':
      return { ...state, present: state.present.filter((id) => id !== event.participantId) };
    case 'late_joiner_placed':
    case 'member_moved': {
      const toGroupId = event.type === 'member_moved' ? event.toGroupId : event.groupId;
      return updateBreakouts(state, (b) => {
        const groups = b.groups
          .map((group) => {
            const round = currentRoundOf(b.exercise, group, event.at);
            if (group.id === toGroupId) {
              // Someone who guided a finished round in their old group does not guide again here.
              const old = b.groups.find((g) => g.memberIds.includes(event.participantId));
              const oldRound = old ? currentRoundOf(b.exercise, old, event.at) : 0;
              const guided = old?.rotation.slice(0, oldRound).some((r) => r.guideId === event.participantId);
              return addObserver(b.exercise, group, event.participantId, round, guided ?? false);
            }
            return group.memberIds.includes(event.participantId)
              ? removeMember(b.exercise, group, event.participantId, round, event.at)
              : group;
          })
          .filter((group) => group.memberIds.length > 0);
        const helpRequests = b.helpRequests.filter((request) => groups.some((g) => g.id === request.groupId));
        return { ...b, groups, helpRequests };
      });
    }
    case 'roles_swapped':
      return updateGroup(state, event.groupId, (group) =>
        swapRoles(group, event.fromRound, event.participantIds),
      );
    case 'help_requested':
      return updateBreakouts(state, (b) =>
        b.helpRequests.some((request) => request.groupId === event.groupId)
          ? b
          : {
              ...b,
              helpRequests: [
                ...b.helpRequests,
                { groupId: event.groupId, participantId: event.participantId, at: event.at },
              ],
            },
      );
    case 'help_resolved':
      return updateBreakouts(state, (b) => ({
        ...b,
        helpRequests: b.helpRequests.filter((request) => request.groupId !== event.groupId),
      }));
    case 'broadcast_sent':
      return {
        ...state,
        broadcasts: [...state.broadcasts, { text: event.text, at: event.at }].slice(-MAX_BROADCASTS),
      };
    case 'hand_raised':
      return { ...state, floor: raiseHand(state.floor ?? OPEN_FLOOR, event.participantId, event.at) };
    case 'hand_lowered':
      return { ...state, floor: lowerHand(state.floor ?? OPEN_FLOOR, event.participantId) };
    case 'microphones_locked':
    case 'microphones_unlocked':
      return {
        ...state,
        floor: lockMicrophones(state.floor ?? OPEN_FLOOR, event.target, event.type === 'microphones_locked'),
      };
    case 'feedback_submitted': {
      const { groupId, round, observerId } = event;
      const closed = state.recentlyClosed;
      if (closed && event.breakoutsId === closed.id) {
        const knownThen = closed.groups.some((g) => g.id === groupId && g.rotation[round]);
        if (!knownThen || closed.feedbackIn.some((r) => sameReceipt(r, event))) return state;
        return {
          ...state,
          recentlyClosed: { ...closed, feedbackIn: [...closed.feedbackIn, { groupId, round, observerId }] },
        };
      }
      if (event.breakoutsId !== undefined && event.breakoutsId !== state.breakouts?.id) return state;
      const known = state.breakouts?.groups.some((g) => g.id === groupId && g.rotation[round]);
      // A receipt counts once however often the card was corrected or its submit retried.
      if (!known || hasFeedbackReceipt(state, event)) return state;
      return { ...state, feedbackIn: [...state.feedbackIn, { groupId, round, observerId }] };
    }
  }
}

/** Replays events from an empty session, e.g. after a server restart. */
export function replaySession(events: readonly SessionEvent[]): SessionState {
  return events.reduce(applySessionEvent, emptySessionState());
}

/** The state everyone may see, copied field by field so nothing unlisted leaks. */
export function toPublicState(state: SessionState): PublicSessionState {
  return {
    present: state.present,
    agenda: state.agenda,
    breakouts: state.breakouts,
    broadcasts: state.broadcasts,
    feedbackIn: state.feedbackIn,
    ...(state.floor ? { floor: state.floor } : {}),
    recentlyClosed: state.recentlyClosed,
  };
}

function updateBreakouts(state: SessionState, update: (b: Breakouts) => Breakouts): SessionState {
  return state.breakouts ? { ...state, breakouts: update(state.breakouts) } : state;
}

function updateGroup(
  state: SessionState,
  groupId: string,
  update: (g: SessionGroup) => SessionGroup,
): SessionState {
  return updateBreakouts(state, (b) => ({
    ...b,
    groups: b.groups.map((g) => (g.id === groupId ? update(g) : g)),
  }));
}

/**
 * Changes the timers of the target groups. A facilitator's change (`change`, its event) also
 * records the timers it replaced, exactly as they were, so `timers_restored` can put them back.
 */
function updateTimers(
  state: SessionState,
  target: GroupTarget,
  update: (plan: TimerPlan, timer: TimerState) => TimerState,
  change: { type: string; at: number } | null,
): SessionState {
  return updateBreakouts(state, (b) => {
    const hit = (g: SessionGroup) => target === 'all' || g.id === target;
    const undo = change
      ? {
          at: change.at,
          action: change.type,
          target,
          before: b.groups.filter(hit).map((g) => ({ groupId: g.id, timer: g.timer })),
        }
      : b.undo;
    return {
      ...b,
      groups: b.groups.map((g) =>
        hit(g) ? { ...g, timer: update(timerPlanOf(b.exercise, g), g.timer) } : g,
      ),
      undo,
    };
  });
}

/** What a series' earlier breakouts tell the next grouping and rotation. */
export interface SeriesHistory {
  /** How often each person guided (rounds that started). */
  guideCounts: Record<string, number>;
  /** How often each pair sat in one group ({@link pairKey}). */
  pairs: Map<string, number>;
}

/**
 * Folds the event logs of a series' webinars into who guided how often and who sat with whom,
 * as each breakouts run stood when it closed (after moves and late joiners), counting only
 * rounds that started. The server feeds this to rotation and grouping.
 */
export function seriesHistory(logs: readonly (readonly SessionEvent[])[]): SeriesHistory {
  const guideCounts: Record<string, number> = {};
  const pairs = new Map<string, number>();
  for (const log of logs) {
    let state = emptySessionState();
    for (const event of log) {
      state = applySessionEvent(state, event);
      if (event.type !== 'breakouts_closed' || state.recentlyClosed?.closedAt !== event.at) continue;
      for (const group of state.recentlyClosed.groups) {
        for (const round of group.rotation.slice(0, group.roundsStarted))
          guideCounts[round.guideId] = (guideCounts[round.guideId] ?? 0) + 1;
        const ids = group.memberIds;
        for (let i = 0; i < ids.length; i++)
          for (let j = i + 1; j < ids.length; j++) {
            const key = pairKey(ids[i] as string, ids[j] as string);
            pairs.set(key, (pairs.get(key) ?? 0) + 1);
          }
      }
    }
  }
  return { guideCounts, pairs };
}
