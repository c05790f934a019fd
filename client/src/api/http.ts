/**
 * The one place that talks HTTP to the server (its transport; {@link callApi} adds the route table). Every failure becomes an {@link ApiRequestError}
 * carrying the contract's error code, so the UI can translate it instead of echoing server text.
 */
import { ERROR_CODES, type ErrorCode, type RequestErrorCode } from '@rundgang/shared';

/** A failed request, with the code from the `{ error: { code, message } }` body when there was one. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Narrows an unknown value to a known error code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Maps an HTTP status to the closest contract code, for bodies that carry none. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  return 'internal';
}

/** Reads `{ error: { code, message } }` from a parsed error body, falling back to the status. */
export function errorFromBody(status: number, body: unknown): ApiRequestError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return new ApiRequestError(
      isErrorCode(code) ? code : codeForStatus(status),
      typeof message === 'string' ? message : `HTTP ${status}`,
      status,
    );
  }
  return new ApiRequestError(codeForStatus(status), `HTTP ${status}`, status);
}

/** The error code of anything thrown by the client (unknown throws count as internal). */
export function errorCodeOf(error: unknown): RequestErrorCode {
  return error instanceof ApiRequestError ? error.code : 'internal';
}

const REQUEST_TIMEOUT_MS = 15_000;

/** A successful answer: its status and body (parsed JSON, the text of a non-JSON body, or undefined). */
export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Sends one request; any failure (network, timeout, non-2xx) throws an {@link ApiRequestError}. */
export async function sendRequest(
  method: string,
  url: string,
  body: unknown,
  accept: 'application/json' | 'text/csv' = 'application/json',
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      // The session cookie is HttpOnly and same-origin; never send it anywhere else.
      credentials: 'same-origin',
      headers: body === undefined ? { accept } : { 'content-type': 'application/json', accept },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiRequestError(timedOut ? 'timeout' : 'network', String(error));
  }
  const text = await response.text();
  if (response.ok && accept !== 'application/json') return { status: response.status, body: text };
  let parsed: unknown;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw errorFromBody(response.status, parsed);
  return { status: response.status, body: parsed };
}
