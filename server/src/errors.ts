/**
 * Typed HTTP errors, zod parsing that turns bad input into a clear 400, and the mapping of
 * database failures to typed codes — so input never becomes a 500 and a database error, whose
 * message and detail may quote what a person wrote, is never logged as it came.
 */
import type { ApiError, ErrorCode } from '@rundgang/shared';
import type { z } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  protocol_mismatch: 426,
  livekit_unavailable: 503,
  database_unavailable: 503,
  internal: 500,
};

/** An error with a code the client can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
  toJSON(): { error: ApiError } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Describes zod issues in one line a person can read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** Parses input with a schema or throws a 400 AppError naming the invalid fields. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('bad_request', describeIssues(result.error));
  return result.data;
}

// Node socket errors that mean the database cannot be reached at all.
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
]);

/** The SQLSTATE (or Node errno) of a database error; undefined for anything else. */
function databaseCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True for errors of a pool or client that lost (or never got) its connection. */
function isConnectionFailure(err: unknown, code: string | undefined): boolean {
  if (code && (CONNECTION_ERRNOS.has(code) || /^(08|53|57P0)/.test(code) || code === '57014')) return true;
  // node-postgres says these in words only (pool or connection timeouts, a dropped connection).
  const message = err instanceof Error ? err.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout/i.test(
    message,
  );
}

/**
 * A database error as the AppError a person should get, or undefined when `err` is not one the
 * database raised: unreachable or too slow → `database_unavailable`; data the database refused
 * (class 22: bad encoding, too long, out of range; 23514 check) → `bad_request`; a key taken or
 * gone → `conflict`.
 */
export function databaseErrorAsAppError(err: unknown): AppError | undefined {
  const code = databaseCode(err);
  if (isConnectionFailure(err, code))
    return new AppError('database_unavailable', 'The database is not reachable');
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code.startsWith('22') || code === '23514' || code === '23502') {
    return new AppError('bad_request', 'The input could not be stored');
  }
  if (code.startsWith('23')) return new AppError('conflict', 'This conflicts with what is already stored');
  return undefined;
}

/**
 * What may be logged of an error: for a database error only its code, constraint and routine
 * (its message, detail and where may quote user content); for anything else name and stack.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (typeof err !== 'object' || err === null) return { value: typeof err };
  const e = err as {
    name?: unknown;
    code?: unknown;
    constraint?: unknown;
    routine?: unknown;
    stack?: unknown;
  };
  if (typeof e.code === 'string') {
    return { name: e.name, code: e.code, constraint: e.constraint, routine: e.routine };
  }
  return { name: e.name, stack: e.stack };
}
