/** What the room's status line says, derived from the two transports' states. */
import type { LinkStatus } from '../store/session-slice.ts';

/** The one notice shown to the person; reconnecting wins, since either link dropping matters. */
export type ConnectionNotice = 'connecting' | 'connected' | 'reconnecting';

/** Combines socket and LiveKit states into one notice. */
export function connectionNotice(socket: LinkStatus, livekit: LinkStatus): ConnectionNotice {
  if (socket === 'reconnecting' || livekit === 'reconnecting') return 'reconnecting';
  // A socket that dropped after LiveKit connected is reconnecting too: socket.io is retrying.
  if (livekit === 'connected' && socket !== 'connected') return 'reconnecting';
  if (livekit === 'connected') return 'connected';
  return 'connecting';
}
