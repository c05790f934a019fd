/**
 * The socket side of a session: typed requests with one ack timeout, and the listeners that
 * turn the server's facts into store actions. LiveKit is not its business; the session passes
 * hooks for the moments the media link cares about (connected, moved, webinar opened).
 */
import type { ClientError, ClientToServerEvents, RequestEvent, RoomAssignment } from '@rundgang/shared';

export type { RequestEvent };

import { useAppStore } from '../store/index.ts';
import { measureClockOffset } from './clock-sync.ts';
import { connectErrorCode } from './connect-error.ts';
import type { RundgangSocket } from './socket.ts';

const store = useAppStore;

// These follow socket.io's own (unexported) AllButLast, Last and FirstArg clause for clause, so
// the compiler sees them as the very types `emitWithAck` takes and returns for a generic event
// name, and `request` needs no cast.
type Arguments<E extends RequestEvent> = Parameters<ClientToServerEvents[E]>;
type AllButLast<T extends unknown[]> = T extends [...infer Head, infer _Last] ? Head : never;
type Last<T extends unknown[]> = T extends [...infer _Head, infer Tail] ? Tail : never;
type FirstArg<T> = T extends (arg: infer First) => infer _Result ? First : unknown;

/** A request's payload: the arguments between the event name and the ack callback. */
export type RequestArgs<E extends RequestEvent> = AllButLast<Arguments<E>>;
/** The ack the server answers a request with, e.g. `Ack<RoomAssignment>` for `room:visit`. */
export type RequestAck<E extends RequestEvent> = FirstArg<Last<Arguments<E>>>;
/** What a request resolves with: the server's ack, or a failure the client saw itself. */
export type RequestResult<E extends RequestEvent> = RequestAck<E> | { ok: false; error: ClientError };

/**
 * Sends a request and resolves with its ack; never rejects. Not connected is `network` at once
 * (socket.io would buffer the request until a reconnect); no ack within the socket's
 * `ackTimeout` is `timeout`, and socket.io then drops the request instead of sending it late.
 */
export async function sendRequest<E extends RequestEvent>(
  socket: RundgangSocket,
  event: E,
  ...args: RequestArgs<E>
): Promise<RequestResult<E>> {
  if (!socket.connected) return { ok: false, error: { code: 'network', message: 'not connected' } };
  try {
    return await socket.emitWithAck(event, ...args);
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'no answer' } };
  }
}

/** What the media link hears from the socket. */
export interface SocketBridgeHooks {
  /** Every connect and reconnect. */
  connected(): void;
  /** The server moved our media to another room. */
  roomAssigned(assignment: RoomAssignment): void;
  /** The webinar is live (again): a join refused because it was not open may try now. */
  webinarLive(): void;
}

/** A bound bridge; `stop` silences it before the socket's listeners are removed. */
export interface SocketBridge {
  stop(): void;
}

async function syncClock(socket: RundgangSocket): Promise<void> {
  const estimate = await measureClockOffset((clientSentAt) =>
    socket.emitWithAck('clock:ping', { clientSentAt }),
  );
  if (estimate) store.getState().clockMeasured(estimate);
}

/** Feeds the store from the socket's lifecycle and facts, and tells the media link when to act. */
export function bindSocketToStore(socket: RundgangSocket, hooks: SocketBridgeHooks): SocketBridge {
  const state = () => store.getState();
  let stopped = false;
  // The first connect gets its snapshot pushed; later ones are reconnects that resync.
  let wasConnected = false;

  const resync = async () => {
    const ack = await sendRequest(socket, 'session:sync', { sinceSeq: state().liveSeq });
    // A failure needs nothing: the next push brings the state anyway.
    if (ack.ok && !stopped) state().sessionSnapshotReceived(ack.data.seq, ack.data.state);
  };

  socket.on('connect', () => {
    state().setSocketStatus('connected');
    void syncClock(socket);
    // The server pushes a snapshot on every connect; asking as well covers a push lost in between.
    if (wasConnected) void resync();
    wasConnected = true;
    hooks.connected();
  });
  socket.on('session:updated', (snapshot) => {
    if (!stopped) state().sessionSnapshotReceived(snapshot.seq, snapshot.state);
  });
  socket.on('room:assigned', (assignment) => {
    if (!stopped) hooks.roomAssigned(assignment);
  });
  socket.on('session:alerted', (alert) => {
    if (!stopped) state().alertReceived(alert);
  });
  socket.on('media:presence', (presence) => {
    if (!stopped) state().mediaPresenceReceived(presence);
  });
  socket.on('media:speaking', (update) => {
    if (!stopped) state().speakingChanged(update);
  });
  socket.on('disconnect', (reason) => {
    if (stopped || reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') {
      // The server closed us on purpose (e.g. invite revoked); socket.io will not retry.
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'disconnected' });
    } else {
      state().setSocketStatus('reconnecting');
    }
  });
  socket.on('connect_error', (error) => {
    if (stopped) return;
    const code = connectErrorCode(error);
    if (code === 'protocol_mismatch') {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'protocol_mismatch' });
    } else if (code === 'unauthorized' || code === 'forbidden' || code === 'not_found') {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'unauthorized' });
    } else if (socket.active) {
      // A transport failure: socket.io retries with backoff on its own.
      state().setSocketStatus(state().socketStatus === 'connecting' ? 'connecting' : 'reconnecting');
    } else {
      state().setSocketStatus('disconnected');
      state().setSessionError({ kind: 'disconnected' });
    }
  });
  socket.on('webinar:updated', (webinar) => {
    if (stopped) return;
    state().webinarUpdated(webinar);
    state().namesLearned(Object.fromEntries(webinar.present.map((p) => [p.id, p.name])));
    if (webinar.status === 'live') hooks.webinarLive();
  });

  return {
    stop: () => {
      stopped = true;
    },
  };
}
