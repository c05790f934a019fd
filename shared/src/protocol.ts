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
  'internal',
] as const;
/** One of {@link ERROR_CODES}. */
export const ErrorCode = z.enum(ERROR_CODES);
/** One of {@link ERROR_CODES}. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The error half of every ack and every HTTP error body. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What every socket request's ack callback receives. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Builds a successful ack. */
export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });
/** Builds a failed ack. */
export const fail = (code: ErrorCode, message: string): Ack<never> => ({
  ok: false,
  error: { code, message },
});

/** Largest socket message the server accepts (bytes). */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
