/**
 * The HTTP API as one table: for every route its method, path, who may call it, and the zod
 * schemas of params, query, body and response.
 * Why: the server registers exactly this table (validating input and serializing output with
 * these schemas) and the client calls routes from it (checking responses with the same
 * schemas), so a changed shape is a compile error on both sides and a 400 or 500 at runtime
 * instead of a silent drift between two spellings of the same path.
 */
import { z } from 'zod';
import {
  AttendanceResponse,
  ClientConfig,
  CoFacilitatorAccepted,
  CoFacilitatorInviteInfo,
  CoFacilitatorInviteParams,
  CoFacilitatorInviteResponse,
  CoFacilitatorRegisterBody,
  CoFacilitatorRegistered,
  CreateParticipantBody,
  CreateSeriesBody,
  CreateWebinarBody,
  CsvQuery,
  FacilitatorResponse,
  FeedbackCardResponse,
  FeedbackCardsResponse,
  IdParams,
  InviteCardParams,
  InviteInfo,
  InviteParams,
  Liveness,
  LoginBody,
  OkResponse,
  ParticipantDataExport,
  ParticipantParams,
  ParticipantResponse,
  Readiness,
  RosterImportBody,
  RosterImportPreviewResponse,
  RosterImportResponse,
  RosterParticipantResponse,
  RosterResponse,
  ScheduledWebinarBody,
  SendInvitesBody,
  SendInvitesResponse,
  SeriesDetailResponse,
  SeriesFacilitatorParams,
  SeriesFacilitatorsResponse,
  SeriesListResponse,
  SeriesWebinarParams,
  SetupBody,
  SetupStatus,
  ThemeParams,
  ThemesResponse,
  WebinarDetailResponse,
  WebinarListResponse,
  WebinarResponse,
} from './api.ts';
import { ThemeTemplate } from './domain/feedback-themes.ts';
import { RosterEntry } from './domain/roster.ts';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route: anyone; a signed-in facilitator; a facilitator of the series the
 * `:id` webinar belongs to; a facilitator of the `:id` series; the holder of the `:token` invite link.
 */
export type RouteAuth = 'none' | 'facilitator' | 'facilitatorOfWebinar' | 'facilitatorOfSeries' | 'invite';

/** One route of the HTTP API. */
export interface HttpRoute {
  method: HttpMethod;
  /** Fastify-style path: `:name` segments are params. */
  path: `/${string}`;
  auth: RouteAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Response schema per status code; errors are always `{ error: { code, message } }`. */
  response: { readonly [status: number]: z.ZodType };
  /** Media type of a success body that is not JSON (its schema then describes the text). */
  produces?: 'text/csv';
}

