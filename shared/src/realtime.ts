/**
 * The socket.io contract, declared once for both sides. Requests are imperative
 * (`livekit:token`), facts past tense (`webinar:updated`); every request acks with {@link Ack}.
 */
import { z } from 'zod';
import type { WebinarStatus } from './api.ts';
import { ExerciseConfig, GroupSize, GroupStrategy } from './domain/exercise-config.ts';
import { FeedbackCardContent, SubmitFeedbackCardRequest } from './domain/feedback-card.ts';
import type { FeedbackSummary, PlenaryQuote, SummaryWithheld } from './domain/feedback-summary.ts';
import type { ThemeTemplate } from './domain/feedback-themes.ts';
import type { AppRole } from './domain/permissions.ts';
import { WebinarPlan } from './domain/plan.ts';
import type { Profession } from './domain/roster.ts';
import {
  MicrophonesCommand,
  MoveMemberCommand,
  SwapRolesCommand,
  TimerCommand,
  UndoTimerCommand,
} from './domain/session-commands.ts';
import { BroadcastText, EntityId } from './domain/session-events.ts';
import type { PublicSessionState } from './domain/session-state.ts';
import type { Ack } from './protocol.ts';

/** What the client sends in `io(url, { auth })`. Facilitators are identified by cookie. */
export const HandshakeAuth = z.object({
  protocol: z.number().int(),
  /** Participant invite token; absent for facilitators. */
  invite: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,64}$/)
    .optional(),
  /** The webinar a facilitator opens the console for. */
  webinarId: z.string().uuid().optional(),
});
/** Handshake auth payload. */
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

// One role of permissions' AppRole: a renamed role fails to compile here.
type Role<R extends AppRole> = R;

/** Who is on the other end of a socket. */
export type SocketIdentity =
  | { kind: Role<'facilitator'>; facilitatorId: string; name: string; webinarId: string; seriesId: string }
  | { kind: Role<'participant'>; participantId: string; name: string; webinarId: string; seriesId: string };

/** Server-side per-socket data (socket.data). */
export interface SocketData {
  identity: SocketIdentity;
}

/** Payload of `livekit:token`: empty; the server decides the room from the caller's assignment. */
export const LiveKitTokenRequest = z.object({}).strict();
/** A short-lived, single-room LiveKit join token. */
export interface LiveKitGrant {
  url: string;
  token: string;
  room: string;
  identity: string;
  expiresAt: string;
}

/** Payload of `clock:ping`. */
export const ClockPing = z.object({ clientSentAt: z.number() }).strict();
/** Ack of `clock:ping`: server time in ms since epoch. */
export interface ClockPong {
  clientSentAt: number;
  serverTime: number;
}

/** Who is present in the webinar, as everyone may see it. */
export interface PresenceEntry {
  id: string;
  name: string;
  kind: AppRole;
}

/** Public webinar state broadcast to everyone in it (never feedback contents). */
export interface WebinarPublicState {
  webinarId: string;
  title: string;
  status: WebinarStatus;
  present: PresenceEntry[];
}

/** Payload of `session:sync`: the last sequence number the client has (0 = none). */
export const SessionSyncRequest = z.object({ sinceSeq: z.number().int().min(0) }).strict();

/** The public session state at a sequence number, with the server time it was sent at. */
export interface SessionSnapshot {
  webinarId: string;
  seq: number;
  serverTime: number;
  state: PublicSessionState;
}

/** A participant as the console needs them to form groups. */
export interface CohortMember {
  id: string;
  name: string;
  municipality: string | null;
  workplace: string | null;
  /** For "mix professions" grouping and the console's member chips. */
  profession?: Profession | null;
  present: boolean;
}

