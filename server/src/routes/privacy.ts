/**
 * Privacy by design (GDPR art. 15, 17, 20): a participant downloads everything stored about them
 * with their invite link; a facilitator of the series deletes a participant, which removes the
 * feedback cards they wrote and received with them.
 */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { cardsReceivedInSeries, cardsWrittenInSeries } from '../db/feedback-cards.ts';
import { deleteParticipant } from '../db/repo.ts';
import { readableCards } from '../engine/feedback.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

/** Registers the privacy routes. */
export async function privacyRoutes(app: FastifyInstance) {
  const { db } = app;

  serve(app, httpRoutes.inviteExport, async (_req, reply, { participant: p }) => {
    reply.header('content-disposition', 'attachment; filename="rundgang-mine-data.json"');
    reply.header('cache-control', 'no-store');
    return {
      exportedAt: new Date().toISOString(),
      participant: {
        id: p.id,
        name: p.name,
        municipality: p.municipality,
        workplace: p.workplace,
        email: p.email,
        profession: p.profession,
      },
      feedbackWritten: await cardsWrittenInSeries(db, p.id),
      // A card held back from its guide for now is not theirs to read yet (nor to export).
      feedbackReceived: await readableCards(
        db,
        { kind: 'participant', id: p.id },
        await cardsReceivedInSeries(db, p.id),
      ),
    };
  });

  serve(app, httpRoutes.deleteParticipant, async (req, reply, { webinar: w }) => {
    if (!(await deleteParticipant(db, w.series_id, req.params.participantId))) {
      throw new AppError('not_found', 'No such participant in this series');
    }
    // Gone from the database is not enough: their open sockets and media end now too.
    await app.realtime.removeParticipant(w.series_id, req.params.participantId);
    reply.code(204);
  });
}
