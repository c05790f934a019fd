import { describe, expect, it } from 'vitest';
import {
  initialMediaLink,
  keepsRevokedTracks,
  livekitStatusOf,
  type MediaLink,
  type MediaLinkEvent,
  nextMediaLink,
} from './media-link.ts';

const idle: MediaLink = { phase: 'idle' };
const joining: MediaLink = { phase: 'joining' };
const connected: MediaLink = { phase: 'connected' };
const reconnecting: MediaLink = { phase: 'reconnecting' };
const moving: MediaLink = { phase: 'switching', stage: 'moving' };
const republishing: MediaLink = { phase: 'switching', stage: 'republishing' };
const refusedNotOpen: MediaLink = { phase: 'failed', code: 'conflict' };
const unavailable: MediaLink = { phase: 'failed', code: 'livekit_unavailable' };
const dropped: MediaLink = { phase: 'dropped' };
const ended: MediaLink = { phase: 'ended' };

const onConnect: MediaLinkEvent = { type: 'join_requested', reason: 'socket_connected' };
const onRetry: MediaLinkEvent = { type: 'join_requested', reason: 'retry' };
const onOpened: MediaLinkEvent = { type: 'join_requested', reason: 'webinar_opened' };

const table: [string, MediaLink, MediaLinkEvent, MediaLink][] = [
  // Joining: the first socket connect joins, a reconnect while joining or joined does not join twice.
  ['first connect joins', idle, onConnect, joining],
  ['reconnect while joining does not queue a second join', joining, onConnect, joining],
  ['reconnect while in a room stays', connected, onConnect, connected],
  ['reconnect mid-switch stays', moving, onConnect, moving],
  ['reconnect after a failed join joins again', unavailable, onConnect, joining],
  ['reconnect after LiveKit gave up does not rejoin by itself', dropped, onConnect, dropped],
  ['retry after a failure joins', unavailable, onRetry, joining],
  ['retry after LiveKit gave up joins', dropped, onRetry, joining],
  ['retry while in a room does nothing', connected, onRetry, connected],
  ['the webinar opening lets in a join refused as not open', refusedNotOpen, onOpened, joining],
  ['the webinar opening does not retry other failures', unavailable, onOpened, unavailable],
  ['the webinar opening does not start a first join', idle, onOpened, idle],
  ['the webinar opening does not touch a room we are in', connected, onOpened, connected],
  // A queued join gets its turn.
  ['a queued join starts', joining, { type: 'join_started' }, joining],
  ['a queued join after a failed switch still runs', unavailable, { type: 'join_started' }, joining],
  ['a queued join after LiveKit gave up still runs', dropped, { type: 'join_started' }, joining],
  ['a switch that got there first wins over a queued join', connected, { type: 'join_started' }, connected],
  ['a queued join does not interrupt a switch', republishing, { type: 'join_started' }, republishing],
  ['connecting completes a join', joining, { type: 'room_entered' }, connected],
  [
    'a join fails with its code',
    joining,
    { type: 'failed', code: 'timeout' },
    { phase: 'failed', code: 'timeout' },
  ],
  // Switching rooms with the same tracks.
  ['a switch starts from a room', connected, { type: 'switch_started' }, moving],
  [
    'a switch starts from a failure (it is a join with a known grant)',
    unavailable,
    { type: 'switch_started' },
    moving,
  ],
  ['a switch starts while LiveKit reconnects', reconnecting, { type: 'switch_started' }, moving],
  ['connecting to the new room starts republishing', moving, { type: 'room_entered' }, republishing],
  ['the carried tracks are out: settled', republishing, { type: 'tracks_moved' }, connected],
  ['a failed switch fails', moving, { type: 'failed', code: 'livekit_unavailable' }, unavailable],
  [
    'tracks_moved after a failed switch keeps the failure',
    unavailable,
    { type: 'tracks_moved' },
    unavailable,
  ],
  ['our own disconnect mid-switch is not a loss', moving, { type: 'livekit_lost' }, moving],
  // LiveKit's own reconnects and losses.
  ['LiveKit reconnecting', connected, { type: 'livekit_reconnecting' }, reconnecting],
  ['LiveKit reconnected', reconnecting, { type: 'livekit_reconnected' }, connected],
  ['LiveKit gives up', reconnecting, { type: 'livekit_lost' }, dropped],
  ['LiveKit drops a settled room', connected, { type: 'livekit_lost' }, dropped],
  ['a drop during the join connect', joining, { type: 'livekit_lost' }, dropped],
  ['the join that dropped then fails', dropped, { type: 'failed', code: 'livekit_unavailable' }, unavailable],
  ['a loss with no room is nothing', unavailable, { type: 'livekit_lost' }, unavailable],
  // The end is final.
  ['ending from a room', connected, { type: 'ended' }, ended],
  ['ending mid-switch', moving, { type: 'ended' }, ended],
  ['nothing joins after the end', ended, onRetry, ended],
  ['nothing switches after the end', ended, { type: 'switch_started' }, ended],
  ['a late connect after the end is ignored', ended, { type: 'room_entered' }, ended],
];

describe('nextMediaLink', () => {
  it.each(table)('%s', (_name, from, event, to) => {
    expect(nextMediaLink(from, event)).toEqual(to);
  });

  it('returns the same object when an event does not apply, so callers can tell nothing moved', () => {
    expect(nextMediaLink(connected, onConnect)).toBe(connected);
    expect(nextMediaLink(ended, { type: 'ended' })).toBe(ended);
  });

  it('a whole breakout cycle: join, switch to a group and back, LiveKit blip, end', () => {
    const events: MediaLinkEvent[] = [
      onConnect,
      { type: 'join_started' },
      { type: 'room_entered' },
      { type: 'switch_started' },
      { type: 'room_entered' },
      { type: 'tracks_moved' },
      { type: 'livekit_reconnecting' },
      { type: 'livekit_reconnected' },
      { type: 'switch_started' },
      { type: 'room_entered' },
      { type: 'tracks_moved' },
      { type: 'ended' },
    ];
    const visited: string[] = [];
    let link = initialMediaLink;
    for (const event of events) {
      link = nextMediaLink(link, event);
      visited.push(link.phase === 'switching' ? `switching/${link.stage}` : link.phase);
    }
    expect(visited).toEqual([
      'joining',
      'joining',
      'connected',
      'switching/moving',
      'switching/republishing',
      'connected',
      'reconnecting',
      'connected',
      'switching/moving',
      'switching/republishing',
      'connected',
      'ended',
    ]);
  });
});

describe('livekitStatusOf', () => {
  it.each([
    [idle, 'idle'],
    [joining, 'connecting'],
    [connected, 'connected'],
    [reconnecting, 'reconnecting'],
    [moving, 'connecting'],
    [republishing, 'connected'],
    [unavailable, 'disconnected'],
    [dropped, 'disconnected'],
  ] as const)('%o → %s', (link, status) => {
    expect(livekitStatusOf(link)).toBe(status);
  });
});

describe('keepsRevokedTracks', () => {
  it('only a settled room keeps tracks the server unpublished; switches move their own', () => {
    const all = [idle, joining, connected, reconnecting, moving, republishing, unavailable, dropped, ended];
    expect(all.filter(keepsRevokedTracks)).toEqual([connected]);
  });
});
