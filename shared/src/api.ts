/**
 * HTTP API contract: request bodies and response shapes, as zod schemas that are also the
 * server's runtime validators. Paths are listed here so the client never spells them twice.
 */
import { z } from 'zod';

/** Email + password for a facilitator login. */
export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});
/** Body of `POST /api/auth/login`. */
export type LoginBody = z.infer<typeof LoginBody>;

/** One-time setup of the first facilitator, with the token printed at first start. */
export const SetupBody = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(10, 'password must be at least 10 characters').max(200),
});
/** Body of `POST /api/setup`. */
export type SetupBody = z.infer<typeof SetupBody>;

/** A signed-in facilitator as the client sees them. */
export const Facilitator = z.object({ id: z.string(), email: z.string(), name: z.string() });
/** A signed-in facilitator. */
export type Facilitator = z.infer<typeof Facilitator>;

/** Lifecycle of a webinar: planned → live → ended. */
export const WebinarStatus = z.enum(['planned', 'live', 'ended']);
/** Lifecycle of a webinar. */
export type WebinarStatus = z.infer<typeof WebinarStatus>;

/** Body of `POST /api/webinars`: a new webinar in a new series. */
export const CreateWebinarBody = z.object({
  title: z.string().trim().min(1).max(200),
});
/** Body of `POST /api/webinars`. */
export type CreateWebinarBody = z.infer<typeof CreateWebinarBody>;

/** A webinar summary. */
export const WebinarSummary = z.object({
  id: z.string(),
  seriesId: z.string(),
  title: z.string(),
  status: WebinarStatus,
  createdAt: z.string(),
});
/** A webinar summary. */
export type WebinarSummary = z.infer<typeof WebinarSummary>;

/** Body of `POST /api/webinars/:id/participants`. */
export const CreateParticipantBody = z.object({
  name: z.string().trim().min(1).max(100),
  municipality: z.string().trim().max(100).optional(),
  workplace: z.string().trim().max(100).optional(),
});
/** Body of `POST /api/webinars/:id/participants`. */
export type CreateParticipantBody = z.infer<typeof CreateParticipantBody>;

/** A participant of a series, as the facilitator sees them (with the invite link). */
export const ParticipantWithInvite = z.object({
  id: z.string(),
  name: z.string(),
  municipality: z.string().nullable(),
  workplace: z.string().nullable(),
  invitePath: z.string(),
});
/** A participant with invite link. */
export type ParticipantWithInvite = z.infer<typeof ParticipantWithInvite>;

/** `GET /api/webinars/:id`. */
export const WebinarDetail = WebinarSummary.extend({ participants: z.array(ParticipantWithInvite) });
/** `GET /api/webinars/:id`. */
export type WebinarDetail = z.infer<typeof WebinarDetail>;

/** `GET /api/invites/:token`: what a participant may know before joining. */
export const InviteInfo = z.object({
  participant: z.object({ id: z.string(), name: z.string() }),
  webinar: z.object({ id: z.string(), title: z.string(), status: WebinarStatus }),
});
/** `GET /api/invites/:token`. */
export type InviteInfo = z.infer<typeof InviteInfo>;

/** Route params carrying a UUID id. */
export const IdParams = z.object({ id: z.string().uuid() });
/** Route params carrying an invite token. */
export const InviteParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

/** `GET /api/client-config`: settings the server hands the client at start. */
export const ClientConfig = z.object({
  /** Capture small video without simulcast (tests and weak machines). */
  lowVideo: z.boolean(),
});
/** `GET /api/client-config`. */
export type ClientConfig = z.infer<typeof ClientConfig>;

/** HTTP paths of the API. */
export const paths = {
  setupStatus: '/api/setup/status',
  setup: '/api/setup',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  webinars: '/api/webinars',
  webinar: (id: string) => `/api/webinars/${id}`,
  participants: (id: string) => `/api/webinars/${id}/participants`,
  openWebinar: (id: string) => `/api/webinars/${id}/open`,
  invite: (token: string) => `/api/invites/${token}`,
  inviteFeedback: (token: string) => `/api/invites/${token}/feedback`,
  inviteFeedbackCard: (token: string, cardId: string) => `/api/invites/${token}/feedback/${cardId}`,
  inviteThemes: (token: string) => `/api/invites/${token}/themes`,
  inviteExport: (token: string) => `/api/invites/${token}/export`,
  participant: (webinarId: string, participantId: string) =>
    `/api/webinars/${webinarId}/participants/${participantId}`,
  webinarThemes: (id: string) => `/api/webinars/${id}/themes`,
  webinarTheme: (id: string, themeId: string) => `/api/webinars/${id}/themes/${themeId}`,
  feedbackCsv: (id: string, lang: 'nb' | 'en') => `/api/webinars/${id}/feedback.csv?lang=${lang}`,
  clientConfig: '/api/client-config',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;
