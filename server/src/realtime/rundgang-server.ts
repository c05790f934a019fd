/**
 * socket.io's server and socket types bound to the shared contract, so every place the server
 * emits is checked against `ServerToClientEvents`: a renamed event or a wrong payload is a
 * compile error, not a silent message nobody listens to.
 */
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@rundgang/shared';
import type { Server, Socket } from 'socket.io';

/** One server process, no events between servers. */
type NoInterServerEvents = Record<string, never>;

/** The typed socket.io server. */
export type RundgangServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  NoInterServerEvents,
  SocketData
>;

/** One typed connection. */
export type RundgangSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  NoInterServerEvents,
  SocketData
>;

/** What the server emits facts through: `to(room)` of the typed server (a `BroadcastOperator`). */
export type Emitter = Pick<RundgangServer, 'to'>;
