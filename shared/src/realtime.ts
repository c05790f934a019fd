/**
 * The socket.io contract, declared once for both sides. Requests are imperative
 * (`livekit:token`), facts past tense (`webinar:updated`); every request acks with {@link Ack}.
 */
import { z } from 'zod';
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

/** Who is on the other end of a socket. */
export type SocketIdentity =
  | { kind: 'facilitator'; facilitatorId: string; name: string; webinarId: string; seriesId: string }
  | { kind: 'participant'; participantId: string; name: string; webinarId: string; seriesId: string };

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
  kind: 'facilitator' | 'participant';
}

/** Public webinar state broadcast to everyone in it (never feedback contents). */
export interface WebinarPublicState {
  webinarId: string;
  title: string;
  status: 'planned' | 'live' | 'ended';
  present: PresenceEntry[];
}

/** Events the client emits (requests, each with an ack). */
export interface ClientToServerEvents {
  'livekit:token': (
    payload: z.infer<typeof LiveKitTokenRequest>,
    ack: (res: Ack<LiveKitGrant>) => void,
  ) => void;
  'clock:ping': (payload: z.infer<typeof ClockPing>, ack: (res: Ack<ClockPong>) => void) => void;
}

/** Events the server emits (facts). */
export interface ServerToClientEvents {
  'webinar:updated': (state: WebinarPublicState) => void;
}
