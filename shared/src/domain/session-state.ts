/**
 * The shape of a live session: breakouts, groups, timers, presence, help requests, broadcasts,
 * the agenda and which feedback cards are in. session-reducer.ts is the only place it changes.
 * Why nothing private lives here: feedback cards (personal data) live in the feedback_cards
 * table and the session only holds content-free receipts, so the state can be sent to every tab;
 * `toPublicState` still copies field by field, so anything added later is private until listed.
 */
import { z } from 'zod';
import { ExerciseConfig } from './exercise-config.ts';
import { AgendaRun, DEFAULT_WEBINAR_PLAN, WebinarPlan } from './plan.ts';
import { PlenaryFloor } from './plenary-floor.ts';
import { EntityId, FeedbackReceipt, GroupPlan, GroupTarget, GroupTimer } from './session-events.ts';
import { TimerState } from './timers.ts';

const Id = EntityId;
const At = z.number().int().min(0);

/** One breakout group live: members, planned roles and its timer. */
export const SessionGroup = GroupPlan.extend({ timer: TimerState });
/** One breakout group live. */
export type SessionGroup = z.infer<typeof SessionGroup>;

/** An open help request from a group. */
export const HelpRequest = z.object({ groupId: Id, participantId: Id, at: At });
/** An open help request from a group. */
export type HelpRequest = z.infer<typeof HelpRequest>;

/**
 * The last timer change a facilitator made, with the timers it replaced, so it can be undone
 * for {@link UNDO_WINDOW_MS}. `action` is the event type of the change (what the toast says).
 */
export const TimerUndo = z.object({
  at: At,
  action: z.string(),
  target: GroupTarget,
  before: z.array(GroupTimer),
});
/** The last timer change a facilitator made, with the timers it replaced. */
export type TimerUndo = z.infer<typeof TimerUndo>;

/** How long a timer change can be undone: long enough to notice a stray click, short enough to stay obvious. */
export const UNDO_WINDOW_MS = 10_000;

/** The running breakouts of one exercise. */
export const Breakouts = z.object({
  id: Id,
  status: z.enum(['running', 'closing']),
  startedAt: At,
  closesAt: At.nullable(),
  exercise: ExerciseConfig,
  groups: z.array(SessionGroup),
  helpRequests: z.array(HelpRequest),
  /** The last timer change that may still be undone (absent when there is none). */
  undo: TimerUndo.optional(),
});
/** The running breakouts of one exercise. */
export type Breakouts = z.infer<typeof Breakouts>;

/**
 * The breakouts that closed last, kept so cards for them are still accepted for the exercise's
 * grace period (`feedbackGraceSec`): an observer who was mid-sentence when the countdown ended
 * finishes in the plenary instead of losing the card. Only places and roles, as during the run.
 */
export const RecentlyClosed = z.object({
  id: Id,
  themeId: z.string(),
  closedAt: At,
  /** Cards are accepted until this server time. */
  cardsUntil: At,
  groups: z.array(GroupPlan.extend({ roundsStarted: z.number().int().min(0) })),
  /** Receipts of the run's cards, including those that came in after the close. */
  feedbackIn: z.array(FeedbackReceipt),
});
/** The breakouts that closed last, while their cards may still come in. */
export type RecentlyClosed = z.infer<typeof RecentlyClosed>;

/** A broadcast as the rooms show it. */
export const Broadcast = z.object({ text: z.string(), at: At });
/** A broadcast as the rooms show it. */
export type Broadcast = z.infer<typeof Broadcast>;

/** The agenda and where its live run is (null until the first segment starts). */
export const Agenda = z.object({ plan: WebinarPlan, run: AgendaRun.nullable() });
/** The agenda and where its live run is. */
export type Agenda = z.infer<typeof Agenda>;

/** The whole session state, as the server folds it from the event log. */
export const SessionState = z.object({
  /** Participants connected right now (sorted); a dropout keeps their seat in the group. */
  present: z.array(Id),
  agenda: Agenda,
  breakouts: Breakouts.nullable(),
  /** The latest broadcasts, newest last. */
  broadcasts: z.array(Broadcast),
  /** Receipts of the cards in for the running breakouts (empty when none run). */
  feedbackIn: z.array(FeedbackReceipt),
  /** Raised hands and locked microphones in the plenary (absent = nobody waits, all free). */
  floor: PlenaryFloor.optional(),
  /** The last closed breakouts, while their feedback grace period may still run (else null). */
  recentlyClosed: RecentlyClosed.nullable().default(null),
});
/** The whole session state. */
export type SessionState = z.infer<typeof SessionState>;

/** What everyone in the session may see: exactly these fields, so a stray extra one fails. */
export const PublicSessionState = SessionState.strict();
/** What everyone in the session may see. */
export type PublicSessionState = z.infer<typeof PublicSessionState>;

/** A session before anything happened. */
export function emptySessionState(): SessionState {
  return {
    present: [],
    agenda: { plan: DEFAULT_WEBINAR_PLAN, run: null },
    breakouts: null,
    broadcasts: [],
    feedbackIn: [],
    recentlyClosed: null,
  };
}
