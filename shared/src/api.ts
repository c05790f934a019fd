/**
 * HTTP API contract: params, query, bodies and response shapes, as zod schemas that are the
 * server's runtime validators and serializers and the client's response checks alike. Which
 * route uses which schema is declared once in `http-routes.ts`.
 */
import { z } from 'zod';
import { TemplateId, ThemeTemplate } from './domain/feedback-themes.ts';
import { FeedbackCardView } from './realtime.ts';
import { safeText } from './safe-text.ts';

/** Email + password for a facilitator login. */
export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: safeText().min(1).max(200),
});
/** Body of `POST /api/auth/login`. */
export type LoginBody = z.infer<typeof LoginBody>;

/** One-time setup of the first facilitator, with the token printed at first start. */
export const SetupBody = z.object({
  token: safeText().min(10).max(200),
  name: safeText().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(254),
  password: safeText().min(10, 'password must be at least 10 characters').max(200),
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
  title: safeText().trim().min(1).max(200),
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
  name: safeText().trim().min(1).max(100),
  municipality: safeText().trim().max(100).optional(),
  workplace: safeText().trim().max(100).optional(),
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

/** `GET /api/client-config`: settings the server hands the client at start. */
export const ClientConfig = z.object({
  /** Capture small video without simulcast (tests and weak machines). */
  lowVideo: z.boolean(),
});
/** `GET /api/client-config`. */
export type ClientConfig = z.infer<typeof ClientConfig>;

/** Route params carrying a UUID id. */
export const IdParams = z.object({ id: z.uuid() });
/** Route params carrying an invite token. */
export const InviteParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
/** Route params of one feedback card read through an invite link. */
export const InviteCardParams = InviteParams.extend({ cardId: z.uuid() });
/** Route params of one participant of a webinar's series. */
export const ParticipantParams = IdParams.extend({ participantId: z.uuid() });
/** Route params of one feedback theme of a webinar's series. */
export const ThemeParams = IdParams.extend({ themeId: TemplateId });
/** Query of the CSV export: the language of its headers and labels. */
export const CsvQuery = z.object({ lang: z.enum(['nb', 'en']).default('nb') });

/** `GET /api/setup/status`: whether the first facilitator still has to be created. */
export const SetupStatus = z.object({ needsSetup: z.boolean() });
/** A facilitator answer: setup, login and `me`. */
export const FacilitatorResponse = z.object({ facilitator: Facilitator });
/** An acknowledgement without data (logout, webhooks). */
export const OkResponse = z.object({ ok: z.literal(true) });
/** `GET /api/webinars`. */
export const WebinarListResponse = z.object({ webinars: z.array(WebinarSummary) });
/** A webinar after creating or opening it. */
export const WebinarResponse = z.object({ webinar: WebinarSummary });
/** `GET /api/webinars/:id`. */
export const WebinarDetailResponse = z.object({ webinar: WebinarDetail });
/** `POST /api/webinars/:id/participants`. */
export const ParticipantResponse = z.object({ participant: ParticipantWithInvite });
/** A series' feedback themes (the shipped library with the series' edits applied). */
export const ThemesResponse = z.object({ themes: z.array(ThemeTemplate) });
/** Feedback cards a participant received. */
export const FeedbackCardsResponse = z.object({ cards: z.array(FeedbackCardView) });
/** One feedback card. */
export const FeedbackCardResponse = z.object({ card: FeedbackCardView });
/** `GET /api/invites/:token/export`: everything stored about a participant (GDPR art. 15, 20). */
export const ParticipantDataExport = z.object({
  exportedAt: z.string(),
  participant: z.object({
    id: z.string(),
    name: z.string(),
    municipality: z.string().nullable(),
    workplace: z.string().nullable(),
  }),
  feedbackWritten: z.array(FeedbackCardView),
  feedbackReceived: z.array(FeedbackCardView),
});
/** `GET /api/invites/:token/export`. */
export type ParticipantDataExport = z.infer<typeof ParticipantDataExport>;
/** `GET /healthz`: the process is up. */
export const Liveness = z.object({ status: z.literal('ok') });
/** `GET /readyz`: whether the database and LiveKit answer, and what is wrong if not. */
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  db: z.string(),
  livekit: z.string(),
});
