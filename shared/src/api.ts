/**
 * HTTP API contract: params, query, bodies and response shapes, as zod schemas that are the
 * server's runtime validators and serializers and the client's response checks alike. Which
 * route uses which schema is declared once in `http-routes.ts`.
 */
import { z } from 'zod';
import { TemplateId, ThemeTemplate } from './domain/feedback-themes.ts';
import { RosterParticipant } from './domain/roster.ts';
import { RosterImportPreview } from './domain/roster-csv.ts';
import { DEFAULT_WEBINAR_MINUTES, LocalDate, LocalTime, WebinarMinutes } from './domain/series.ts';
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
  /** Its place in the series when it was added (1, 2, 3 …). */
  position: z.number().int(),
  /** When it starts (ISO), or null for a webinar without a date. */
  scheduledAt: z.string().nullable(),
  /** The start as local date and time in Europe/Oslo (what the facilitator typed). */
  date: z.string().nullable(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int(),
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

/** A webinar of the series as its participants see it on their own page. */
export const InviteWebinar = z.object({
  id: z.string(),
  title: z.string(),
  status: WebinarStatus,
  scheduledAt: z.string().nullable(),
  date: z.string().nullable(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int(),
});
/** A webinar of the series as its participants see it. */
export type InviteWebinar = z.infer<typeof InviteWebinar>;

/**
 * `GET /api/invites/:token`: what a participant may know before joining: their series, its
 * webinars in running order, and the webinar the link leads to now (the live one, else the next
 * planned one; the last one when all have ended).
 */
export const InviteInfo = z.object({
  participant: z.object({ id: z.string(), name: z.string() }),
  series: z.object({ id: z.string(), title: z.string() }),
  webinar: InviteWebinar,
  webinars: z.array(InviteWebinar),
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
    email: z.string().nullable(),
    profession: z.string().nullable(),
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

/** One webinar of a series' schedule: title, local date and start time (Europe/Oslo), length. */
export const ScheduledWebinarBody = z.object({
  title: z.string().trim().min(1).max(200),
  date: LocalDate,
  startTime: LocalTime,
  durationMinutes: WebinarMinutes.default(DEFAULT_WEBINAR_MINUTES),
});
/** Body of `POST /api/series/:id/webinars` and `PUT /api/series/:id/webinars/:webinarId`. */
export type ScheduledWebinarBody = z.infer<typeof ScheduledWebinarBody>;

/** Body of `POST /api/series`: a title and its webinars (the form starts with three). */
export const CreateSeriesBody = z.object({
  title: z.string().trim().min(1).max(200),
  webinars: z.array(ScheduledWebinarBody).min(1).max(12),
});
/** Body of `POST /api/series`. */
export type CreateSeriesBody = z.infer<typeof CreateSeriesBody>;

/** A series on the facilitator's home: its size and the webinar that comes next. */
export const SeriesSummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  webinarCount: z.number().int(),
  participantCount: z.number().int(),
  /** The live webinar, else the next planned one; null when all have run. */
  nextWebinar: WebinarSummary.nullable(),
});
/** A series on the facilitator's home. */
export type SeriesSummary = z.infer<typeof SeriesSummary>;

/** `GET /api/series/:id`: the series with its webinars in running order and its cohort. */
export const SeriesDetail = z.object({
  id: z.string(),
  title: z.string(),
  webinars: z.array(WebinarSummary),
  participants: z.array(ParticipantWithInvite),
});
/** `GET /api/series/:id`. */
export type SeriesDetail = z.infer<typeof SeriesDetail>;

/** Who attended one webinar: how many, and how many per municipality. */
export const WebinarAttendance = z.object({
  webinarId: z.string(),
  title: z.string(),
  attended: z.number().int(),
  byMunicipality: z.array(z.object({ municipality: z.string(), count: z.number().int() })),
});
/** Who attended one webinar. */
export type WebinarAttendance = z.infer<typeof WebinarAttendance>;

/** `GET /api/series/:id/attendance`: counts per webinar and minutes per person and webinar. */
export const AttendanceReport = z.object({
  webinars: z.array(WebinarAttendance),
  participants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      municipality: z.string().nullable(),
      /** Minutes per webinar id; a webinar the person did not join is absent. */
      minutes: z.record(z.string(), z.number().int()),
    }),
  ),
});
/** `GET /api/series/:id/attendance`. */
export type AttendanceReport = z.infer<typeof AttendanceReport>;

