/**
 * What follows from committed session events, outside the session itself: the public snapshot
 * goes to everyone in the webinar; people whose place changed (breakouts opened or closed, a
 * late joiner placed, someone moved) get a fresh single-room token for where they belong now;
 * observers' publish permission follows the phase; facilitators hear about missing roles.
 * LiveKit failures are logged and reported, never allowed to stop the control plane.
 */
import {
  type FeedbackCardView,
  type LiveKitGrant,
  mayReadCard,
  microphoneLocked,
  missingRoleAlert,
  observerMuted,
  type PlenarySummary,
  participantIdentity,
  type RoomAssignment,
  type SessionEvent,
  type SessionSnapshot,
  type SessionState,
  type SocketIdentity,
  seatOf,
  toPublicState,
} from '@rundgang/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveSession } from '../engine/live-session.ts';
import { AppError, loggableError } from '../errors.ts';
import { type LiveKitAdapter, type MediaGrant, WITHOUT_MICROPHONE } from '../livekit/adapter.ts';
import {
  facilitatorChannel,
  groupRoom,
  livekitIdentity,
  participantChannel,
  plenaryRoom,
  webinarChannel,
} from './rooms.ts';
import type { Emitter } from './rundgang-server.ts';

/** Where a person belongs now: null = plenary, else a group id. */
export function placeOf(state: SessionState, identity: SocketIdentity): string | null {
  if (identity.kind !== 'participant' || !state.breakouts) return null;
  return seatOf(state, identity.participantId)?.groupId ?? null;
}

// No data channel: nothing in the client publishes data, so no token allows it.
const FULL: MediaGrant = { canPublish: true, canSubscribe: true, canPublishData: false };
const LISTEN_ONLY: MediaGrant = { canPublish: false, canSubscribe: true, canPublishData: false };
/** In the plenary with the microphone locked by a facilitator: camera and screen, no microphone. */
const MIC_LOCKED: MediaGrant = { ...FULL, canPublishSources: WITHOUT_MICROPHONE };

/** Room grants on people's behalf that may be in flight towards LiveKit at once. */
export const GRANT_CONCURRENCY = 8;
/** The longest wait before a failed room grant is tried again. */
const MAX_GRANT_RETRY_MS = 10_000;

/** Runs at most `limit` of the given tasks at once; the rest wait in order. */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so the count never overshoots.
    if (running >= limit) await new Promise<void>((r) => waiting.push(r));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/**
 * Orchestrates rooms, tokens and broadcasts for all live sessions.
 *
 * Its per-webinar bookkeeping holds only what differs from the default, so a webinar that is
 * over costs nothing: a place is kept only while it is a group room (no entry = the plenary, where
 * every client starts), muted observers only while breakouts are open, names only while one of
 * the webinar's sockets is connected ({@link Orchestrator.forget}).
 */
export class Orchestrator {
  /**
   * Participants last sent to a group room, per webinar: participantId → group id. Kept after
   * they leave: a client that comes back while still in that room must be told to move.
   */
  private readonly told = new Map<string, Map<string, string>>();
  /** Observers currently muted by policy, per webinar (only while breakouts are open). */
  private readonly muted = new Map<string, Set<string>>();
  /** Participants whose plenary microphone is locked now (LiveKit told), per webinar. */
  private readonly plenaryLocked = new Map<string, Set<string>>();
  /** Display names of connected participants, per webinar, for tokens minted on their behalf. */
  private readonly names = new Map<string, Map<string, string>>();
  /** People (webinar/participant) with a room grant in flight: one at a time per person. */
  private readonly granting = new Set<string>();
  /** People whose last room grant failed: when to try again. */
  private readonly grantBackoff = new Map<string, { failures: number; retryAt: number }>();
  /** Room grants made on people's behalf wait here so LiveKit sees a bounded number at once. */
  private readonly grantSlots = concurrencyLimit(GRANT_CONCURRENCY);

  constructor(
    private readonly io: Emitter,
    private readonly livekit: LiveKitAdapter,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number,
  ) {}

  /** The snapshot everyone in the webinar may see. */
  snapshot(session: LiveSession): SessionSnapshot {
    return {
      webinarId: session.webinarId,
      seq: session.seq,
      serverTime: this.now(),
      state: toPublicState(session.state),
    };
  }

