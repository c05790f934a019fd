/**
 * The live session as a reducer over events: breakouts, groups, roles, timers, presence, help
 * requests, broadcasts, and the private feedback cards and reflection notes.
 * Why: events are the durable facts (persisted, replayed after a restart, broadcast to every
 * tab), so `applySessionEvent` is the only place state changes, and it is pure so the server
 * and every client compute the very same state from the same facts. Commands are checked in
 * session-commands.ts, which turns them into these events.
 * Every event carries `at`, the server time it happened, so replaying is deterministic.
 */
import { z } from 'zod';
import { ExerciseConfig } from './exercise-config.ts';
import { type AppRole, can } from './permissions.ts';
import { AgendaRun, DEFAULT_WEBINAR_PLAN, WebinarPlan } from './plan.ts';
import { type RoundRole, RoundRoles, roleOf } from './rotation.ts';
import {
  advanceIfDue,
  endRound,
  extendTimer,
  pauseTimer,
  resumeTimer,
  skipPhase,
  startTimer,
  type TimerPlan,
  TimerState,
  timerAt,
} from './timers.ts';

/** An id of a participant, group or breakouts run, as the server issued it. */
export const EntityId = z.string().min(1).max(100);
const Id = EntityId;
const At = z.number().int().min(0);
/** A timer command's target: one group by id, or every group at once. */
export const GroupTarget = z.union([z.literal('all'), Id]);
/** A timer command's target. */
export type GroupTarget = z.infer<typeof GroupTarget>;

/** A group as breakouts open: members and the planned roles of each round. */
export const GroupPlan = z.object({ id: Id, memberIds: z.array(Id).min(1), rotation: z.array(RoundRoles) });
/** A group as breakouts open. */
export type GroupPlan = z.infer<typeof GroupPlan>;

/** Text a facilitator broadcasts to every room. */
export const BroadcastText = z.string().trim().min(1).max(500);

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), at: At, ...shape });

/** Everything that can happen in a live session, as facts in the past tense. */
export const SessionEvent = z.discriminatedUnion('type', [
  event('breakouts_opened', { breakoutsId: Id, exercise: ExerciseConfig, groups: z.array(GroupPlan).min(1) }),
  /** Puts a group at the start of a given phase (e.g. to restart the conversation). */
  event('phase_started', {
    target: GroupTarget,
    round: z.number().int().min(0),
    phaseIndex: z.number().int().min(0),
  }),
  event('timer_paused', { target: GroupTarget }),
  event('timer_resumed', { target: GroupTarget }),
  event('timer_extended', {
    target: GroupTarget,
    ms: z
      .number()
      .int()
      .min(-60 * 60_000)
      .max(60 * 60_000),
  }),
  event('phase_skipped', { target: GroupTarget }),
  event('round_ended', { target: GroupTarget }),
  /** Deadlines passed: every running timer moved on to the phase it is now in. */
  event('timers_advanced', {}),
  event('breakouts_closing', { closesAt: At }),
  event('breakouts_closed', {}),
  event('participant_joined', { participantId: Id }),
  event('participant_left', { participantId: Id }),
  event('late_joiner_placed', { participantId: Id, groupId: Id }),
  event('member_moved', { participantId: Id, toGroupId: Id }),
  /** Two members exchange all their roles from `fromRound` on (e.g. the guide is missing). */
  event('roles_swapped', {
    groupId: Id,
    fromRound: z.number().int().min(0),
    participantIds: z.tuple([Id, Id]),
  }),
  event('help_requested', { groupId: Id, participantId: Id }),
  event('help_resolved', { groupId: Id }),
  event('broadcast_sent', { text: BroadcastText }),
  /** The facilitator set the webinar's agenda. */
  event('agenda_planned', { plan: WebinarPlan }),
  /** The live run moved to a segment of the agenda (the first one starts the run). */
  event('segment_started', { index: z.number().int().min(0) }),
  /** The card's shape belongs to the feedback template; the session only routes and hides it. */
  event('feedback_submitted', {
    groupId: Id,
    round: z.number().int().min(0),
    observerId: Id,
    content: z.json(),
  }),
  event('reflection_note_saved', { authorId: Id, text: z.string().max(10_000) }),
]);
/** Everything that can happen in a live session. */
export type SessionEvent = z.infer<typeof SessionEvent>;
/** The `type` of a {@link SessionEvent}. */
export type SessionEventType = SessionEvent['type'];

