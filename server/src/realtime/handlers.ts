/**
 * Every socket request, registered from one table. Each entry names its payload schema and the
 * capability it needs (`can(role, capability)` from the shared permissions; none = anyone in the
 * webinar); one wrapper does validation, policy and error mapping, so a handler holds only its
 * domain step and bad input can never crash the server.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  type Ack,
  type AckData,
  AgendaPlanRequest,
  AgendaStartSegmentRequest,
  BroadcastRequest,
  type Capability,
  ClockPing,
  CloseBreakoutsRequest,
  can,
  decideBroadcast,
  decideCloseBreakouts,
  decideLowerHand,
  decideMicrophones,
  decideMoveMember,
  decideOpenBreakouts,
  decideRaiseHand,
  decideRequestHelp,
  decideResolveHelp,
  decideSetPlan,
  decideStartSegment,
  decideSwapRoles,
  decideTimer,
  decideUndoTimer,
  FeedbackListRequest,
  FeedbackPresentRequest,
  FeedbackSubmitRequest,
  FeedbackSummaryRequest,
  FloorMicrophonesRequest,
  fail,
  formGroups,
  HandLowerRequest,
  HandRaiseRequest,
  HelpRequestRequest,
  HelpResolveRequest,
  LiveKitTokenRequest,
  MoveMemberRequest,
  OpenBreakoutsRequest,
  ok,
  ProposeGroupsRequest,
  pairNovelty,
  type RequestEvent,
  type RequestPayload,
  RoomVisitRequest,
  SessionSyncRequest,
  type SocketIdentity,
  SwapRolesRequest,
  seriesHistory,
  ThemesListRequest,
  TimerControlRequest,
  TimerUndoRequest,
  UNSAFE_TEXT_MESSAGE,
  unsafeTextPath,
} from '@rundgang/shared';
import type { z } from 'zod';
import type { Db } from '../db/db.ts';
import { loadSeriesEvents } from '../db/event-log.ts';
import { participantsOfSeries } from '../db/repo.ts';
import { themesOfSeries } from '../db/series-themes.ts';
import { plenarySummary, submitCard, visibleCards } from '../engine/feedback.ts';
import type { LiveSession } from '../engine/live-session.ts';
import { AppError, databaseErrorAsAppError, describeIssues } from '../errors.ts';
import type { Orchestrator } from './orchestrator.ts';

/** What a handler can reach. */
export interface HandlerContext {
  identity: SocketIdentity;
  db: Db;
  session: LiveSession;
  orchestrator: Orchestrator;
  now: () => number;
  /** Whether the webinar is open for participants (status live). */
  webinarLive: () => Promise<boolean>;
}

interface HandlerSpec<S extends z.ZodType, R> {
  schema: S;
  /** Capability needed; undefined = anyone in this webinar. */
  capability?: Capability;
  handle: (payload: z.infer<S>, ctx: HandlerContext) => Promise<R>;
}

/** A handler entry with its result type erased, for generic registration. */
export type HandlerSpecAny = HandlerSpec<z.ZodType, unknown>;

const spec = <S extends z.ZodType, R>(s: HandlerSpec<S, R>) => s;

/** The acting participant's id, or a 403 (participant-only commands). */
const participantId = (identity: SocketIdentity) => {
  if (identity.kind !== 'participant') throw new AppError('forbidden', 'Only a participant may do this');
  return identity.participantId;
};

/** Turns a rejected decision into an AppError so the wrapper answers it like any other. */
const unwrap = <T>(ack: Ack<T>): T => {
  if (!ack.ok) throw new AppError(ack.error.code, ack.error.message);
  return ack.data;
};

/**
 * The table of socket request handlers, typed from the contract: its keys are exactly the
 * client's requests, each schema accepts what the contract lets a client send, and each handler
 * returns what the contract promises in the ack.
 */
