/** Unguessable tokens (invites, sessions, setup) and their stored hashes. */
import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token with 192 bits of entropy. */
export const newToken = (): string => randomBytes(24).toString('base64url');

/** SHA-256 of a token, for storage: a leaked table does not leak live sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