/** Every HTTP route of Rundgang. */
export const httpRoutes = {
  healthz: { method: 'GET', path: '/healthz', auth: 'none', response: { 200: Liveness } },
  readyz: { method: 'GET', path: '/readyz', auth: 'none', response: { 200: Readiness, 503: Readiness } },
  clientConfig: { method: 'GET', path: '/api/client-config', auth: 'none', response: { 200: ClientConfig } },

  setupStatus: { method: 'GET', path: '/api/setup/status', auth: 'none', response: { 200: SetupStatus } },
  setup: {
    method: 'POST',
    path: '/api/setup',
    auth: 'none',
    body: SetupBody,
    response: { 200: FacilitatorResponse },
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    auth: 'none',
    body: LoginBody,
    response: { 200: FacilitatorResponse },
  },
  logout: { method: 'POST', path: '/api/auth/logout', auth: 'none', response: { 200: OkResponse } },
  me: { method: 'GET', path: '/api/auth/me', auth: 'facilitator', response: { 200: FacilitatorResponse } },

  webinars: {
    method: 'GET',
    path: '/api/webinars',
    auth: 'facilitator',
    response: { 200: WebinarListResponse },
  },
  createWebinar: {
    method: 'POST',
    path: '/api/webinars',
    auth: 'facilitator',
    body: CreateWebinarBody,
    response: { 201: WebinarResponse },
  },
  webinar: {
    method: 'GET',
    path: '/api/webinars/:id',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    response: { 200: WebinarDetailResponse },
  },
  addParticipant: {
    method: 'POST',
    path: '/api/webinars/:id/participants',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    body: CreateParticipantBody,
    response: { 201: ParticipantResponse },
  },
  deleteParticipant: {
    method: 'DELETE',
    path: '/api/webinars/:id/participants/:participantId',
    auth: 'facilitatorOfWebinar',
    params: ParticipantParams,
    response: { 204: z.void() },
  },
  openWebinar: {
    method: 'POST',
    path: '/api/webinars/:id/open',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    response: { 200: WebinarResponse },
  },
  webinarThemes: {
    method: 'GET',
    path: '/api/webinars/:id/themes',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    response: { 200: ThemesResponse },
  },
  saveWebinarTheme: {
    method: 'PUT',
    path: '/api/webinars/:id/themes/:themeId',
    auth: 'facilitatorOfWebinar',
    params: ThemeParams,
    body: ThemeTemplate,
    response: { 200: ThemesResponse },
  },
  resetWebinarTheme: {
    method: 'DELETE',
    path: '/api/webinars/:id/themes/:themeId',
    auth: 'facilitatorOfWebinar',
    params: ThemeParams,
    response: { 200: ThemesResponse },
  },
  feedbackCsv: {
    method: 'GET',
    path: '/api/webinars/:id/feedback.csv',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    query: CsvQuery,
    response: { 200: z.string() },
    produces: 'text/csv',
  },

  invite: {
    method: 'GET',
    path: '/api/invites/:token',
    auth: 'invite',
    params: InviteParams,
    response: { 200: InviteInfo },
  },
  inviteFeedback: {
    method: 'GET',
    path: '/api/invites/:token/feedback',
    auth: 'invite',
    params: InviteParams,
    response: { 200: FeedbackCardsResponse },
  },
  inviteFeedbackCard: {
    method: 'GET',
    path: '/api/invites/:token/feedback/:cardId',
    auth: 'invite',
    params: InviteCardParams,
    response: { 200: FeedbackCardResponse },
  },
  inviteThemes: {
    method: 'GET',
    path: '/api/invites/:token/themes',
    auth: 'invite',
    params: InviteParams,
    response: { 200: ThemesResponse },
  },
  inviteExport: {
    method: 'GET',
    path: '/api/invites/:token/export',
    auth: 'invite',
    params: InviteParams,
    response: { 200: ParticipantDataExport },
  },

  seriesList: {
    method: 'GET',
    path: '/api/series',
    auth: 'facilitator',
    response: { 200: SeriesListResponse },
  },
  createSeries: {
    method: 'POST',
    path: '/api/series',
    auth: 'facilitator',
    body: CreateSeriesBody,
    response: { 201: SeriesDetailResponse },
  },
  series: {
    method: 'GET',
    path: '/api/series/:id',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    response: { 200: SeriesDetailResponse },
  },
  addSeriesWebinar: {
    method: 'POST',
    path: '/api/series/:id/webinars',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    body: ScheduledWebinarBody,
    response: { 201: WebinarResponse },
  },
  rescheduleSeriesWebinar: {
    method: 'PUT',
    path: '/api/series/:id/webinars/:webinarId',
    auth: 'facilitatorOfSeries',
    params: SeriesWebinarParams,
    body: ScheduledWebinarBody,
    response: { 200: WebinarResponse },
  },
  removeSeriesWebinar: {
    method: 'DELETE',
    path: '/api/series/:id/webinars/:webinarId',
    auth: 'facilitatorOfSeries',
    params: SeriesWebinarParams,
    response: { 204: z.void() },
  },
  /** A new invite link for a participant; the old one stops working at once (HTTP and socket). */
  reissueInvite: {
    method: 'POST',
    path: '/api/series/:id/participants/:participantId/invite',
    auth: 'facilitatorOfSeries',
    params: ParticipantParams,
    response: { 200: ParticipantResponse },
  },
  endWebinar: {
    method: 'POST',
    path: '/api/webinars/:id/end',
    auth: 'facilitatorOfWebinar',
    params: IdParams,
    response: { 200: WebinarResponse },
  },
  seriesAttendance: {
    method: 'GET',
    path: '/api/series/:id/attendance',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    response: { 200: AttendanceResponse },
  },
  seriesAttendanceCsv: {
    method: 'GET',
    path: '/api/series/:id/attendance.csv',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    query: CsvQuery,
    response: { 200: z.string() },
    produces: 'text/csv',
  },

  seriesRoster: {
    method: 'GET',
    path: '/api/series/:id/participants',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    response: { 200: RosterResponse },
  },
  addSeriesParticipant: {
    method: 'POST',
    path: '/api/series/:id/participants',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    body: RosterEntry,
    response: { 201: RosterParticipantResponse },
  },
  updateSeriesParticipant: {
    method: 'PUT',
    path: '/api/series/:id/participants/:participantId',
    auth: 'facilitatorOfSeries',
    params: ParticipantParams,
    body: RosterEntry,
    response: { 200: RosterParticipantResponse },
  },
  removeSeriesParticipant: {
    method: 'DELETE',
    path: '/api/series/:id/participants/:participantId',
    auth: 'facilitatorOfSeries',
    params: ParticipantParams,
    response: { 204: z.void() },
  },
  previewRosterImport: {
    method: 'POST',
    path: '/api/series/:id/participants/import/preview',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    body: RosterImportBody,
    response: { 200: RosterImportPreviewResponse },
  },
  importRoster: {
    method: 'POST',
    path: '/api/series/:id/participants/import',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    body: RosterImportBody,
    response: { 201: RosterImportResponse },
  },
  sendInvites: {
    method: 'POST',
    path: '/api/series/:id/participants/invites',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    body: SendInvitesBody,
    response: { 200: SendInvitesResponse },
  },
  rosterCsv: {
    method: 'GET',
    path: '/api/series/:id/participants.csv',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    query: CsvQuery,
    response: { 200: z.string() },
    produces: 'text/csv',
  },

  seriesFacilitators: {
    method: 'GET',
    path: '/api/series/:id/facilitators',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    response: { 200: SeriesFacilitatorsResponse },
  },
  removeCoFacilitator: {
    method: 'DELETE',
    path: '/api/series/:id/facilitators/:facilitatorId',
    auth: 'facilitatorOfSeries',
    params: SeriesFacilitatorParams,
    response: { 204: z.void() },
  },
  createCoFacilitatorInvite: {
    method: 'POST',
    path: '/api/series/:id/co-facilitator-invites',
    auth: 'facilitatorOfSeries',
    params: IdParams,
    response: { 201: CoFacilitatorInviteResponse },
  },
  coFacilitatorInvite: {
    method: 'GET',
    path: '/api/co-facilitator-invites/:token',
    auth: 'none',
    params: CoFacilitatorInviteParams,
    response: { 200: CoFacilitatorInviteInfo },
  },
  acceptCoFacilitatorInvite: {
    method: 'POST',
    path: '/api/co-facilitator-invites/:token/accept',
    auth: 'facilitator',
    params: CoFacilitatorInviteParams,
    response: { 200: CoFacilitatorAccepted },
  },
  registerCoFacilitator: {
    method: 'POST',
    path: '/api/co-facilitator-invites/:token/register',
    auth: 'none',
    params: CoFacilitatorInviteParams,
    body: CoFacilitatorRegisterBody,
    response: { 200: CoFacilitatorRegistered },
  },

  /** LiveKit posts `application/webhook+json`; the raw text is kept to verify its signature. */
  livekitWebhook: {
    method: 'POST',
    path: '/api/livekit/webhook',
    auth: 'none',
    body: z.string(),
    response: { 200: OkResponse },
  },
} as const satisfies Record<string, HttpRoute>;

