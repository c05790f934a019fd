/**
 * socket.io on the app's HTTP server, typed with the shared contract. The handshake checks the
 * Origin (CORS does not cover websockets), the protocol version, and who the caller is (a
 * facilitator's session cookie or a participant's invite); messages are capped at 64 KB.
 */

import type { Server as HttpServer, IncomingMessage } from 'node:http';
import {
  decideJoin,
  decideLeave,
  fail,
  HandshakeAuth,
  MAX_SOCKET_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type PresenceEntry,
  participantIdentity,
  participantOfIdentity,
  type SocketIdentity,
  SpeakingSignal,
  seatOf,
  type WebinarPublicState,
} from '@rundgang/shared';
import type { FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import { facilitatorForToken, SESSION_COOKIE } from '../auth/session.ts';
import { closeAttendance, openAttendance } from '../db/attendance.ts';
import type { Db } from '../db/db.ts';
import { participantExists, resolveInvite, webinarOfFacilitator } from '../db/repo.ts';
import type { LiveSession } from '../engine/live-session.ts';
import { SessionRegistry } from '../engine/session-registry.ts';
import { databaseErrorAsAppError, loggableError } from '../errors.ts';
import type { LiveKitAdapter } from '../livekit/adapter.ts';
import { dispatch, type HandlerSpecAny, handlers, requestEvents } from './handlers.ts';
import { Orchestrator } from './orchestrator.ts';
import { tokenBucket } from './rate-limit.ts';
import {
  facilitatorChannel,
  groupRoom,
  participantChannel,
  plenaryRoom,
  webinarChannel,
  webinarOfRoom,
} from './rooms.ts';
import type { RundgangServer, RundgangSocket } from './rundgang-server.ts';

/** Most sockets one invite may hold open at once: a few tabs and devices, not a flood. */
export const MAX_SOCKETS_PER_INVITE = 5;

/** An Error carrying a code the client can read in `connect_error` (err.data.code). */
class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

function parseCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Same-origin (Origin host = Host header) or an allow-listed origin. Without an Origin header (a
 * client that is not a browser) only when `requireOrigin` is off — in production it is on, so a
 * script cannot open sockets with a stolen cookie from outside a browser's origin rules.
 */
export function originAllowed(req: IncomingMessage, allowList: string[], requireOrigin = false): boolean {
  const origin = req.headers.origin;
  if (!origin) return !requireOrigin;
  if (allowList.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function authenticate(db: Db, socket: RundgangSocket): Promise<SocketIdentity> {
  // The version before anything else: a tab too old to send one must hear "reload", not "invalid".
  const protocol: unknown = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
  if (protocol !== PROTOCOL_VERSION) {
    throw new HandshakeError('protocol_mismatch', 'This page is out of date; please reload it');
  }
  const parsed = HandshakeAuth.safeParse(socket.handshake.auth);
  if (!parsed.success) throw new HandshakeError('bad_request', 'Invalid handshake');
  const auth = parsed.data;
  if (auth.invite) {
    const found = await resolveInvite(db, auth.invite);
    if (!found) throw new HandshakeError('unauthorized', 'This invite link is not valid');
    return {
      kind: 'participant',
      participantId: found.participant.id,
      name: found.participant.name,
      webinarId: found.webinar.id,
      seriesId: found.webinar.series_id,
    };
  }
  const f = await facilitatorForToken(db, parseCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
  if (!f) throw new HandshakeError('unauthorized', 'Sign in as a facilitator first');
  if (!auth.webinarId) throw new HandshakeError('bad_request', 'webinarId is required');
  const w = await webinarOfFacilitator(db, f.id, auth.webinarId);
  if (!w) throw new HandshakeError('forbidden', 'You are not a facilitator of this webinar');
  return { kind: 'facilitator', facilitatorId: f.id, name: f.name, webinarId: w.id, seriesId: w.series_id };
}

/** A verified LiveKit webhook: a participant joined or left a LiveKit room. */
export interface MediaPresenceEvent {
  event: 'participant_joined' | 'participant_left';
  room: string;
  identity: string;
}

/** Options for {@link attachRealtime}. */
export interface RealtimeOptions {
  httpServer: HttpServer;
  db: Db;
  livekit: LiveKitAdapter;
  log: FastifyBaseLogger;
  allowedOrigins: string[];
  /** Refuse sockets that send no Origin header (production). */
  requireOrigin?: boolean;
  /** Most sockets one invite may hold open at once (tabs, devices). */
  maxSocketsPerInvite?: number;
  /** Reads a webinar's title and status for the public state. */
  loadWebinar: (
    webinarId: string,
  ) => Promise<{ title: string; status: WebinarPublicState['status'] } | undefined>;
  /** Server time (ms since epoch); injectable for tests. */
  now?: () => number;
}

/** The realtime layer as the rest of the server sees it. */
export interface Realtime {
  io: RundgangServer;
  sessions: SessionRegistry;
  orchestrator: Orchestrator;
  /** A verified LiveKit webhook said someone joined or left a room. */
  mediaEvent(e: MediaPresenceEvent): void;
  webinarChanged(webinarId: string): void;
  /** The webinar has ended: everyone in it is told (status ended) and then disconnected. */
  webinarEnded(webinarId: string, title: string): void;
  /** Disconnects a facilitator's open sockets in a series' webinars (they were removed from it). */
  disconnectFacilitator(seriesId: string, facilitatorId: string): void;
  /**
   * A person was removed from a series (deleted, or their invite revoked): their sockets end now
   * and they are taken out of every LiveKit room they are in, instead of keeping what they had.
   */
  removeParticipant(seriesId: string, participantId: string): Promise<void>;
  close(): Promise<void>;
}

/** Attaches socket.io to the HTTP server. */
export function attachRealtime(o: RealtimeOptions): Realtime {
  const io: RundgangServer = new Server(o.httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    serveClient: false,
    allowRequest: (req, cb) => cb(null, originAllowed(req, o.allowedOrigins, o.requireOrigin)),
  });
  const now = o.now ?? Date.now;
  const orchestrator = new Orchestrator(io, o.livekit, o.log, now);
  const sessions = new SessionRegistry(
    o.db,
    now,
    (session, events, before) => orchestrator.onCommit(session, events, before),
    (err, failures) =>
      o.log.warn(
        { err: loggableError(err), failures },
        'an overdue phase change could not be recorded; retrying',
      ),
  );
  const sessionOf = new WeakMap<RundgangSocket, LiveSession>();

  const presence = (webinarId: string): PresenceEntry[] => {
    const byId = new Map<string, PresenceEntry>();
    for (const s of io.of('/').adapter.rooms.get(webinarChannel(webinarId)) ?? []) {
      const identity = io.of('/').sockets.get(s)?.data.identity;
      if (!identity) continue;
      const id = identity.kind === 'facilitator' ? identity.facilitatorId : identity.participantId;
      byId.set(id, { id, name: identity.name, kind: identity.kind });
    }
    return [...byId.values()];
  };

  const webinarChanged = (webinarId: string) => {
    o.loadWebinar(webinarId)
      .then((w) => {
        if (!w) return;
        io.to(webinarChannel(webinarId)).emit('webinar:updated', {
          webinarId,
          title: w.title,
          status: w.status,
          present: presence(webinarId),
        });
      })
      .catch((err) => o.log.error({ err: loggableError(err) }, 'could not broadcast webinar state'));
  };

  // Sockets admitted per participant (tabs and devices of one invite).
  const socketsOf = new Map<string, number>();
  const maxPerInvite = o.maxSocketsPerInvite ?? MAX_SOCKETS_PER_INVITE;

  const admitParticipantSocket = (socket: RundgangSocket, participantId: string) => {
    const open = socketsOf.get(participantId) ?? 0;
    if (open >= maxPerInvite)
      throw new HandshakeError('rate_limited', 'This invite link is open in too many tabs');
    socketsOf.set(participantId, open + 1);
    socket.once('disconnect', () => {
      const left = (socketsOf.get(participantId) ?? 1) - 1;
      if (left > 0) socketsOf.set(participantId, left);
      else socketsOf.delete(participantId);
    });
  };

  // Attendance writes of one participant run in order, so a quick leave never lands before its join.
  const attendanceQueue = new Map<string, Promise<void>>();
  const recordAttendance = (participantId: string, write: () => Promise<void>) => {
    const next = (attendanceQueue.get(participantId) ?? Promise.resolve())
      .then(write)
      .catch((err) => o.log.error({ err }, 'attendance update failed'));
    attendanceQueue.set(participantId, next);
    void next.then(() => {
      if (attendanceQueue.get(participantId) === next) attendanceQueue.delete(participantId);
    });
  };

  io.use((socket, next) => {
    authenticate(o.db, socket)
      .then(async (identity) => {
        socket.data.identity = identity;
        sessionOf.set(socket, await sessions.get(identity.webinarId));
        // Checked and counted with no await in between, so parallel handshakes cannot overshoot.
        if (identity.kind === 'participant') admitParticipantSocket(socket, identity.participantId);
        next();
      })
      .catch((err) => {
        if (err instanceof HandshakeError) return next(err);
        o.log.error({ err: loggableError(err) }, 'handshake failed');
        const fromDatabase = databaseErrorAsAppError(err);
        next(
          fromDatabase
            ? new HandshakeError(fromDatabase.code, fromDatabase.message)
            : new HandshakeError('internal', 'Server error during handshake'),
        );
      });
  });

  io.on('connection', (socket) => {
    const identity = socket.data.identity;
    const session = sessionOf.get(socket);
    if (!session) return void socket.disconnect(true);
    const allow = tokenBucket(20, 40);
    const webinarLive = async () => (await o.loadWebinar(identity.webinarId))?.status === 'live';
    const ctx = { identity, db: o.db, session, orchestrator, now, webinarLive };
    for (const event of requestEvents) {
      const entry: HandlerSpecAny = handlers[event];
      // What arrives is untrusted until the entry's schema has parsed it: unknown, not the contract's type.
      socket.on(event, (...args: unknown[]) => {
        // socket.io puts the ack last, whatever came before it; without one nobody can be answered.
        const ack = args.at(-1);
        if (typeof ack !== 'function') return;
        if (!allow()) return ack(fail('rate_limited', 'Too many requests; slow down'));
        if (args.length !== 2) return ack(fail('bad_request', 'A request is one payload and an ack'));
        const payload = args[0];
        dispatch(entry, payload, ctx, (err) =>
          o.log.error({ err: loggableError(err), event }, 'socket handler failed'),
        ).then((res) => ack(res));
      });
    }
    socket.join(webinarChannel(identity.webinarId));
    if (identity.kind === 'facilitator') socket.join(facilitatorChannel(identity.webinarId));
    socket.emit('session:updated', orchestrator.snapshot(session));
    webinarChanged(identity.webinarId);
    const logFailure = (err: unknown) => o.log.error({ err: loggableError(err) }, 'presence update failed');
    if (identity.kind === 'participant') {
      const { participantId } = identity;
      socket.join(participantChannel(participantId));
      orchestrator.rememberName(identity.webinarId, participantId, identity.name);
      session.run((state, t) => decideJoin(state, participantId, t)).catch(logFailure);
      recordAttendance(participantId, () =>
        openAttendance(o.db, identity.webinarId, participantId, new Date(now())),
      );
      socket.on('disconnect', () => {
        // A dropout keeps their seat; "left" is recorded only when their last tab is gone.
        if (io.of('/').adapter.rooms.get(participantChannel(participantId))?.size) return;
        session.run((state, t) => decideLeave(state, participantId, t)).catch(logFailure);
        const leftAt = new Date(now());
        recordAttendance(participantId, () =>
          closeAttendance(o.db, identity.webinarId, participantId, leftAt),
        );
      });
    }
    socket.on('disconnect', () => {
      webinarChanged(identity.webinarId);
      // The webinar's last socket is gone (socket.io has already taken this one out of its rooms).
      if (!io.of('/').adapter.rooms.get(webinarChannel(identity.webinarId))?.size) {
        orchestrator.forget(identity.webinarId);
      }
    });
    // Lossy signal: relayed volatile to facilitators, never stored.
    socket.on('media:speaking', (signal: unknown) => {
      const parsed = SpeakingSignal.safeParse(signal);
      if (!parsed.success || identity.kind !== 'participant' || !allow()) return;
      io.to(facilitatorChannel(identity.webinarId)).volatile.emit('media:speaking', {
        participantId: identity.participantId,
        speaking: parsed.data.speaking,
      });
    });
    if (identity.kind === 'facilitator') socket.emit('media:presence', mediaPresenceOf(identity.webinarId));
  });

  /** room → identities, per webinar, from verified webhooks. */
  const media = new Map<string, Map<string, Set<string>>>();
  const mediaPresenceOf = (webinarId: string) => ({
    rooms: Object.fromEntries(
      [...(media.get(webinarId) ?? new Map()).entries()].map(([room, ids]) => [room, [...ids].sort()]),
    ),
  });
  const mediaEvent = (e: MediaPresenceEvent) => {
    const webinarId = webinarOfRoom(e.room);
    if (!webinarId) return;
    const rooms = media.get(webinarId) ?? new Map<string, Set<string>>();
    media.set(webinarId, rooms);
    const ids = rooms.get(e.room) ?? new Set<string>();
    rooms.set(e.room, ids);
    if (e.event === 'participant_joined') ids.add(e.identity);
    else ids.delete(e.identity);
    const participantId = participantOfIdentity(e.identity);
    if (e.event === 'participant_joined' && participantId) {
      // A token outlives a deletion by minutes: whoever joins with one after that is taken out;
      // anyone else gets the permissions the session gives them now, not those of their token.
      participantExists(o.db, participantId)
        .then(async (exists) => {
          if (!exists) return o.livekit.removeParticipant(e.room, e.identity);
          return orchestrator.enforceOnJoin(await sessions.get(webinarId), e.room, participantId);
        })
        .catch((err: unknown) => o.log.warn({ err: loggableError(err) }, 'could not check a LiveKit join'));
    }
    io.to(facilitatorChannel(webinarId)).emit('media:presence', mediaPresenceOf(webinarId));
  };

  const webinarEnded = (webinarId: string, title: string) => {
    // One connection delivers in order: the ended status arrives before the disconnect.
    io.to(webinarChannel(webinarId)).emit('webinar:updated', {
      webinarId,
      title,
      status: 'ended',
      present: [],
    });
    io.in(webinarChannel(webinarId)).disconnectSockets(true);
    // Nothing runs in an ended webinar: its session, bookkeeping and media presence go.
    orchestrator.forget(webinarId);
    media.delete(webinarId);
    sessions.release(webinarId).catch((err) => o.log.error({ err }, 'could not release an ended session'));
  };
  const disconnectFacilitator = (seriesId: string, facilitatorId: string) => {
    for (const socket of io.of('/').sockets.values()) {
      const identity = socket.data.identity;
      if (
        identity?.kind === 'facilitator' &&
        identity.facilitatorId === facilitatorId &&
        identity.seriesId === seriesId
      ) {
        // A reconnect fails at the handshake, which checks the series' facilitators again.
        socket.disconnect(true);
      }
    }
  };
  const removeParticipant = async (seriesId: string, participantId: string) => {
    const webinarIds = new Set<string>();
    for (const socket of await io.in(participantChannel(participantId)).fetchSockets()) {
      if (socket.data.identity.seriesId === seriesId) webinarIds.add(socket.data.identity.webinarId);
    }
    io.in(participantChannel(participantId)).disconnectSockets(true);
    const identity = participantIdentity(participantId);
    const rooms = new Set<string>();
    for (const webinarId of webinarIds) {
      rooms.add(plenaryRoom(webinarId));
      const seat = seatOf((await sessions.get(webinarId)).state, participantId);
      if (seat) rooms.add(groupRoom(webinarId, seat.groupId));
    }
    for (const byRoom of media.values()) {
      for (const [room, ids] of byRoom) if (ids.has(identity)) rooms.add(room);
    }
    await Promise.all(
      [...rooms].map((room) =>
        o.livekit
          .removeParticipant(room, identity)
          .catch((err: unknown) =>
            o.log.warn({ err: loggableError(err), room }, 'could not remove from LiveKit'),
          ),
      ),
    );
  };

  return {
    io,
    sessions,
    orchestrator,
    mediaEvent,
    webinarChanged,
    webinarEnded,
    disconnectFacilitator,
    removeParticipant,
    // Not io.close(): that would also close the HTTP server, which Fastify owns.
    close: async () => {
      // Closing transports (not disconnecting sockets) lets clients reconnect by themselves
      // to the next server process, as after any network blip.
      io.engine.close();
      await sessions.closeAll();
    },
  };
}
