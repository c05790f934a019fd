/** Names of socket.io rooms and LiveKit rooms, in one place so both sides agree. */

/** LiveKit room of a webinar's plenary. */
export const plenaryRoom = (webinarId: string) => `plenary-${webinarId}`;

/** socket.io room of everyone in a webinar. */
export const webinarChannel = (webinarId: string) => `webinar:${webinarId}`;
