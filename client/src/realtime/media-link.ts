/**
 * Our LiveKit link as an explicit state machine: where it is (joining, in a room, switching
 * rooms, failed, …) and which event moves it where. Pure; `livekit-link.ts` drives LiveKit and
 * feeds the events in.
 * Why: joins, room switches and LiveKit's own reconnects overlap (a socket reconnect while a
 * join runs, breakouts opening while we join, an observer's publish permission revoked), and
 * each decision — join again? is this unpublish ours? show an error? — depends on which of them
 * is under way. Named states make each such rule one row of a table test.
 */
import type { RequestErrorCode } from '@rundgang/shared';
import type { LinkStatus } from '../store/session-slice.ts';

/** Where the link is. */
export type MediaLink =
  /** No join tried yet: the socket has not connected. */
  | { phase: 'idle' }
  /** Asking for a grant and connecting (requested, or already running). */
  | { phase: 'joining' }
  /** In a room. */
  | { phase: 'connected' }
  /** LiveKit lost the connection and is restoring it by itself. */
  | { phase: 'reconnecting' }
  /**
   * Moving to another room on purpose with the same tracks: `moving` leaves the old room and
   * connects to the new one, `republishing` publishes the carried tracks there. Until it is
   * done, unpublishes and disconnects are our own doing.
   */
  | { phase: 'switching'; stage: 'moving' | 'republishing' }
  /** A join or switch failed; waits for a retry, a socket reconnect or (if `conflict`) the webinar opening. */
  | { phase: 'failed'; code: RequestErrorCode }
  /** LiveKit gave up on the connection; waits for the person to retry. */
  | { phase: 'dropped' }
  /** The session ended; nothing moves any more. */
  | { phase: 'ended' };

/** Why a join is asked for. */
export type JoinReason = 'socket_connected' | 'retry' | 'webinar_opened';

/** What happens to the link. */
export type MediaLinkEvent =
  | { type: 'join_requested'; reason: JoinReason }
  /** A queued join gets its turn (joins and switches run one after another). */
  | { type: 'join_started' }
  | { type: 'switch_started' }
  /** `room.connect` resolved (a join or a switch). */
  | { type: 'room_entered' }
  /** A switch published the carried tracks in the new room. */
  | { type: 'tracks_moved' }
  | { type: 'failed'; code: RequestErrorCode }
  | { type: 'livekit_reconnecting' }
  | { type: 'livekit_reconnected' }
  /** LiveKit disconnected without us asking. */
  | { type: 'livekit_lost' }
  | { type: 'ended' };

/** The link before anything happened. */
export const initialMediaLink: MediaLink = { phase: 'idle' };

/** Which join reasons may start a join from a phase; a join already requested or done is not repeated. */
function mayJoin(link: MediaLink, reason: JoinReason): boolean {
  switch (link.phase) {
    case 'idle':
      return reason !== 'webinar_opened';
    case 'failed':
      // Refused because the webinar was not open yet: opening it lets us in without a click.
      return reason !== 'webinar_opened' || link.code === 'conflict';
    case 'dropped':
      // A socket reconnect does not bring a dropped LiveKit link back; the person's retry does.
      return reason === 'retry';
    default:
      return false;
  }
}

/** The link after `event`; events that do not apply in a phase leave it unchanged. */
export function nextMediaLink(link: MediaLink, event: MediaLinkEvent): MediaLink {
  if (link.phase === 'ended') return link;
  switch (event.type) {
    case 'ended':
      return { phase: 'ended' };
    case 'join_requested':
      return mayJoin(link, event.reason) ? { phase: 'joining' } : link;
    case 'join_started':
      // A switch that got there first already put us in a room.
      return link.phase === 'idle' ||
        link.phase === 'joining' ||
        link.phase === 'failed' ||
        link.phase === 'dropped'
        ? { phase: 'joining' }
        : link;
    case 'switch_started':
      return { phase: 'switching', stage: 'moving' };
    case 'room_entered':
      if (link.phase === 'joining') return { phase: 'connected' };
      if (link.phase === 'switching') return { phase: 'switching', stage: 'republishing' };
      return link;
    case 'tracks_moved':
      return link.phase === 'switching' ? { phase: 'connected' } : link;
    case 'failed':
      return link.phase === 'joining' || link.phase === 'switching' || link.phase === 'dropped'
        ? { phase: 'failed', code: event.code }
        : link;
    case 'livekit_reconnecting':
      return link.phase === 'connected' ? { phase: 'reconnecting' } : link;
    case 'livekit_reconnected':
      return link.phase === 'reconnecting' ? { phase: 'connected' } : link;
    case 'livekit_lost':
      return link.phase === 'connected' || link.phase === 'reconnecting' || link.phase === 'joining'
        ? { phase: 'dropped' }
        : link;
  }
}

/** The LiveKit status the person sees for a link. */
export function livekitStatusOf(link: MediaLink): LinkStatus {
  switch (link.phase) {
    case 'idle':
    case 'ended':
      return 'idle';
    case 'joining':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'switching':
      return link.stage === 'moving' ? 'connecting' : 'connected';
    case 'failed':
    case 'dropped':
      return 'disconnected';
  }
}

/**
 * Whether an unpublish of our own track came from the server (publish permission revoked), so
 * the track is kept to publish again: only while settled in a room, never mid-switch.
 */
export function keepsRevokedTracks(link: MediaLink): boolean {
  return link.phase === 'connected';
}
