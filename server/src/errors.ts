/** Typed HTTP errors and zod parsing that turns bad input into a clear 400, never a crash. */
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
