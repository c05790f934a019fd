/** Reads the contract's error code out of a socket.io `connect_error`. */
import { ErrorCode } from '@rundgang/shared';

/**
 * The server rejects a handshake with `next(err)` where `err.data = { code, message }`;
 * older paths may put the code in the message. Transport failures carry neither: null.
 */
export function connectErrorCode(error: unknown): ErrorCode | null {
  if (typeof error !== 'object' || error === null) return null;
  const { data, message } = error as { data?: unknown; message?: unknown };
  if (typeof data === 'object' && data !== null) {
    const code = ErrorCode.safeParse((data as { code?: unknown }).code);
    if (code.success) return code.data;
  }
  const fromMessage = ErrorCode.safeParse(message);
  return fromMessage.success ? fromMessage.data : null;
}
