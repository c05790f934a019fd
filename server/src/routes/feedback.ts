/**
 * Feedback over HTTP: the facilitator's CSV export of a webinar's cards, and a participant's own
 * received cards (for printing), authorised by their invite link. A card that is not the
 * caller's — or is held back from its guide for now — answers 404, exactly like one that does
 * not exist.
 */
import { cardsToCsv, httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { cardFor, cardsOfWebinar, cardsReceivedInSeries } from '../db/feedback-cards.ts';
import { themesOfSeries } from '../db/series-themes.ts';
import { readableCards } from '../engine/feedback.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

/** Registers the feedback routes. */
export async function feedbackRoutes(app: FastifyInstance) {
  const { db } = app;

  serve(app, httpRoutes.feedbackCsv, async (req, reply, { webinar: w }) => {
    const { lang } = req.query;
    const cards = await cardsOfWebinar(db, w.id);
    const csv = cardsToCsv(
      cards.map((c) => ({ ...c, submittedAt: Date.parse(c.submittedAt) })),
      await themesOfSeries(db, w.series_id),
      { language: lang, bom: true, delimiter: ';' },
    );
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="tilbakemeldinger-${w.id}.csv"`);
    reply.header('cache-control', 'no-store');
    return csv;
  });

  serve(app, httpRoutes.inviteFeedback, async (_req, reply, { participant: p }) => {
    reply.header('cache-control', 'no-store');
    const reader = { kind: 'participant', id: p.id } as const;
    return { cards: await readableCards(db, reader, await cardsReceivedInSeries(db, p.id)) };
  });

  // The print page has no socket: it reads the series' themes (labels) here.
  serve(app, httpRoutes.inviteThemes, async (_req, _reply, { participant: p }) => ({
    themes: await themesOfSeries(db, p.series_id),
  }));

  serve(app, httpRoutes.inviteFeedbackCard, async (req, reply, { participant: p }) => {
    const reader = { kind: 'participant', id: p.id } as const;
    const stored = await cardFor(db, req.params.cardId, reader);
    const [card] = stored ? await readableCards(db, reader, [stored]) : [];
    if (!card) throw new AppError('not_found', 'No such feedback card');
    reply.header('cache-control', 'no-store');
    return { card };
  });
}