  /** Mints a token for the room this identity belongs in now (or the group a facilitator visits). */
  async grantFor(
    session: LiveSession,
    identity: SocketIdentity,
    visitGroupId?: string | null,
  ): Promise<RoomAssignment> {
    const state = session.state;
    const groupId = identity.kind === 'facilitator' ? (visitGroupId ?? null) : placeOf(state, identity);
    if (groupId && !state.breakouts?.groups.some((g) => g.id === groupId)) {
      throw new AppError('not_found', 'No such group');
    }
    const room = groupId ? groupRoom(session.webinarId, groupId) : plenaryRoom(session.webinarId);
    const lkIdentity = livekitIdentity(identity);
    const grant =
      identity.kind !== 'participant'
        ? FULL
        : groupId
          ? observerMuted(state, identity.participantId)
            ? LISTEN_ONLY
            : FULL
          : microphoneLocked(state.floor, identity.participantId)
            ? MIC_LOCKED
            : FULL;
    try {
      // Created before any token is handed out; timeouts let a room outlive brief dropouts.
      await this.livekit.ensureRoom(room, { emptyTimeout: 600, departureTimeout: groupId ? 120 : 300 });
      const minted = await this.livekit.mintToken({ room, identity: lkIdentity, name: identity.name, grant });
      const lk: LiveKitGrant = {
        url: this.livekit.url,
        token: minted.token,
        room,
        identity: lkIdentity,
        expiresAt: minted.expiresAt.toISOString(),
      };
      if (identity.kind === 'participant')
        this.rememberPlace(session.webinarId, identity.participantId, groupId);
      return { groupId, grant: lk };
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.log.warn({ err, room }, 'LiveKit unavailable while minting a token');
      throw new AppError('livekit_unavailable', 'The media server is not reachable right now');
    }
  }

  /** Reacts to committed events. */
  onCommit(session: LiveSession, events: SessionEvent[], before: SessionState): void {
    this.io.to(webinarChannel(session.webinarId)).emit('session:updated', this.snapshot(session));
    void this.reassign(session).catch((err) => this.log.error({ err }, 'room reassignment failed'));
    void this.applyMediaPolicy(session).catch((err) => this.log.error({ err }, 'media policy failed'));
    void this.applyFloorPolicy(session).catch((err) => this.log.error({ err }, 'floor policy failed'));
    this.alertMissingRoles(session, events, before);
  }

  /** A card was saved: facilitators and its author hear at once, the guide once they may read it. */
  feedbackSaved(session: LiveSession, card: FeedbackCardView): void {
    this.io.to(facilitatorChannel(session.webinarId)).emit('feedback:received', card);
    this.io.to(participantChannel(card.observerId)).emit('feedback:received', card);
    // The guide hears of it through the one visibility rule (a card can be held back for now).
    if (mayReadCard(session.state, { kind: 'participant', id: card.guideId }, card))
      this.io.to(participantChannel(card.guideId)).emit('feedback:received', card);
  }

  /** Shows the anonymous plenary summary to everyone in the webinar. */
  present(session: LiveSession, summary: PlenarySummary): void {
    this.io.to(webinarChannel(session.webinarId)).emit('feedback:presented', summary);
  }

  /** Remembers a participant's display name (from their socket) for tokens minted on their behalf. */
  rememberName(webinarId: string, participantId: string, name: string): void {
    const names = this.names.get(webinarId) ?? new Map<string, string>();
    names.set(participantId, name);
    this.names.set(webinarId, names);
  }

  /**
   * The webinar's last socket is gone: drop what only connected people need (their names; a
   * returning socket tells us again). Places and mutes stay, since they describe LiveKit rooms
   * that can outlive a socket; they go by themselves once everyone is back in the plenary.
   */
  forget(webinarId: string): void {
    this.names.delete(webinarId);
  }

  /** How many entries the webinar's bookkeeping holds (to show that it is released). */
  bookkeeping(webinarId: string): { places: number; muted: number; names: number } {
    return {
      places: this.told.get(webinarId)?.size ?? 0,
      muted: this.muted.get(webinarId)?.size ?? 0,
      names: this.names.get(webinarId)?.size ?? 0,
    };
  }

  /** The place last told (null = the plenary, also for someone never told anything). */
  private placeTold(webinarId: string, participantId: string): string | null {
    return this.told.get(webinarId)?.get(participantId) ?? null;
  }

  private rememberPlace(webinarId: string, participantId: string, groupId: string | null): void {
    const told = this.told.get(webinarId) ?? new Map<string, string>();
    if (groupId === null) told.delete(participantId);
    else told.set(participantId, groupId);
    if (told.size) this.told.set(webinarId, told);
    else this.told.delete(webinarId);
  }

  /** Sends a new room assignment to every present participant whose place changed. */
  private async reassign(session: LiveSession): Promise<void> {
    const state = session.state;
    const changed = state.present.filter(
      (id) => this.placeTold(session.webinarId, id) !== this.placeNow(session, id),
    );
    await Promise.all(changed.map((participantId) => this.regrant(session, participantId)));
  }

  private placeNow(session: LiveSession, participantId: string): string | null {
    return placeOf(session.state, {
      kind: 'participant',
      participantId,
      name: '',
      webinarId: '',
      seriesId: '',
    });
  }

