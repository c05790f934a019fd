import { describe, expect, it } from 'vitest';
import { connectErrorCode } from './connect-error.ts';

describe('connectErrorCode', () => {
  it.each([
    [
      'data.code',
      Object.assign(new Error('nope'), { data: { code: 'protocol_mismatch', message: 'x' } }),
      'protocol_mismatch',
    ],
    ['message is a code', new Error('unauthorized'), 'unauthorized'],
    [
      'unknown data.code, code in message',
      Object.assign(new Error('forbidden'), { data: { code: 'weird' } }),
      'forbidden',
    ],
    ['transport error', new Error('websocket error'), null],
    ['not an object', 'unauthorized', null],
    ['null', null, null],
  ])('%s', (_name, error, expected) => {
    expect(connectErrorCode(error)).toBe(expected);
  });
});