/** Payload of `breakouts:propose`: group the present participants by a strategy. */
export const ProposeGroupsRequest = z
  .object({
    strategy: GroupStrategy,
    groupSize: GroupSize.default(3),
    /** Keep apart who sat together earlier in the series (on top of the strategy). */
    avoidEarlierPartners: z.boolean().default(false),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();

/** Ack of `breakouts:propose`: groups of participant ids plus the cohort to show names. */
export interface GroupProposal {
  seed: number;
  groups: string[][];
  cohort: CohortMember[];
  /** Pairs in the proposed groups that are new in the series, and those that sat together before. */
  pairs: { newPairs: number; repeatedPairs: number };
}

/** Payload of `breakouts:open`: the exercise (seed optional) and the possibly hand-edited groups. */
export const OpenBreakoutsRequest = z
  .object({
    exercise: ExerciseConfig.extend({ seed: ExerciseConfig.shape.seed.optional() }),
    groups: z.array(z.array(EntityId).min(1)).min(1).max(100),
  })
  .strict();

/** Payload of `breakouts:close`. */
export const CloseBreakoutsRequest = z.object({ immediately: z.boolean().default(false) }).strict();
/** Payload of `timer:control`. */
export const TimerControlRequest = TimerCommand;
/** Payload of `timer:undo`: the last timer change, by the time it was made. */
export const TimerUndoRequest = UndoTimerCommand.strict();
/** Payload of `hand:raise`: a participant raises (true) or lowers (false) their own hand. */
export const HandRaiseRequest = z.object({ raised: z.boolean() }).strict();
/** Payload of `hand:lower`: a facilitator lowers someone's hand. */
export const HandLowerRequest = z.object({ participantId: EntityId }).strict();
/** Payload of `floor:microphones`: lock or unlock plenary microphones, of one participant or all. */
export const FloorMicrophonesRequest = MicrophonesCommand.strict();
/** Payload of `group:move_member`. */
export const MoveMemberRequest = MoveMemberCommand.strict();
/** Payload of `roles:swap`. */
export const SwapRolesRequest = SwapRolesCommand.strict();
/** Payload of `help:request`. */
export const HelpRequestRequest = z.object({}).strict();
/** Payload of `help:resolve`. */
export const HelpResolveRequest = z.object({ groupId: EntityId }).strict();
/** Payload of `broadcast:send`. */
export const BroadcastRequest = z.object({ text: BroadcastText }).strict();
/** Payload of `room:visit`: a group room to visit, or null to go back to the plenary. */
export const RoomVisitRequest = z.object({ groupId: EntityId.nullable() }).strict();

/** Where a person's media should be now, with a token for that room. */
export interface RoomAssignment {
  /** null = the plenary. */
  groupId: string | null;
  grant: LiveKitGrant;
}

/** A suggestion for the facilitator: a guide or advisee is missing as a round starts. */
export interface MissingRoleAlert {
  groupId: string;
  role: 'guide' | 'advisee';
  missingId: string;
  replacementId: string | null;
}

/** Payload of `agenda:plan`: the webinar's agenda. */
export const AgendaPlanRequest = z.object({ plan: WebinarPlan }).strict();
/** Payload of `agenda:start_segment`: the live run moves to this segment. */
export const AgendaStartSegmentRequest = z.object({ index: z.number().int().min(0) }).strict();

/** Payload of `themes:list`: the feedback themes of this webinar's series. */
export const ThemesListRequest = z.object({}).strict();

/** A stored feedback card as its readers see it: its author, the guide it is about, facilitators. */
export const FeedbackCardView = z.object({
  cardId: z.string(),
  webinarId: z.string(),
  breakoutsId: z.string(),
  groupId: z.string(),
  round: z.number(),
  themeId: z.string(),
  observerId: z.string(),
  observerName: z.string(),
  guideId: z.string(),
  guideName: z.string(),
  content: FeedbackCardContent,
  submittedAt: z.string(),
  updatedAt: z.string(),
});
/** A stored feedback card as its readers see it. */
export type FeedbackCardView = z.infer<typeof FeedbackCardView>;

/** Payload of `feedback:submit` (idempotent by cardId). */
export const FeedbackSubmitRequest = SubmitFeedbackCardRequest;
/** Ack of `feedback:submit`: the card is persisted. */
export interface FeedbackSaved {
  cardId: string;
  savedAt: string;
}
/** Payload of `feedback:list`: the cards the caller may read. */
export const FeedbackListRequest = z.object({}).strict();
/** Payload of `feedback:summary`: a breakouts run (default: the current or last one). */
export const FeedbackSummaryRequest = z.object({ breakoutsId: EntityId.optional() }).strict();
/** Payload of `feedback:present`: show the anonymous summary in the plenary, with chosen quotes. */
export const FeedbackPresentRequest = z
  .object({ breakoutsId: EntityId.optional(), quoteCardIds: z.array(z.uuid()).max(20).default([]) })
  .strict();
/** The anonymous plenary summary: counts per focus item and chosen quotes, no names. */
export interface PlenarySummary {
  breakoutsId: string;
  themeId: string;
  summary: FeedbackSummary;
  quotes: PlenaryQuote[];
  /**
   * Set when there are fewer cards than the plenary minimum: in the plenary the counts are
   * then all zero; the facilitators' own summary keeps them and says why they are held back.
   */
  withheld: SummaryWithheld | null;
}

/** Who is connected to which LiveKit room of a webinar (from verified LiveKit webhooks). */
export interface MediaPresence {
  /** LiveKit room name → identities connected there now. */
  rooms: Record<string, string[]>;
}

/** Signal `media:speaking`: the sender's microphone is (not) picking up speech. Lossy. */
export const SpeakingSignal = z.object({ speaking: z.boolean() }).strict();
/** Relayed to facilitators: who is speaking (volatile; a missed one is corrected by the next). */
export interface SpeakingUpdate {
  participantId: string;
  speaking: boolean;
}

/** Lossy signals the client emits without an ack (presence, never state). */
export interface ClientSignals {
  'media:speaking': (signal: z.infer<typeof SpeakingSignal>) => void;
}

type Request<P, R> = (payload: P, ack: (res: Ack<R>) => void) => void;
/** The ack of a command that changed the session: the sequence number it reached. */
export interface Committed {
  seq: number;
}

/** Events the client emits: requests, each with an ack, plus lossy signals. */
export interface ClientToServerEvents extends ClientSignals {
  'livekit:token': Request<z.infer<typeof LiveKitTokenRequest>, RoomAssignment>;
  'clock:ping': Request<z.infer<typeof ClockPing>, ClockPong>;
  'session:sync': Request<z.infer<typeof SessionSyncRequest>, SessionSnapshot>;
  'breakouts:propose': Request<z.input<typeof ProposeGroupsRequest>, GroupProposal>;
  'breakouts:open': Request<z.input<typeof OpenBreakoutsRequest>, Committed>;
  'breakouts:close': Request<z.input<typeof CloseBreakoutsRequest>, Committed>;
  'timer:control': Request<z.input<typeof TimerControlRequest>, Committed>;
  'timer:undo': Request<z.input<typeof TimerUndoRequest>, Committed>;
  'hand:raise': Request<z.input<typeof HandRaiseRequest>, Committed>;
  'hand:lower': Request<z.input<typeof HandLowerRequest>, Committed>;
  'floor:microphones': Request<z.input<typeof FloorMicrophonesRequest>, Committed>;
  'group:move_member': Request<z.input<typeof MoveMemberRequest>, Committed>;
  'roles:swap': Request<z.input<typeof SwapRolesRequest>, Committed>;
  'help:request': Request<z.input<typeof HelpRequestRequest>, Committed>;
  'help:resolve': Request<z.input<typeof HelpResolveRequest>, Committed>;
  'broadcast:send': Request<z.input<typeof BroadcastRequest>, Committed>;
  'room:visit': Request<z.input<typeof RoomVisitRequest>, RoomAssignment>;
  'agenda:plan': Request<z.input<typeof AgendaPlanRequest>, Committed>;
  'agenda:start_segment': Request<z.input<typeof AgendaStartSegmentRequest>, Committed>;
  'themes:list': Request<z.input<typeof ThemesListRequest>, { themes: ThemeTemplate[] }>;
  'feedback:submit': Request<z.input<typeof FeedbackSubmitRequest>, FeedbackSaved>;
  'feedback:list': Request<z.input<typeof FeedbackListRequest>, { cards: FeedbackCardView[] }>;
  'feedback:summary': Request<z.input<typeof FeedbackSummaryRequest>, PlenarySummary>;
  'feedback:present': Request<z.input<typeof FeedbackPresentRequest>, PlenarySummary>;
}

/** Client events that are requests (acked); the rest are lossy signals. */
export type RequestEvent = Exclude<keyof ClientToServerEvents, keyof ClientSignals>;

/** What the contract lets a client send with a request (before the schema's defaults). */
export type RequestPayload<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[0];

/** What the contract promises in a request's successful ack. */
export type AckData<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>[1] extends (
  res: Ack<infer T>,
) => void
  ? T
  : never;

/** Events the server emits (facts). */
export interface ServerToClientEvents {
  'webinar:updated': (state: WebinarPublicState) => void;
  'session:updated': (snapshot: SessionSnapshot) => void;
  'room:assigned': (assignment: RoomAssignment) => void;
  'session:alerted': (alert: MissingRoleAlert) => void;
  /** A card was saved: sent to facilitators, its author, and the guide once they may read it. */
  'feedback:received': (card: FeedbackCardView) => void;
  /** The facilitator shows the anonymous summary to everyone in the webinar. */
  'feedback:presented': (summary: PlenarySummary) => void;
  /** To facilitators: media presence per room changed. */
  'media:presence': (presence: MediaPresence) => void;
  /** To facilitators: a participant started or stopped speaking (volatile). */
  'media:speaking': (update: SpeakingUpdate) => void;
}
