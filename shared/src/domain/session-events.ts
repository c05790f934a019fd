/**
 * Everything that can happen in a live session, as facts in the past tense: the durable record
 * the server persists, replays after a restart and broadcasts as state. Commands are checked in
 * session-commands.ts, which turns them into these events; session-reducer.ts applies them.
 * Every event carries `at`, the server time it happened, so replaying is deterministic.
 * Why a schema of its own: the event log outlives the code that wrote it, so this is the one
 * place that decides which old rows still load (see `feedback_submitted`).
 */
import { z } from 'zod';
import { safeText } from '../safe-text.ts';
import { ExerciseConfig } from './exercise-config.ts';
import { WebinarPlan } from './plan.ts';
import { RoundRoles } from './rotation.ts';
import { TimerState } from './timers.ts';

/** An id of a participant, group or breakouts run, as the server issued it. */
export const EntityId = safeText().min(1).max(100);
const Id = EntityId;
const At = z.number().int().min(0);
const Round = z.number().int().min(0);

/** A timer command's target: one group by id, or every group at once. */
export const GroupTarget = z.union([z.literal('all'), Id]);
/** A timer command's target. */
export type GroupTarget = z.infer<typeof GroupTarget>;

/** A group as breakouts open: members and the planned roles of each round. */
export const GroupPlan = z.object({ id: Id, memberIds: z.array(Id).min(1), rotation: z.array(RoundRoles) });
/** A group as breakouts open. */
export type GroupPlan = z.infer<typeof GroupPlan>;

/** How far a timer may be moved at once, either way: at most an hour. */
export const TimerExtensionMs = z
  .number()
  .int()
  .min(-60 * 60_000)
  .max(60 * 60_000);

/** Text a facilitator broadcasts to every room. */
export const BroadcastText = safeText().trim().min(1).max(500);

/** Which observer's card is in, without its contents: what the console's tick marks need. */
export const FeedbackReceipt = z.object({ groupId: Id, round: Round, observerId: Id });
/** Which observer's card is in. */
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;

/** One group's timer as it was: what an undo puts back. */
export const GroupTimer = z.object({ groupId: Id, timer: TimerState });
/** One group's timer as it was. */
export type GroupTimer = z.infer<typeof GroupTimer>;

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), at: At, ...shape });

/** Everything that can happen in a live session, as facts in the past tense. */
export const SessionEvent = z.discriminatedUnion('type', [
  event('breakouts_opened', { breakoutsId: Id, exercise: ExerciseConfig, groups: z.array(GroupPlan).min(1) }),
  /** Puts a group at the start of a given phase (e.g. to restart the conversation). */
  event('phase_started', { target: GroupTarget, round: Round, phaseIndex: z.number().int().min(0) }),
  event('timer_paused', { target: GroupTarget }),
  event('timer_resumed', { target: GroupTarget }),
  event('timer_extended', { target: GroupTarget, ms: TimerExtensionMs }),
  event('phase_skipped', { target: GroupTarget }),
  event('round_ended', { target: GroupTarget }),
  /**
   * The facilitator undid the timer change made at `undoneAt`: these groups' timers are back
   * exactly as they were before it (deadlines included), recorded in the state's `undo`.
   */
  event('timers_restored', { undoneAt: At, timers: z.array(GroupTimer) }),
  /** Deadlines passed: every running timer moved on to the phase it is now in. */
  event('timers_advanced', {}),
  event('breakouts_closing', { closesAt: At }),
  event('breakouts_closed', {}),
  event('participant_joined', { participantId: Id }),
  event('participant_left', { participantId: Id }),
  event('late_joiner_placed', { participantId: Id, groupId: Id }),
  event('member_moved', { participantId: Id, toGroupId: Id }),
  /** Two members exchange all their roles from `fromRound` on (e.g. the guide is missing). */
  event('roles_swapped', { groupId: Id, fromRound: Round, participantIds: z.tuple([Id, Id]) }),
  event('help_requested', { groupId: Id, participantId: Id }),
  event('help_resolved', { groupId: Id }),
  event('broadcast_sent', { text: BroadcastText }),
  /** A participant asks for the word in the plenary; hands are kept in the order raised. */
  event('hand_raised', { participantId: Id }),
  /** The hand is down again (its owner lowered it, or a facilitator gave the word or cleared it). */
  event('hand_lowered', { participantId: Id }),
  /** Facilitators took the plenary microphone from one participant, or from all. */
  event('microphones_locked', { target: GroupTarget }),
  /** Facilitators gave the plenary microphone back to one participant, or to all. */
  event('microphones_unlocked', { target: GroupTarget }),
  /** The facilitator set the webinar's agenda. */
  event('agenda_planned', { plan: WebinarPlan }),
  /** The live run moved to a segment of the agenda (the first one starts the run). */
  event('segment_started', { index: z.number().int().min(0) }),
  /**
   * A card is in — the receipt only: the card itself lives in the feedback_cards table, written
   * in the same transaction. Logs written before the receipt lost its `content` field carry
   * `content: null`; zod drops unknown keys, so they replay unchanged and no contents (of any
   * older shape) ever reach the state.
   */
  event('feedback_submitted', {
    ...FeedbackReceipt.shape,
    /** Which run the card is for; absent in older logs, which only knew the running one. */
    breakoutsId: Id.optional(),
  }),
]);
/** Everything that can happen in a live session. */
export type SessionEvent = z.infer<typeof SessionEvent>;
/** The `type` of a {@link SessionEvent}. */
export type SessionEventType = SessionEvent['type'];
