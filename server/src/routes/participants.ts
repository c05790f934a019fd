/**
 * A series' roster for its facilitators: add, edit and remove participants by hand, preview and
 * import a CSV or pasted cells (nothing saved until confirmed; all rows in one transaction),
 * and export the roster with invite links for a mail merge.
 */
import { httpRoutes, previewRosterImport, type RosterParticipant, rosterToCsv } from '@rundgang/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newToken } from '../auth/tokens.ts';
import { isUniqueViolation } from '../db/db.ts';
import { deleteParticipant, type ParticipantRow, participantsOfSeries } from '../db/repo.ts';
import {
  importRoster,
  insertRosterParticipant,
  seriesForInvites,
  updateRosterParticipant,
} from '../db/roster.ts';
import { AppError } from '../errors.ts';
import { inviteMail } from '../mail/invite-mail.ts';
import { Mailer } from '../mail/mailer.ts';
import { serve } from '../plugins/http-contract.ts';

/** A participant row as the roster shows it. */
export const rosterParticipant = (p: ParticipantRow): RosterParticipant => ({
  id: p.id,
  name: p.name,
  email: p.email,
  municipality: p.municipality,
  workplace: p.workplace,
  profession: p.profession,
  invitePath: `/join/${p.invite_token}`,
});

/** The origin invite links start with: PUBLIC_URL when set, else the one the facilitator used. */
export function linkOrigin(publicUrl: string | undefined, req: FastifyRequest): string {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.host}`;
}

const emailTaken = () => new AppError('conflict', 'Someone in this series has this email address already');

/** Registers the roster routes. */
export async function participantRoutes(app: FastifyInstance) {
  const { db, config } = app;
  const mailer = config.smtpUrl ? new Mailer(config.smtpUrl, config.mailFrom) : null;
  const mailConfigured = mailer !== null;
  app.addHook('onClose', async () => mailer?.close());

  serve(app, httpRoutes.seriesRoster, async (_req, _reply, { seriesId }) => ({
    participants: (await participantsOfSeries(db, seriesId)).map(rosterParticipant),
    mailConfigured,
  }));

  serve(app, httpRoutes.addSeriesParticipant, async (req, reply, { seriesId }) => {
    try {
      const p = await insertRosterParticipant(db, seriesId, req.body, newToken());
      reply.code(201);
      return { participant: rosterParticipant(p) };
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  });

  serve(app, httpRoutes.updateSeriesParticipant, async (req, _reply, { seriesId }) => {
    try {
      const p = await updateRosterParticipant(db, seriesId, req.params.participantId, req.body);
      if (!p) throw new AppError('not_found', 'No such participant in this series');
      return { participant: rosterParticipant(p) };
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  });

  serve(app, httpRoutes.removeSeriesParticipant, async (req, reply, { seriesId }) => {
    if (!(await deleteParticipant(db, seriesId, req.params.participantId))) {
      throw new AppError('not_found', 'No such participant in this series');
    }
    // Someone taken off the roster loses their open sockets and LiveKit sessions at once.
    await app.realtime.removeParticipant(seriesId, req.params.participantId);
    reply.code(204);
  });

  serve(app, httpRoutes.previewRosterImport, async (req, _reply, { seriesId }) => ({
    preview: previewRosterImport(req.body.text, await participantsOfSeries(db, seriesId)),
  }));

  serve(app, httpRoutes.importRoster, async (req, reply, { seriesId }) => {
    // Checked again here, against the roster as it is now: the preview may be minutes old.
    const preview = previewRosterImport(req.body.text, await participantsOfSeries(db, seriesId));
    if (preview.fileError)
      throw new AppError('bad_request', `The file cannot be imported: ${preview.fileError}`);
    if (preview.errorCount > 0 && !req.body.skipInvalid) {
      throw new AppError('conflict', `${preview.errorCount} rows have errors; nothing was imported`);
    }
    const entries = preview.rows.flatMap((row) => (row.entry ? [row.entry] : []));
    if (entries.length === 0) throw new AppError('bad_request', 'There is no one to import');
    try {
      const rows = await importRoster(db, seriesId, entries, newToken);
      reply.code(201);
      return { imported: rows.map(rosterParticipant) };
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  });

  serve(app, httpRoutes.sendInvites, async (req, _reply, { seriesId, facilitator }) => {
    if (!mailer) throw new AppError('conflict', 'Email is not configured on this server (SMTP_URL)');
    const wanted = req.body.participantIds ? new Set(req.body.participantIds) : null;
    const chosen = (await participantsOfSeries(db, seriesId)).filter((p) => !wanted || wanted.has(p.id));
    const series = await seriesForInvites(db, seriesId);
    const origin = linkOrigin(config.publicUrl, req);
    const messages = chosen.flatMap((p) =>
      p.email
        ? [
            inviteMail(p.email, {
              participantName: p.name,
              seriesTitle: series.title,
              webinars: series.webinars,
              link: `${origin}/join/${p.invite_token}`,
              facilitatorName: facilitator.name,
              language: req.body.language,
            }),
          ]
        : [],
    );
    const result = await mailer.sendAll(messages);
    if (result.failures.length > 0) {
      req.log.warn({ failed: result.failures.length, codes: result.failures }, 'some invite emails failed');
    }
    return {
      sent: result.sent,
      withoutEmail: chosen.length - messages.length,
      failed: result.failures.length,
    };
  });

  serve(app, httpRoutes.rosterCsv, async (req, reply, { seriesId }) => {
    const participants = (await participantsOfSeries(db, seriesId)).map(rosterParticipant);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="deltakere-${seriesId}.csv"`);
    reply.header('cache-control', 'no-store');
    return rosterToCsv(participants, linkOrigin(config.publicUrl, req), req.query.lang);
  });
}