/** The name of a route in {@link httpRoutes}. */
export type HttpRouteName = keyof typeof httpRoutes;

type SuccessStatus = 200 | 201 | 204;
type SchemaOf<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? S
  : undefined;
type Field<K extends string, S> = S extends z.ZodType ? { [P in K]: z.input<S> } : { [P in K]?: never };

/** What a caller sends: the params, query and body the route declares, as their inputs. */
export type RouteRequest<R extends HttpRoute> = Field<'params', SchemaOf<R, 'params'>> &
  Field<'query', SchemaOf<R, 'query'>> &
  Field<'body', SchemaOf<R, 'body'>>;

/** The parsed success body of a route. */
export type RouteResponse<R extends HttpRoute> = z.output<R['response'][keyof R['response'] & SuccessStatus]>;

/** The schema of the success body a route answered with, if it declares that status. */
export function responseSchema(route: HttpRoute, status: number): z.ZodType | undefined {
  return status >= 200 && status < 300 ? route.response[status] : undefined;
}

/** Params or query values; undefined ones are left out. */
export type UrlValues = { readonly [name: string]: unknown };

/** The URL of a route: params substituted (URL-encoded) into its path, query appended. */
export function routeUrl(route: HttpRoute, input: { params?: UrlValues; query?: UrlValues } = {}): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = input.params?.[name];
    if (value === undefined || value === null) throw new Error(`${route.path}: missing param ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(input.query ?? {}).flatMap(([k, v]): [string, string][] =>
      v === undefined || v === null ? [] : [[k, String(v)]],
    ),
  ).toString();
  return query ? `${path}?${query}` : path;
}
