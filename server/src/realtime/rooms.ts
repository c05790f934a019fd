/** Names of socket.io rooms; LiveKit rooms and identities come from shared. */
import { facilitatorIdentity, participantIdentity } from '@rundgang/shared';

export { groupRoom, plenaryRoom, webinarOfRoom } from '@rundgang/shared';

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
}) =>
  identity.kind === 'facilitator'
    ? facilitatorIdentity(identity.facilitatorId ?? '')
    : participantIdentity(identity.participantId ?? '');
