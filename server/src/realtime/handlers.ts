/**
 * Every socket request, registered from one table. Each entry names its payload schema and its
 * policy (who may call it); one wrapper does validation, policy, rate limiting and error mapping,
 * so a handler only holds the domain step and can never crash the server on bad input.
 */
import {
  type Ack,
  type ClientToServerEvents,
  ClockPing,
  fail,
  LiveKitTokenRequest,
  ok,
  type SocketIdentity,
} from '@rundgang/shared';
import type { z } from 'zod';
import type { Db } from '../db/db.ts';
import { AppError, describeIssues } from '../errors.ts';
import type { LiveKitAdapter } from '../livekit/adapter.ts';
import { plenaryRoom } from './rooms.ts';

/** Who may call a handler. */
export type Policy = 'anyone_in_webinar' | 'facilitator';

/** What a handler can reach. */
export interface HandlerContext {
  identity: SocketIdentity;
  db: Db;
  livekit: LiveKitAdapter;
}

interface HandlerSpec<S extends z.ZodType, R> {
  schema: S;
  policy: Policy;
  handle: (payload: z.infer<S>, ctx: HandlerContext) => Promise<R>;
}

/** A handler entry with its result type erased, for generic registration. */
export type HandlerSpecAny = HandlerSpec<z.ZodType, unknown>;

const spec = <S extends z.ZodType, R>(s: HandlerSpec<S, R>) => s;

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  res: Ack<infer T>,
) => void
  ? T
  : never;

/** The table of socket request handlers; its keys must be exactly the client's events. */
export const handlers: { [E in keyof ClientToServerEvents]: HandlerSpec<z.ZodType, AckData<E>> } = {
  'clock:ping': spec({
    schema: ClockPing,
    policy: 'anyone_in_webinar',
    handle: async (p) => ({ clientSentAt: p.clientSentAt, serverTime: Date.now() }),
  }),
  'livekit:token': spec({
    schema: LiveKitTokenRequest,
    policy: 'anyone_in_webinar',
    handle: async (_p, { identity, livekit }) => {
      const room = plenaryRoom(identity.webinarId);
      const lkIdentity =
        identity.kind === 'facilitator' ? `f:${identity.facilitatorId}` : `p:${identity.participantId}`;
      try {
        await livekit.ensureRoom(room, { emptyTimeout: 600, departureTimeout: 60 });
        const minted = await livekit.mintToken({
          room,
          identity: lkIdentity,
          name: identity.name,
          grant: { canPublish: true, canSubscribe: true, canPublishData: true },
        });
        return {
          url: livekit.url,
          token: minted.token,
          room,
          identity: lkIdentity,
          expiresAt: minted.expiresAt.toISOString(),
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('livekit_unavailable', 'The media server is not reachable right now');
      }
    },
  }),
};

/** True when the identity satisfies the policy. */
export function allowed(policy: Policy, identity: SocketIdentity): boolean {
  return policy === 'anyone_in_webinar' || identity.kind === 'facilitator';
}

/** Runs one request through validation, policy and its handler; always produces an ack. */
export async function dispatch<R>(
  entry: HandlerSpec<z.ZodType, R>,
  payload: unknown,
  ctx: HandlerContext,
  onError: (err: unknown) => void,
): Promise<Ack<R>> {
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) return fail('bad_request', describeIssues(parsed.error));
  if (!allowed(entry.policy, ctx.identity)) return fail('forbidden', 'Only a facilitator may do this');
  try {
    return ok(await entry.handle(parsed.data, ctx));
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message);
    onError(err);
    return fail('internal', 'Something went wrong on the server');
  }
}