export const handlers: {
  [E in RequestEvent]: HandlerSpec<z.ZodType<unknown, RequestPayload<E>>, AckData<E>>;
} = {
  'clock:ping': spec({
    schema: ClockPing,
    handle: async (p, { now }) => ({ clientSentAt: p.clientSentAt, serverTime: now() }),
  }),
  'session:sync': spec({
    schema: SessionSyncRequest,
    // A snapshot is small (public state only), so a client behind by any number of events gets one.
    handle: async (_p, { session, orchestrator }) => orchestrator.snapshot(session),
  }),
  'livekit:token': spec({
    schema: LiveKitTokenRequest,
    handle: async (_p, { identity, session, orchestrator, webinarLive }) => {
      if (identity.kind === 'participant' && !(await webinarLive())) {
        throw new AppError('conflict', 'The webinar has not been opened yet');
      }
      return orchestrator.grantFor(session, identity);
    },
  }),
  'room:visit': spec({
    schema: RoomVisitRequest,
    capability: 'room:visit',
    handle: async (p, { identity, session, orchestrator }) =>
      orchestrator.grantFor(session, identity, p.groupId),
  }),
  'breakouts:propose': spec({
    schema: ProposeGroupsRequest,
    capability: 'breakouts:open',
    handle: async (p, { identity, db, session }) => {
      const present = new Set(session.state.present);
      const cohort = (await participantsOfSeries(db, identity.seriesId)).map((r) => ({
        id: r.id,
        name: r.name,
        municipality: r.municipality,
        workplace: r.workplace,
        profession: r.profession,
        present: present.has(r.id),
      }));
      const seed = p.seed ?? randomInt(0, 2 ** 32 - 1);
      const members = cohort
        .filter((m) => m.present)
        .map((m) => ({
          id: m.id,
          municipality: m.municipality ?? undefined,
          workplace: m.workplace ?? undefined,
          profession: m.profession ?? undefined,
        }));
      const history = seriesHistory(await loadSeriesEvents(db, identity.seriesId));
      const groups = members.length
        ? formGroups({
            members,
            strategy: p.strategy,
            seed,
            groupSize: p.groupSize,
            avoidPairs: p.avoidEarlierPartners ? history.pairs : undefined,
          }).map((g) => g.map((m) => m.id))
        : [];
      return { seed, groups, cohort, pairs: pairNovelty(groups, history.pairs) };
    },
  }),
  'breakouts:open': spec({
    schema: OpenBreakoutsRequest,
    capability: 'breakouts:open',
    handle: async (p, { identity, db, session }) => {
      const cohort = new Set((await participantsOfSeries(db, identity.seriesId)).map((r) => r.id));
      if (p.groups.flat().some((id) => !cohort.has(id))) {
        throw new AppError('bad_request', 'A group has someone who is not in this series');
      }
      const exercise = { ...p.exercise, seed: p.exercise.seed ?? randomInt(0, 2 ** 32 - 1) };
      // Who guided least in the series (earlier webinars and exercises) goes first.
      const { guideCounts } = seriesHistory(await loadSeriesEvents(db, identity.seriesId));
      const command = {
        breakoutsId: randomUUID(),
        exercise,
        groups: p.groups.map((memberIds, i) => ({ id: `g${i + 1}`, memberIds })),
        guideCountsInSeries: guideCounts,
      };
      return unwrap(await session.run((state, now) => decideOpenBreakouts(state, command, now)));
    },
  }),
  'breakouts:close': spec({
    schema: CloseBreakoutsRequest,
    capability: 'breakouts:close',
    handle: async (p, { session }) =>
      unwrap(
        await session.run((state, now) => decideCloseBreakouts(state, now, { immediately: p.immediately })),
      ),
  }),
  'timer:control': spec({
    schema: TimerControlRequest,
    capability: 'timer:control',
    handle: async (p, { session }) => unwrap(await session.run((state, now) => decideTimer(state, p, now))),
  }),
  'timer:undo': spec({
    schema: TimerUndoRequest,
    capability: 'timer:control',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideUndoTimer(state, p, now))),
  }),
  'hand:raise': spec({
    schema: HandRaiseRequest,
    capability: 'hand:raise',
    handle: async (p, { identity, session }) => {
      const id = participantId(identity);
      return unwrap(
        await session.run((state, now) =>
          p.raised ? decideRaiseHand(state, id, now) : decideLowerHand(state, id, now),
        ),
      );
    },
  }),
  'hand:lower': spec({
    schema: HandLowerRequest,
    capability: 'floor:moderate',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideLowerHand(state, p.participantId, now))),
  }),
  'floor:microphones': spec({
    schema: FloorMicrophonesRequest,
    capability: 'floor:moderate',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideMicrophones(state, p, now))),
  }),
  'group:move_member': spec({
    schema: MoveMemberRequest,
    capability: 'group:move_member',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideMoveMember(state, p, now))),
  }),
  'roles:swap': spec({
    schema: SwapRolesRequest,
    capability: 'roles:swap',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideSwapRoles(state, p, now))),
  }),
  'help:request': spec({
    schema: HelpRequestRequest,
    capability: 'help:request',
    handle: async (_p, { identity, session }) =>
      unwrap(await session.run((state, now) => decideRequestHelp(state, participantId(identity), now))),
  }),
  'help:resolve': spec({
    schema: HelpResolveRequest,
    capability: 'help:resolve',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideResolveHelp(state, p.groupId, now))),
  }),
  'agenda:plan': spec({
    schema: AgendaPlanRequest,
    capability: 'agenda:control',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideSetPlan(state, p.plan, now))),
  }),
  'agenda:start_segment': spec({
    schema: AgendaStartSegmentRequest,
    capability: 'agenda:control',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideStartSegment(state, p.index, now))),
  }),
  'themes:list': spec({
    schema: ThemesListRequest,
    handle: async (_p, { identity, db }) => ({ themes: await themesOfSeries(db, identity.seriesId) }),
  }),
  'feedback:submit': spec({
    schema: FeedbackSubmitRequest,
    capability: 'feedback:submit',
    handle: async (p, { identity, db, session, orchestrator }) => {
      const themes = await themesOfSeries(db, identity.seriesId);
      const card = await submitCard(db, session, participantId(identity), p, themes);
      orchestrator.feedbackSaved(session, card);
      return { cardId: card.cardId, savedAt: card.updatedAt };
    },
  }),
  'feedback:list': spec({
    schema: FeedbackListRequest,
    handle: async (_p, { identity, db, session }) => ({
      cards: await visibleCards(
        db,
        session.state,
        session.webinarId,
        identity.kind === 'facilitator'
          ? { kind: 'facilitator' }
          : { kind: 'participant', id: identity.participantId },
      ),
    }),
  }),
  'feedback:summary': spec({
    schema: FeedbackSummaryRequest,
    capability: 'feedback:read_all',
    handle: async (p, { identity, db, session }) =>
      plenarySummary(
        db,
        session.state,
        session.webinarId,
        await themesOfSeries(db, identity.seriesId),
        p.breakoutsId,
      ),
  }),
  'feedback:present': spec({
    schema: FeedbackPresentRequest,
    capability: 'feedback:read_all',
    handle: async (p, { identity, db, session, orchestrator }) => {
      const themes = await themesOfSeries(db, identity.seriesId);
      const shown = await plenarySummary(
        db,
        session.state,
        session.webinarId,
        themes,
        p.breakoutsId,
        p.quoteCardIds,
        'plenary',
      );
      orchestrator.present(session, shown);
      return shown;
    },
  }),
  'broadcast:send': spec({
    schema: BroadcastRequest,
    capability: 'broadcast:send',
    handle: async (p, { session }) =>
      unwrap(await session.run((state, now) => decideBroadcast(state, p.text, now))),
  }),
};