  /**
   * Grants one person the room they belong in now, with at most one grant in flight per person:
   * a commit during a grant does not start another, the running one looks again when it is done,
   * and a grant whose place is no longer current is not sent (the newest assignment wins — a
   * late answer must not send someone back to their old room). Failures back off per person
   * instead of being retried by every commit; LiveKit sees at most GRANT_CONCURRENCY at once.
   */
  private async regrant(session: LiveSession, participantId: string): Promise<void> {
    const key = `${session.webinarId}/${participantId}`;
    if (this.granting.has(key)) return;
    const backoff = this.grantBackoff.get(key);
    if (backoff && backoff.retryAt > this.now()) return;
    this.granting.add(key);
    try {
      for (;;) {
        const place = this.placeNow(session, participantId);
        if (this.placeTold(session.webinarId, participantId) === place) return;
        if (!session.state.present.includes(participantId)) return;
        const identity: SocketIdentity = {
          kind: 'participant',
          participantId,
          name: this.names.get(session.webinarId)?.get(participantId) ?? participantId,
          webinarId: session.webinarId,
          seriesId: '',
        };
        let assignment: RoomAssignment;
        try {
          assignment = await this.grantSlots(() => this.grantFor(session, identity));
        } catch (err) {
          const failures = (backoff?.failures ?? 0) + 1;
          const delay = Math.min(MAX_GRANT_RETRY_MS, 500 * 2 ** (failures - 1));
          this.grantBackoff.set(key, { failures, retryAt: this.now() + delay });
          setTimeout(() => void this.regrant(session, participantId), delay).unref?.();
          if (failures === 1)
            this.log.warn({ err: loggableError(err) }, 'room grant failed; retrying with backoff');
          return;
        }
        this.grantBackoff.delete(key);
        // Moved again while this grant was minted: grant the newer place instead of sending this one.
        if (this.placeNow(session, participantId) !== assignment.groupId) continue;
        this.io.to(participantChannel(participantId)).emit('room:assigned', assignment);
        return;
      }
    } finally {
      this.granting.delete(key);
    }
  }

  /**
   * Someone joined a LiveKit room (a verified webhook): their permissions there follow the policy
   * now, whatever token they joined with — an observer who rejoins mid-conversation with a token
   * from the preparation phase is muted at once.
   */
  async enforceOnJoin(session: LiveSession, room: string, participantId: string): Promise<void> {
    const seat = seatOf(session.state, participantId);
    if (!seat || room !== groupRoom(session.webinarId, seat.groupId)) return;
    if (!observerMuted(session.state, participantId)) return;
    await this.livekit.setPermissions(room, participantIdentity(participantId), LISTEN_ONLY);
  }

  /** Observers lose publish rights during the conversation (if the exercise says so), and get them back. */
  private async applyMediaPolicy(session: LiveSession): Promise<void> {
    const b = session.state.breakouts;
    if (!b) {
      this.muted.delete(session.webinarId);
      return;
    }
    const targets = b.groups.flatMap((group) =>
      group.memberIds.map((id) => ({
        id,
        room: groupRoom(session.webinarId, group.id),
        restrict: observerMuted(session.state, id),
      })),
    );
    await this.enforce(this.muted, session.webinarId, targets, LISTEN_ONLY);
  }

  /**
   * Locked plenary microphones are enforced by LiveKit: the participant keeps camera and screen
   * but may not publish a microphone, so a client that ignores the lock still cannot be heard.
   */
  private async applyFloorPolicy(session: LiveSession): Promise<void> {
    const state = session.state;
    const targets = state.present.map((id) => ({
      id,
      room: plenaryRoom(session.webinarId),
      restrict: (!state.breakouts || !seatOf(state, id)) && microphoneLocked(state.floor, id),
    }));
    await this.enforce(this.plenaryLocked, session.webinarId, targets, MIC_LOCKED);
  }

  /**
   * Tells LiveKit about every participant whose restriction changed since the last time (the
   * bookkeeping holds who is restricted now), so unchanged people cost no request.
   */
  private async enforce(
    bookkeeping: Map<string, Set<string>>,
    webinarId: string,
    targets: { id: string; room: string; restrict: boolean }[],
    restricted: MediaGrant,
  ): Promise<void> {
    const current = bookkeeping.get(webinarId) ?? new Set<string>();
    const updates: Promise<void>[] = [];
    for (const { id, room, restrict } of targets) {
      if (restrict === current.has(id)) continue;
      if (restrict) current.add(id);
      else current.delete(id);
      updates.push(
        this.livekit
          .setPermissions(room, participantIdentity(id), restrict ? restricted : FULL)
          .catch((err) => this.log.debug({ err }, 'permission update skipped (not in room)')),
      );
    }
    if (current.size) bookkeeping.set(webinarId, current);
    else bookkeeping.delete(webinarId);
    await Promise.all(updates);
  }

  /** Tells facilitators when a round starts without its guide or advisee, with a suggested swap. */
  private alertMissingRoles(session: LiveSession, events: SessionEvent[], before: SessionState): void {
    const b = session.state.breakouts;
    if (!b) return;
    const roundStarted = (groupId: string) => {
      const old = before.breakouts?.groups.find((g) => g.id === groupId);
      const now = b.groups.find((g) => g.id === groupId);
      if (!now || now.timer.status === 'finished') return false;
      return !old || old.timer.round !== now.timer.round || events.some((e) => e.type === 'breakouts_opened');
    };
    for (const group of b.groups) {
      if (!roundStarted(group.id)) continue;
      for (const s of missingRoleAlert(session.state, group.id, session.state.present)) {
        this.io
          .to(facilitatorChannel(session.webinarId))
          .emit('session:alerted', { groupId: group.id, ...s });
      }
    }
  }
}
