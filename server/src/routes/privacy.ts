/**
 * Privacy by design (GDPR art. 15, 17, 20): a participant downloads everything stored about them
 * with their invite link; a facilitator of the series deletes a participant, which removes the
 * feedback cards they wrote and received with them.
 */
import { IdParams, InviteParams } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { requireFacilitator } from '../auth/session.ts';
import { cardsReceivedInSeries, cardsWrittenInSeries } from '../db/feedback-cards.ts';
import { deleteParticipant, participantByInvite, webinarOfFacilitator } from '../db/repo.ts';
import { readableCards } from '../engine/feedback.ts';
import { AppError, parseOr400 } from '../errors.ts';

const ParticipantParams = IdParams.extend({ participantId: z.uuid() });

/** Registers the privacy routes. */
export async function privacyRoutes(app: FastifyInstance, { db }: AppDeps) {
  app.get('/api/invites/:token/export', async (req, reply) => {
    const { token } = parseOr400(InviteParams, req.params);
    const p = await participantByInvite(db, token);
    if (!p) throw new AppError('not_found', 'This invite link is not valid');
    reply.header('content-disposition', 'attachment; filename="rundgang-mine-data.json"');
    reply.header('cache-control', 'no-store');
    return {
      exportedAt: new Date().toISOString(),
      participant: { id: p.id, name: p.name, municipality: p.municipality, workplace: p.workplace },
      feedbackWritten: await cardsWrittenInSeries(db, p.id),
      // A card held back from its guide for now is not theirs to read yet (nor to export).
      feedbackReceived: await readableCards(
        db,
        { kind: 'participant', id: p.id },
        await cardsReceivedInSeries(db, p.id),
      ),
    };
  });

  app.delete('/api/webinars/:id/participants/:participantId', async (req, reply) => {
    const f = await requireFacilitator(db, req);
    const { id, participantId } = parseOr400(ParticipantParams, req.params);
    const w = await webinarOfFacilitator(db, f.id, id);
    if (!w) throw new AppError('not_found', 'No such webinar');
    if (!(await deleteParticipant(db, w.series_id, participantId))) {
      throw new AppError('not_found', 'No such participant in this series');
    }
    reply.code(204);
  });
}