/** Every request the table answers, to register a listener for each (keys of the table above). */
export const requestEvents = Object.keys(handlers) as RequestEvent[];

/** True when the identity may use the capability (undefined = anyone in the webinar). */
export function allowed(capability: Capability | undefined, identity: SocketIdentity): boolean {
  return capability === undefined || can(identity.kind, capability);
}

/** Runs one request through validation, policy and its handler; always produces an ack. */
export async function dispatch<R>(
  entry: HandlerSpec<z.ZodType, R>,
  payload: unknown,
  ctx: HandlerContext,
  onError: (err: unknown) => void,
): Promise<Ack<R>> {
  // Policy first: a participant learns nothing about a facilitator command's payload rules.
  if (!allowed(entry.capability, ctx.identity)) return fail('forbidden', 'You are not allowed to do this');
  // Before the schema: text the database cannot store is refused in any field (see safe-text.ts).
  const unsafe = unsafeTextPath(payload);
  if (unsafe) return fail('bad_request', `${unsafe}: ${UNSAFE_TEXT_MESSAGE}`);
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) return fail('bad_request', describeIssues(parsed.error));
  try {
    return ok(await entry.handle(parsed.data, ctx));
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message);
    const fromDatabase = databaseErrorAsAppError(err);
    onError(err);
    if (fromDatabase) return fail(fromDatabase.code, fromDatabase.message);
    return fail('internal', 'Something went wrong on the server');
  }
}
