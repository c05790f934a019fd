import { describe, expect, it } from 'vitest';
import {
  groupRoom,
  participantIdentity,
  participantOfIdentity,
  plenaryRoom,
  webinarOfRoom,
} from './rooms.ts';

const W = '6f1c2b3a-1111-4222-8333-944455556666';

describe('room names and identities', () => {
  it.each([
    [plenaryRoom(W), W],
    [groupRoom(W, 'g12'), W],
    ['plenary-not-a-uuid', undefined],
    [`other-${W}`, undefined],
  ])('webinarOfRoom(%s) = %s', (room, webinar) => {
    expect(webinarOfRoom(room)).toBe(webinar);
  });

  it.each([
    [participantIdentity('abc'), 'abc'],
    ['f:abc', null],
    [null, null],
  ])('participantOfIdentity(%s) = %s', (identity, id) => {
    expect(participantOfIdentity(identity)).toBe(id);
  });
});
