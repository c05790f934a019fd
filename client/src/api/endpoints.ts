/**
 * Typed calls to the HTTP API. Responses are checked against the shared zod schemas, so a
 * server that drifts from the contract fails loudly here rather than deep in a component.
 */
import {
  ClientConfig,
  type CreateParticipantBody,
  Facilitator,
  FeedbackCardContent,
  type FeedbackCardView,
  InviteInfo,
  type LoginBody,
  ParticipantWithInvite,
  paths,
  type SetupBody,
  ThemeTemplate,
  WebinarDetail,
  WebinarSummary,
} from '@rundgang/shared';
import { ApiRequestError, getJson, postJson } from './http.ts';

/** The part of a zod schema this file needs; the client takes zod only through the shared package. */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

function parse<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiRequestError('internal', `unexpected response: ${result.error.message}`);
  return result.data;
}

/** Accepts a bare object or one wrapped in `{ [key]: … }`: the contract names the shape, not the envelope. */
function unwrap(value: unknown, key: string): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && key in value) {
    return (value as Record<string, unknown>)[key];
  }
  return value;
}

/** `POST /api/setup`. */
export async function setupFirstFacilitator(body: SetupBody): Promise<void> {
  await postJson(paths.setup, body);
}

/** `POST /api/auth/login`; the server answers with an HttpOnly session cookie. */
export async function login(body: LoginBody): Promise<void> {
  await postJson(paths.login, body);
}

/** `POST /api/auth/logout`. */
export async function logout(): Promise<void> {
  await postJson(paths.logout);
}

/** `GET /api/auth/me`: the signed-in facilitator, or an `unauthorized` error. */
export async function fetchMe(): Promise<Facilitator> {
  return parse(Facilitator, unwrap(await getJson(paths.me), 'facilitator'));
}

/** `GET /api/webinars`. */
export async function fetchWebinars(): Promise<WebinarSummary[]> {
  return parse(WebinarSummary.array(), unwrap(await getJson(paths.webinars), 'webinars'));
}

/** `POST /api/webinars`. */
export async function createWebinar(title: string): Promise<WebinarSummary> {
  return parse(WebinarSummary, unwrap(await postJson(paths.webinars, { title }), 'webinar'));
}

/** `GET /api/webinars/:id`. */
export async function fetchWebinar(id: string): Promise<WebinarDetail> {
  return parse(WebinarDetail, unwrap(await getJson(paths.webinar(id)), 'webinar'));
}

/** `POST /api/webinars/:id/participants`. */
export async function addParticipant(
  webinarId: string,
  body: CreateParticipantBody,
): Promise<ParticipantWithInvite> {
  return parse(
    ParticipantWithInvite,
    unwrap(await postJson(paths.participants(webinarId), body), 'participant'),
  );
}

/** `POST /api/webinars/:id/open`. */
export async function openWebinar(webinarId: string): Promise<void> {
  await postJson(paths.openWebinar(webinarId));
}

/** `GET /api/invites/:token`. */
export async function fetchInvite(token: string): Promise<InviteInfo> {
  return parse(InviteInfo, await getJson(paths.invite(token)));
}

/** `GET /api/client-config`. */
export async function fetchClientConfig(): Promise<ClientConfig> {
  return parse(ClientConfig, await getJson(paths.clientConfig));
}

/** The shape of a feedback card view; the contract declares it as a type only, so it is checked here. */
function parseCardView(value: unknown): FeedbackCardView {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const strings = [
    'cardId',
    'webinarId',
    'breakoutsId',
    'groupId',
    'themeId',
    'observerId',
    'observerName',
    'guideId',
    'guideName',
    'submittedAt',
    'updatedAt',
  ] as const;
  for (const key of strings) {
    if (typeof v[key] !== 'string') throw new ApiRequestError('internal', `unexpected response: card.${key}`);
  }
  if (typeof v.round !== 'number') throw new ApiRequestError('internal', 'unexpected response: card.round');
  return { ...(v as unknown as FeedbackCardView), content: parse(FeedbackCardContent, v.content) };
}

/** `GET /api/invites/:token/feedback`: the cards this participant received across the series. */
export async function fetchReceivedFeedback(token: string): Promise<FeedbackCardView[]> {
  const cards = unwrap(await getJson(paths.inviteFeedback(token)), 'cards');
  if (!Array.isArray(cards)) throw new ApiRequestError('internal', 'unexpected response: cards');
  return cards.map(parseCardView);
}

/** `GET /api/invites/:token/themes`: the feedback themes of this participant's series (print page). */
export async function fetchInviteThemes(token: string): Promise<ThemeTemplate[]> {
  return parse(ThemeTemplate.array(), unwrap(await getJson(paths.inviteThemes(token)), 'themes'));
}
