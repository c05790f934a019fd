/**
 * LiveKit webhooks: verified against our API secret (the Authorization header is the raw JWT)
 * before anything is believed. They report who is connected to which room.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { AppError } from '../errors.ts';

/** Path LiveKit posts webhooks to. */
export const WEBHOOK_PATH = '/api/livekit/webhook';

/** A participant joined or left a LiveKit room. */
export interface MediaPresenceEvent {
  event: 'participant_joined' | 'participant_left';
  room: string;
  identity: string;
}

/** Registers the webhook route; onPresence receives verified join/leave events. */
export async function livekitWebhookRoutes(
  app: FastifyInstance,
  { livekit, onPresence }: AppDeps & { onPresence: (e: MediaPresenceEvent) => void },
) {
  app.addContentTypeParser('application/webhook+json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.post(WEBHOOK_PATH, async (req) => {
    if (typeof req.body !== 'string') throw new AppError('bad_request', 'Expected application/webhook+json');
    let event: Awaited<ReturnType<typeof livekit.receiveWebhook>>;
    try {
      event = await livekit.receiveWebhook(req.body, req.headers.authorization);
    } catch {
      throw new AppError('unauthorized', 'Webhook signature is not valid');
    }
    if (
      (event.event === 'participant_joined' || event.event === 'participant_left') &&
      event.room &&
      event.participant
    ) {
      onPresence({ event: event.event, room: event.room.name, identity: event.participant.identity });
    }
    return { ok: true };
  });
}
