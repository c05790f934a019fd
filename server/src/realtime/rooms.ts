/** Names of socket.io rooms and LiveKit rooms, in one place so both sides agree. */

/** LiveKit room of a webinar's plenary. */
export const plenaryRoom = (webinarId: string) => `plenary-${webinarId}`;

/** LiveKit room of one breakout group. */
export const groupRoom = (webinarId: string, groupId: string) => `group-${webinarId}-${groupId}`;

/** socket.io room of everyone in a webinar. */
export const webinarChannel = (webinarId: string) => `webinar:${webinarId}`;

/** socket.io room of a webinar's facilitators (alerts, private console data). */
export const facilitatorChannel = (webinarId: string) => `facilitators:${webinarId}`;

/** socket.io room of one participant's sockets (their tabs). */
export const participantChannel = (participantId: string) => `participant:${participantId}`;

/** LiveKit identity of a socket's person. */
export const livekitIdentity = (identity: {
  kind: 'facilitator' | 'participant';
  facilitatorId?: string;
  participantId?: string;
}) => (identity.kind === 'facilitator' ? `f:${identity.facilitatorId}` : `p:${identity.participantId}`);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ROOM = new RegExp(`^(?:plenary-(${UUID})|group-(${UUID})-.+)$`);

/** The webinar a LiveKit room belongs to, if it is one of ours. */
export const webinarOfRoom = (room: string): string | undefined => {
  const m = ROOM.exec(room);
  return m?.[1] ?? m?.[2];
};
