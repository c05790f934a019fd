import { describe, expect, it } from 'vitest';
import { inviteUrl } from './invite-url.ts';

describe('inviteUrl', () => {
  it.each([
    ['/join/abc', 'https://rundgang.example', 'https://rundgang.example/join/abc'],
    ['/join/abc', 'http://127.0.0.1:3000', 'http://127.0.0.1:3000/join/abc'],
    ['join/abc', 'https://rundgang.example', 'https://rundgang.example/join/abc'],
  ])('%s on %s', (path, origin, expected) => {
    expect(inviteUrl(path, origin)).toBe(expected);
  });
});