/** Route params of one webinar of a series. */
export const SeriesWebinarParams = IdParams.extend({ webinarId: z.uuid() });
/** `GET /api/series`. */
export const SeriesListResponse = z.object({ series: z.array(SeriesSummary) });
/** `POST /api/series` and `GET /api/series/:id`. */
export const SeriesDetailResponse = z.object({ series: SeriesDetail });
/** `GET /api/series/:id/attendance`. */
export const AttendanceResponse = z.object({ attendance: AttendanceReport });
/** `GET /api/series/:id/participants`: the roster, and whether invites can be emailed. */
export const RosterResponse = z.object({
  participants: z.array(RosterParticipant),
  /** False when the server has no `SMTP_URL`: the UI offers the CSV for a mail merge instead. */
  mailConfigured: z.boolean(),
});
/** One participant of a roster after adding or editing them. */
export const RosterParticipantResponse = z.object({ participant: RosterParticipant });
/** A roster text to preview or import: a CSV file's contents or pasted cells (fits the 64 KiB body limit). */
export const RosterImportBody = z.object({
  text: z.string().max(60_000),
  /** Import the valid rows and leave out the ones with errors (else any error refuses all). */
  skipInvalid: z.boolean().default(false),
});
/** `POST …/participants/import/preview`: what an import would do; nothing is saved. */
export const RosterImportPreviewResponse = z.object({ preview: RosterImportPreview });
/** `POST …/participants/import`: the participants added, all in one transaction. */
export const RosterImportResponse = z.object({ imported: z.array(RosterParticipant) });
/** `POST …/participants/invites`: email the personal links (all with an address, or those listed). */
export const SendInvitesBody = z.object({
  participantIds: z.array(z.uuid()).max(1000).optional(),
  language: z.enum(['nb', 'en']).default('nb'),
});
/** What sending the invites did; failures are counted, never named. */
export const SendInvitesResponse = z.object({
  sent: z.number().int().min(0),
  withoutEmail: z.number().int().min(0),
  failed: z.number().int().min(0),
});
/** What sending the invites did. */
export type SendInvitesResponse = z.infer<typeof SendInvitesResponse>;

/** A facilitator of a series and their role: the owner (who created it) or a co-facilitator. */
export const SeriesFacilitator = Facilitator.extend({ role: z.enum(['owner', 'co']) });
/** A facilitator of a series. */
export type SeriesFacilitator = z.infer<typeof SeriesFacilitator>;
/** `GET /api/series/:id/facilitators`. */
export const SeriesFacilitatorsResponse = z.object({ facilitators: z.array(SeriesFacilitator) });
/** Route params of one facilitator of a series. */
export const SeriesFacilitatorParams = IdParams.extend({ facilitatorId: z.uuid() });
/** A new single-use co-facilitator link (`/co-facilitate/<token>`), shown once to the owner. */
export const CoFacilitatorInviteResponse = z.object({ invitePath: z.string(), expiresAt: z.string() });
/** Route params carrying a co-facilitator invite token. */
export const CoFacilitatorInviteParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
/** `GET /api/co-facilitator-invites/:token`: what the invited person sees before accepting. */
export const CoFacilitatorInviteInfo = z.object({ seriesTitle: z.string(), invitedBy: z.string() });
/** `POST …/accept`: the series the facilitator now helps run. */
export const CoFacilitatorAccepted = z.object({ seriesId: z.string() });
/** `POST …/register`: a new account for the invited person, signed in and added to the series. */
export const CoFacilitatorRegisterBody = SetupBody.omit({ token: true });
/** `POST …/register`. */
export const CoFacilitatorRegistered = FacilitatorResponse.extend({ seriesId: z.string() });
