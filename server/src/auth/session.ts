/**
 * Facilitator sessions: an HttpOnly SameSite cookie holding a random token; the database keeps
 * only its hash. Used by HTTP routes and by the socket handshake alike.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/db.ts';
import { deleteSession, type FacilitatorRow, facilitatorBySession, insertSession } from '../db/repo.ts';
import { AppError } from '../errors.ts';
import { hashToken, newToken } from './tokens.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'rg_session';
const SESSION_DAYS = 14;

/** Starts a session and sets its cookie. */
export async function startSession(
  db: Queryable,
  reply: FastifyReply,
  facilitatorId: string,
  secure: boolean,
) {
  const token = newToken();
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await insertSession(db, hashToken(token), facilitatorId, expires);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

/** Ends the session of this request, if any, and clears the cookie. */
export async function endSession(db: Queryable, req: FastifyRequest, reply: FastifyReply) {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await deleteSession(db, hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The facilitator behind a session token, if valid. */
export async function facilitatorForToken(
  db: Queryable,
  token: string | undefined,
): Promise<FacilitatorRow | undefined> {
  if (!token || token.length > 200) return undefined;
  return facilitatorBySession(db, hashToken(token));
}

/** The signed-in facilitator of a request, or a 401. */
export async function requireFacilitator(db: Queryable, req: FastifyRequest): Promise<FacilitatorRow> {
  const f = await facilitatorForToken(db, req.cookies[SESSION_COOKIE]);
  if (!f) throw new AppError('unauthorized', 'Sign in as a facilitator first');
  return f;
}
