/** The typed socket.io connection to the server, one per session. */
import {
  type ClientToServerEvents,
  type HandshakeAuth,
  PROTOCOL_VERSION,
  RECONNECTION,
  type ServerToClientEvents,
} from '@rundgang/shared';
import { io, type Socket } from 'socket.io-client';
import type { SessionTarget } from '../store/session-slice.ts';

/** A socket typed by the shared contract. */
export type RundgangSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How long any request waits for its ack. Set once on the socket (not per emit with
 * `timeout()`, whose decorated types lose the ack's type) so every caller uses the same wait.
 */
export const ACK_TIMEOUT_MS = 10_000;

/** The handshake auth for a session: always the protocol version, plus who is joining. */
export function handshakeAuth(target: SessionTarget): HandshakeAuth {
  return target.kind === 'participant'
    ? { protocol: PROTOCOL_VERSION, invite: target.invite }
    : { protocol: PROTOCOL_VERSION, webinarId: target.webinarId };
}

/** Creates (but does not connect) a same-origin socket; facilitators are identified by cookie. */
export function createSocket(target: SessionTarget): RundgangSocket {
  return io({
    autoConnect: false,
    auth: handshakeAuth(target),
    withCredentials: true,
    ackTimeout: ACK_TIMEOUT_MS,
    ...RECONNECTION,
  });
}
