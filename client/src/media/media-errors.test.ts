import { describe, expect, it } from 'vitest';
import { classifyMediaError } from './media-errors.ts';

describe('classifyMediaError', () => {
  it.each([
    [{ name: 'NotAllowedError' }, 'denied'],
    [{ name: 'SecurityError' }, 'denied'],
    [{ name: 'NotFoundError' }, 'notFound'],
    [{ name: 'OverconstrainedError' }, 'notFound'],
    [{ name: 'NotReadableError' }, 'unknown'],
    [new Error('boom'), 'unknown'],
    [null, 'unknown'],
    ['NotAllowedError', 'unknown'],
  ])('%o → %s', (error, expected) => {
    expect(classifyMediaError(error)).toBe(expected);
  });
});