/** One breakout group live: members, planned roles and its timer. */
export const SessionGroup = GroupPlan.extend({ timer: TimerState });
/** One breakout group live. */
export type SessionGroup = z.infer<typeof SessionGroup>;

/** An open help request from a group. */
export const HelpRequest = z.object({ groupId: Id, participantId: Id, at: At });
/** An open help request from a group. */
export type HelpRequest = z.infer<typeof HelpRequest>;

/** The running breakouts of one exercise. */
export const Breakouts = z.object({
  id: Id,
  status: z.enum(['running', 'closing']),
  startedAt: At,
  closesAt: At.nullable(),
  exercise: ExerciseConfig,
  groups: z.array(SessionGroup),
  helpRequests: z.array(HelpRequest),
});
/** The running breakouts of one exercise. */
export type Breakouts = z.infer<typeof Breakouts>;

/** A submitted observer feedback card: personal data, never in public state. */
export const FeedbackCardRecord = z.object({
  breakoutsId: Id,
  groupId: Id,
  round: z.number().int().min(0),
  observerId: Id,
  guideId: Id,
  content: z.json(),
  at: At,
});
/** A submitted observer feedback card. */
export type FeedbackCardRecord = z.infer<typeof FeedbackCardRecord>;

/** A reflection note: personal data, never in public state. */
export const ReflectionNoteRecord = z.object({ authorId: Id, text: z.string(), at: At });
/** A reflection note. */
export type ReflectionNoteRecord = z.infer<typeof ReflectionNoteRecord>;

/** A broadcast as the rooms show it. */
export const Broadcast = z.object({ text: z.string(), at: At });
/** A broadcast as the rooms show it. */
export type Broadcast = z.infer<typeof Broadcast>;

/** Which observer's card is in, without its contents: what the console's tick marks need. */
export const FeedbackReceipt = z.object({ groupId: Id, round: z.number().int().min(0), observerId: Id });
/** Which observer's card is in. */
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;

/** The agenda and where its live run is (null until the first segment starts). */
export const Agenda = z.object({ plan: WebinarPlan, run: AgendaRun.nullable() });
/** The agenda and where its live run is. */
export type Agenda = z.infer<typeof Agenda>;

const SessionBase = z.object({
  /** Participants connected right now (sorted); a dropout keeps their seat in the group. */
  present: z.array(Id),
  agenda: Agenda,
  breakouts: Breakouts.nullable(),
  /** The latest broadcasts, newest last. */
  broadcasts: z.array(Broadcast),
});

/** The whole session state, private parts included: server only. */
export const SessionState = SessionBase.extend({
  feedbackCards: z.array(FeedbackCardRecord),
  reflectionNotes: z.array(ReflectionNoteRecord),
});
/** The whole session state, private parts included. */
export type SessionState = z.infer<typeof SessionState>;

/** What everyone in the session may see: no feedback contents, no reflection notes. */
export const PublicSessionState = SessionBase.extend({ feedbackIn: z.array(FeedbackReceipt) }).strict();
/** What everyone in the session may see. */
export type PublicSessionState = z.infer<typeof PublicSessionState>;

const MAX_BROADCASTS = 20;

/** A session before anything happened. */
export function emptySessionState(): SessionState {
  return {
    present: [],
    agenda: { plan: DEFAULT_WEBINAR_PLAN, run: null },
    breakouts: null,
    broadcasts: [],
    feedbackCards: [],
    reflectionNotes: [],
  };
}

/** The timer plan of a group: the exercise's phases, once per planned round. */
export function timerPlanOf(exercise: ExerciseConfig, group: Pick<GroupPlan, 'rotation'>): TimerPlan {
  return { phases: exercise.phases, rounds: group.rotation.length };
}

