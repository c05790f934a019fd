/** Reads the contract's error code out of a socket.io `connect_error`. */
import type { ErrorCode } from '@rundgang/shared';
import { isErrorCode } from '../api/http.ts';

/**
 * The server rejects a handshake with `next(err)` where `err.data = { code, message }`;
 * older paths may put the code in the message. Transport failures carry neither: null.
 */
export function connectErrorCode(error: unknown): ErrorCode | null {
  if (typeof error !== 'object' || error === null) return null;
  const { data, message } = error as { data?: unknown; message?: unknown };
  if (typeof data === 'object' && data !== null) {
    const code = (data as { code?: unknown }).code;
    if (isErrorCode(code)) return code;
  }
  return isErrorCode(message) ? message : null;
}
