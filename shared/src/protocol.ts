/**
 * The wire protocol's version and the ack envelope every socket request answers with.
 * Why: an old tab must get a clear "reload" rather than misbehave after a deploy, and every
 * request must answer with either data or a typed rejection (never silence).
 */
import { z } from 'zod';

/** Bumped on any incompatible change to socket events or payloads. */
export const PROTOCOL_VERSION = 1;

/** Error codes the server answers with, over HTTP and socket acks alike. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'protocol_mismatch',
  'livekit_unavailable',
  'database_unavailable',
  'internal',
] as const;
/** One of {@link ERROR_CODES}. */
export const ErrorCode = z.enum(ERROR_CODES);
/** One of {@link ERROR_CODES}. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Failures the client reports for a request that never got an answer: the socket was not
 * connected, or no ack came in time. The server never sends these.
 */
export const CLIENT_ERROR_CODES = ['network', 'timeout'] as const;
/** One of {@link CLIENT_ERROR_CODES}. */
export const ClientErrorCode = z.enum(CLIENT_ERROR_CODES);
/** One of {@link CLIENT_ERROR_CODES}. */
export type ClientErrorCode = z.infer<typeof ClientErrorCode>;

/** Every way a request can fail as the client sees it: the server's codes and its own. */
export const RequestErrorCode = z.enum([...ERROR_CODES, ...CLIENT_ERROR_CODES]);
/** One of {@link ERROR_CODES} or {@link CLIENT_ERROR_CODES}. */
export type RequestErrorCode = z.infer<typeof RequestErrorCode>;

/** The error half of every ack and every HTTP error body. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What every socket request's ack callback receives. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** A failure the client saw itself (see {@link CLIENT_ERROR_CODES}). */
export interface ClientError {
  code: ClientErrorCode;
  message: string;
}

/** What a request resolves with on the client: the server's ack, or a failure before any ack. */
export type RequestOutcome<T> = Ack<T> | { ok: false; error: ClientError };

/** Builds a successful ack. */
export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
/** Builds a failed ack. */
export const fail = (code: ErrorCode, message: string): Ack<never> => ({
  ok: false,
  error: { code, message },
});

/** Largest socket message the server accepts (bytes). */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * How clients reconnect after a server restart: retries start at 300 ms and grow to at most 2 s,
 * each spread by ±50 % so sixty tabs do not knock at the same moment — every client tries again
 * within 2 s of the server listening and is synced within 3 s (socket.io's default, up to 5 s
 * between tries, made people wait 2–5 s). socket.io-client options.
 */
export const RECONNECTION = {
  reconnectionDelay: 300,
  reconnectionDelayMax: 2_000,
  randomizationFactor: 0.5,
} as const;