/** The round a group is in at `at` (catching up on passed deadlines); rounds.length once finished. */
export function currentRoundOf(exercise: ExerciseConfig, group: SessionGroup, at: number): number {
  const timer = advanceIfDue(timerPlanOf(exercise, group), group.timer, at);
  return timer.status === 'finished' ? group.rotation.length : timer.round;
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
      };
    case 'phase_started':
      return updateTimers(state, event.target, (plan) =>
        timerAt(plan, event.round, event.phaseIndex, event.at),
      );
    case 'timer_paused':
      return updateTimers(state, event.target, (plan, timer) => pauseTimer(plan, timer, event.at));
    case 'timer_resumed':
      return updateTimers(state, event.target, (plan, timer) =>
        resumeTimer(advanceIfDue(plan, timer, event.at), event.at),
      );
    case 'timer_extended':
      return updateTimers(state, event.target, (plan, timer) => extendTimer(plan, timer, event.ms, event.at));
    case 'phase_skipped':
      return updateTimers(state, event.target, (plan, timer) => skipPhase(plan, timer, event.at));
    case 'round_ended':
      return updateTimers(state, event.target, (plan, timer) => endRound(plan, timer, event.at));
    case 'timers_advanced':
      return updateTimers(state, 'all', (plan, timer) => advanceIfDue(plan, timer, event.at));
    case 'breakouts_closing':
      return updateBreakouts(state, (b) => ({ ...b, status: 'closing', closesAt: event.closesAt }));
    case 'breakouts_closed':
      return { ...state, breakouts: null };
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
            if (group.id === toGroupId) return addObserver(group, event.participantId, round);
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
    case 'feedback_submitted': {
      const b = state.breakouts;
      const guideId = b?.groups.find((g) => g.id === event.groupId)?.rotation[event.round]?.guideId;
      if (!b || !guideId) return state;
      const card: FeedbackCardRecord = {
        breakoutsId: b.id,
        groupId: event.groupId,
        round: event.round,
        observerId: event.observerId,
        guideId,
        content: event.content,
        at: event.at,
      };
      // A resubmitted card replaces the earlier one: an observer may correct their card.
      const others = state.feedbackCards.filter(
        (c) =>
          !(
            c.breakoutsId === b.id &&
            c.groupId === card.groupId &&
            c.round === card.round &&
            c.observerId === card.observerId
          ),
      );
      return { ...state, feedbackCards: [...others, card] };
    }
    case 'reflection_note_saved':
      return {
        ...state,
        reflectionNotes: [
          ...state.reflectionNotes,
          { authorId: event.authorId, text: event.text, at: event.at },
        ],
      };
  }
}

/** Replays events from an empty session, e.g. after a server restart. */
export function replaySession(events: readonly SessionEvent[]): SessionState {
  return events.reduce(applySessionEvent, emptySessionState());
}

/** The state everyone may see: feedback cards reduced to receipts, reflection notes left out. */
export function toPublicState(state: SessionState): PublicSessionState {
  const breakoutsId = state.breakouts?.id;
  return {
    present: state.present,
    agenda: state.agenda,
    breakouts: state.breakouts,
    broadcasts: state.broadcasts,
    feedbackIn: state.feedbackCards
      .filter((card) => card.breakoutsId === breakoutsId)
      .map(({ groupId, round, observerId }) => ({ groupId, round, observerId })),
  };
}

/** The feedback cards a viewer may read: their own, those about them, or all for facilitators. */
export function feedbackCardsVisibleTo(
  state: SessionState,
  viewer: { role: AppRole; id: string },
): FeedbackCardRecord[] {
  if (can(viewer.role, 'feedback:read_all')) return state.feedbackCards;
  return state.feedbackCards.filter((card) => card.observerId === viewer.id || card.guideId === viewer.id);
}

/**
 * Where a participant sits: their group and role in its current round, or null. Like every
 * query here it reads the state as of the last event, so the server records `decideTick`'s
 * events before acting on it.
 */
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

// ---------------------------------------------------------------------------------------------
// Helpers of the reducer.

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

function updateTimers(
  state: SessionState,
  target: GroupTarget,
  update: (plan: TimerPlan, timer: TimerState) => TimerState,
): SessionState {
  return updateBreakouts(state, (b) => ({
    ...b,
    groups: b.groups.map((g) =>
      target === 'all' || g.id === target ? { ...g, timer: update(timerPlanOf(b.exercise, g), g.timer) } : g,
    ),
  }));
}

/** Adds someone as an observer of `fromRound` and every later round. */
function addObserver(group: SessionGroup, participantId: string, fromRound: number): SessionGroup {
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
function removeMember(
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
function swapRoles(group: SessionGroup, fromRound: number, [a, b]: readonly [string, string]): SessionGroup {
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
