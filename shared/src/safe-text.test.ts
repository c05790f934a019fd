import { describe, expect, it } from 'vitest';
import { isSafeText, safeText, unsafeTextPath } from './safe-text.ts';

describe('safe text', () => {
  it.each([
    ['plain text', 'Hei på deg', true],
    ['tab, line feed and carriage return', 'a\tb\nc\r\n', true],
    ['an emoji (a proper surrogate pair)', 'bra 👍', true],
    ['DEL and C1 controls (Postgres stores them)', 'a\u007f\u0085', true],
    ['NUL', 'a\u0000b', false],
    ['another C0 control', 'bell\u0007', false],
    ['escape', '\u001b[31m', false],
    ['a lone high surrogate', 'x\uD83D', false],
    ['a lone low surrogate', '\uDC4Dx', false],
    ['a pair in the wrong order', '\uDC4D\uD83D', false],
  ])('%s: safe = %s', (_name, text, safe) => {
    expect(isSafeText(text)).toBe(safe);
    expect(safeText().safeParse(text).success).toBe(safe);
  });

  it('keeps working with trim, min and max chained after it', () => {
    const title = safeText().trim().min(1).max(5);
    expect(title.parse('  abc  ')).toBe('abc');
    expect(title.safeParse('   ').success).toBe(false);
    expect(title.safeParse('ab\u0000').success).toBe(false);
  });

  it.each([
    ['a nested string', { a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'a.1.c'],
    ['a key', { groups: { 'g\uD800': 1 } }, 'groups.(key)'],
    ['the value itself', '\u0000', 'value'],
    ['nothing', { a: ['ok', 1, null, true, { b: 'fine' }] }, undefined],
  ])('finds unsafe text in %s', (_name, value, path) => {
    expect(unsafeTextPath(value)).toBe(path);
  });
});
