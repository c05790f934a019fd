import { describe, expect, it } from 'vitest';
import type { LinkStatus } from '../store/session-slice.ts';
import { type ConnectionNotice, connectionNotice } from './connection-notice.ts';

describe('connectionNotice', () => {
  it.each<[LinkStatus, LinkStatus, ConnectionNotice]>([
    ['connecting', 'idle', 'connecting'],
    ['connected', 'connecting', 'connecting'],
    ['connected', 'connected', 'connected'],
    ['reconnecting', 'connected', 'reconnecting'],
    ['connected', 'reconnecting', 'reconnecting'],
    ['reconnecting', 'reconnecting', 'reconnecting'],
    ['connecting', 'connected', 'reconnecting'],
  ])('socket %s + livekit %s → %s', (socket, livekit, expected) => {
    expect(connectionNotice(socket, livekit)).toBe(expected);
  });
});
