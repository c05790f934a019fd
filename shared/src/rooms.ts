/**
 * LiveKit room names and identities, spelled once for server and client: the console combines
 * LiveKit's view (webhooks name rooms and identities) with the session's, so both sides must
 * agree on the scheme.
 */

/** LiveKit room of a webinar's plenary. */
export const plenaryRoom = (webinarId: string) => `plenary-${webinarId}`;

/** LiveKit room of one breakout group. */
export const groupRoom = (webinarId: string, groupId: string) => `group-${webinarId}-${groupId}`;

/** LiveKit identity of a participant. */
export const participantIdentity = (participantId: string) => `p:${participantId}`;

/** LiveKit identity of a facilitator. */
export const facilitatorIdentity = (facilitatorId: string) => `f:${facilitatorId}`;

/** The participant id inside a LiveKit identity, or null for anyone else. */
export const participantOfIdentity = (identity: string | null | undefined): string | null =>
  identity?.startsWith('p:') ? identity.slice(2) : null;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ROOM = new RegExp(`^(?:plenary-(${UUID})|group-(${UUID})-.+)$`);

/** The webinar a LiveKit room belongs to, if it is one of ours. */
export const webinarOfRoom = (room: string): string | undefined => {
  const m = ROOM.exec(room);
  return m?.[1] ?? m?.[2];
};
