/**
 * How a group member is connected, as the console's tile says it: the socket (are they in the
 * webinar at all?) and LiveKit (is their media in their group's room?) are two facts that fail
 * separately, so the tile combines them rather than trusting either alone.
 * LiveKit room names and identities come from shared (the server uses the same).
 */
import { groupRoom, participantIdentity, plenaryRoom } from '@rundgang/shared';

/** LiveKit room of a webinar's plenary. */
export const plenaryRoomName = plenaryRoom;

/** LiveKit room of one breakout group. */
export const groupRoomName = groupRoom;

/** A member's connection: media in the group's room, on the way (or elsewhere), or not here at all. */
export type MemberConnection = 'connected' | 'joining' | 'elsewhere' | 'gone';

/**
 * The member's connection. `mediaRooms` null means the server has not reported media presence
 * (no webhooks): then the socket alone decides, as before media presence existed.
 */
export function memberConnection(
  participantId: string,
  where: {
    present: ReadonlySet<string>;
    mediaRooms: Readonly<Record<string, readonly string[]>> | null;
    webinarId: string;
    groupId: string;
  },
): MemberConnection {
  if (!where.present.has(participantId)) return 'gone';
  if (where.mediaRooms === null) return 'connected';
  const identity = participantIdentity(participantId);
  const own = groupRoomName(where.webinarId, where.groupId);
  if (where.mediaRooms[own]?.includes(identity)) return 'connected';
  const elsewhere = Object.entries(where.mediaRooms).some(
    ([room, ids]) => room !== own && ids.includes(identity),
  );
  return elsewhere ? 'elsewhere' : 'joining';
}
