/** Webinar and participant routes for facilitators, and invite lookup for participants. */
import {
  CreateParticipantBody,
  CreateWebinarBody,
  IdParams,
  InviteParams,
  type ParticipantWithInvite,
  paths,
  type WebinarSummary,
} from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { requireFacilitator } from '../auth/session.ts';
import { newToken } from '../auth/tokens.ts';
import {
  insertParticipant,
  insertWebinarInNewSeries,
  type ParticipantRow,
  participantsOfSeries,
  resolveInvite,
  setWebinarStatus,
  type WebinarRow,
  webinarOfFacilitator,
  webinarsOfFacilitator,
} from '../db/repo.ts';
import { AppError, parseOr400 } from '../errors.ts';

const summary = (w: WebinarRow): WebinarSummary => ({
  id: w.id,
  seriesId: w.series_id,
  title: w.title,
  status: w.status,
  createdAt: new Date(w.created_at).toISOString(),
});

const withInvite = (p: ParticipantRow): ParticipantWithInvite => ({
  id: p.id,
  name: p.name,
  municipality: p.municipality,
  workplace: p.workplace,
  invitePath: `/join/${p.invite_token}`,
});

/** Registers the webinar routes. */
export async function webinarRoutes(
  app: FastifyInstance,
  { db, realtime }: AppDeps & { realtime: RealtimeHooks },
) {
  const ownWebinar = async (facilitatorId: string, params: unknown) => {
    const { id } = parseOr400(IdParams, params);
    const w = await webinarOfFacilitator(db, facilitatorId, id);
    if (!w) throw new AppError('not_found', 'No such webinar');
    return w;
  };

  app.get(paths.webinars, async (req) => {
    const f = await requireFacilitator(db, req);
    return { webinars: (await webinarsOfFacilitator(db, f.id)).map(summary) };
  });

  app.post(paths.webinars, async (req, reply) => {
    const f = await requireFacilitator(db, req);
    const body = parseOr400(CreateWebinarBody, req.body);
    const w = await db.transaction((tx) => insertWebinarInNewSeries(tx, f.id, body.title));
    reply.code(201);
    return { webinar: summary(w) };
  });

  app.get('/api/webinars/:id', async (req) => {
    const f = await requireFacilitator(db, req);
    const w = await ownWebinar(f.id, req.params);
    return {
      webinar: { ...summary(w), participants: (await participantsOfSeries(db, w.series_id)).map(withInvite) },
    };
  });

  app.post('/api/webinars/:id/participants', async (req, reply) => {
    const f = await requireFacilitator(db, req);
    const w = await ownWebinar(f.id, req.params);
    const body = parseOr400(CreateParticipantBody, req.body);
    const p = await insertParticipant(db, { seriesId: w.series_id, ...body, inviteToken: newToken() });
    reply.code(201);
    return { participant: withInvite(p) };
  });

  app.post('/api/webinars/:id/open', async (req) => {
    const f = await requireFacilitator(db, req);
    const w = await ownWebinar(f.id, req.params);
    const updated = await setWebinarStatus(db, w.id, 'live');
    realtime.webinarChanged(updated.id);
    return { webinar: summary(updated) };
  });

  app.get('/api/invites/:token', async (req) => {
    const { token } = parseOr400(InviteParams, req.params);
    const found = await resolveInvite(db, token);
    if (!found) throw new AppError('not_found', 'This invite link is not valid');
    return {
      participant: { id: found.participant.id, name: found.participant.name },
      webinar: { id: found.webinar.id, title: found.webinar.title, status: found.webinar.status },
    };
  });
}

/** What routes tell the realtime layer. */
export interface RealtimeHooks {
  webinarChanged(webinarId: string): void;
}
