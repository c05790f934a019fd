import { describe, expect, it } from 'vitest';
import {
  groupRoomName,
  type MemberConnection,
  memberConnection,
  plenaryRoomName,
} from './member-connection.ts';

const W = '0b7a1e52-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const g1 = groupRoomName(W, 'g1');
const g2 = groupRoomName(W, 'g2');

describe('memberConnection', () => {
  it.each<[string, string[], Record<string, string[]> | null, MemberConnection]>([
    ['socket and media in own room', ['a'], { [g1]: ['p:a'] }, 'connected'],
    ['socket gone, media lingering', [], { [g1]: ['p:a'] }, 'gone'],
    ['socket gone, no media', [], {}, 'gone'],
    ['socket here, no media anywhere', ['a'], {}, 'joining'],
    ['socket here, own room has others only', ['a'], { [g1]: ['p:b', 'f:x'] }, 'joining'],
    ['socket here, still in the plenary', ['a'], { [plenaryRoomName(W)]: ['p:a'] }, 'elsewhere'],
    ['socket here, in another group', ['a'], { [g2]: ['p:a'] }, 'elsewhere'],
    [
      'in both own and another room (make before break)',
      ['a'],
      { [g1]: ['p:a'], [g2]: ['p:a'] },
      'connected',
    ],
    ['no media presence reported: socket decides', ['a'], null, 'connected'],
    ['a facilitator identity with the same id does not count', ['a'], { [g1]: ['f:a'] }, 'joining'],
  ])('%s', (_name, present, mediaRooms, expected) => {
    expect(
      memberConnection('a', { present: new Set(present), mediaRooms, webinarId: W, groupId: 'g1' }),
    ).toBe(expected);
  });
});
