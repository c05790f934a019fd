/**
 * LiveKit webhooks: verified against our API secret (the Authorization header is the raw JWT)
 * before anything is believed. They report who is connected to which room.
 */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

/** Registers the webhook route; verified join/leave events go to the realtime layer. */
export async function livekitWebhookRoutes(app: FastifyInstance) {
  const { livekit, realtime } = app;
  // The signature covers the exact text, so the body stays a string.
  app.addContentTypeParser('application/webhook+json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  serve(app, httpRoutes.livekitWebhook, async (req) => {
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
      realtime.mediaEvent({
        event: event.event,
        room: event.room.name,
        identity: event.participant.identity,
      });
    }
    return { ok: true } as const;
  });
}
