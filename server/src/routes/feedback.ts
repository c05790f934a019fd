/**
 * Feedback over HTTP: the facilitator's CSV export of a webinar's cards, and a participant's own
 * received cards (for printing), authorised by their invite link. A card that is not the
 * caller's — or is held back from its guide for now — answers 404, exactly like one that does
 * not exist.
 */
import { cardsToCsv, IdParams, InviteParams } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { requireFacilitator } from '../auth/session.ts';
import { cardFor, cardsOfWebinar, cardsReceivedInSeries } from '../db/feedback-cards.ts';
import { participantByInvite, webinarOfFacilitator } from '../db/repo.ts';
import { themesOfSeries } from '../db/series-themes.ts';
import { readableCards } from '../engine/feedback.ts';
import { AppError, parseOr400 } from '../errors.ts';

const CardParams = InviteParams.extend({ cardId: z.uuid() });
const CsvQuery = z.object({ lang: z.enum(['nb', 'en']).default('nb') });

/** Registers the feedback routes. */
export async function feedbackRoutes(app: FastifyInstance, { db }: AppDeps) {
  app.get('/api/webinars/:id/feedback.csv', async (req, reply) => {
    const f = await requireFacilitator(db, req);
    const { id } = parseOr400(IdParams, req.params);
    const { lang } = parseOr400(CsvQuery, req.query);
    const w = await webinarOfFacilitator(db, f.id, id);
    if (!w) throw new AppError('not_found', 'No such webinar');
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

  app.get('/api/invites/:token/feedback', async (req, reply) => {
    const { token } = parseOr400(InviteParams, req.params);
    const p = await participantByInvite(db, token);
    if (!p) throw new AppError('not_found', 'This invite link is not valid');
    reply.header('cache-control', 'no-store');
    const reader = { kind: 'participant', id: p.id } as const;
    return { cards: await readableCards(db, reader, await cardsReceivedInSeries(db, p.id)) };
  });

  // The print page has no socket: it reads the series' themes (labels) here.
  app.get('/api/invites/:token/themes', async (req) => {
    const { token } = parseOr400(InviteParams, req.params);
    const p = await participantByInvite(db, token);
    if (!p) throw new AppError('not_found', 'This invite link is not valid');
    return { themes: await themesOfSeries(db, p.series_id) };
  });

  app.get('/api/invites/:token/feedback/:cardId', async (req, reply) => {
    const { token, cardId } = parseOr400(CardParams, req.params);
    const p = await participantByInvite(db, token);
    if (!p) throw new AppError('not_found', 'This invite link is not valid');
    const reader = { kind: 'participant', id: p.id } as const;
    const stored = await cardFor(db, cardId, reader);
    const [card] = stored ? await readableCards(db, reader, [stored]) : [];
    if (!card) throw new AppError('not_found', 'No such feedback card');
    reply.header('cache-control', 'no-store');
    return { card };
  });
}
