import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, stepDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['1:30', 90],
    ['0:30', 30],
    ['15:00', 900],
    ['0,5', 30],
    ['0.5', 30],
    ['2,25', 135],
    ['5', 300],
    [' 7 ', 420],
    ['1 : 30', 90],
    ['0,1', 6],
    ['120', 7200],
  ])('"%s" is %i s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1:60', 'format'],
    ['1:5', 'format'],
    ['-1', 'format'],
    ['1,5,5', 'format'],
    ['fem', 'format'],
    ['1:30:00', 'format'],
    ['0', 'range'],
    ['0:00', 'range'],
    ['999', 'range'],
  ])('"%s" is refused: %s', (text, error) => {
    expect(parseDuration(text)).toEqual({ ok: false, error });
  });

  it('checks the caller’s range', () => {
    expect(parseDuration('0:20', 30, 600)).toEqual({ ok: false, error: 'range' });
    expect(parseDuration('10:01', 30, 600)).toEqual({ ok: false, error: 'range' });
    expect(parseDuration('10:00', 30, 600)).toEqual({ ok: true, seconds: 600 });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [30, '0:30'],
    [90, '1:30'],
    [5400, '90:00'],
  ])('%i s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips through the parser', () => {
    for (const seconds of [1, 59, 60, 61, 899, 3600]) {
      expect(parseDuration(formatDuration(seconds))).toEqual({ ok: true, seconds });
    }
  });
});

describe('stepDuration', () => {
  it.each([
    { seconds: 90, direction: 1, want: 120 },
    { seconds: 90, direction: -1, want: 60 },
    { seconds: 100, direction: 1, want: 120 },
    { seconds: 100, direction: -1, want: 90 },
    { seconds: 30, direction: -1, want: 30 },
    { seconds: 600, direction: 1, want: 600 },
  ] as const)('$seconds s, $direction → $want s', ({ seconds, direction, want }) => {
    expect(stepDuration(seconds, direction, 30, 30, 600)).toBe(want);
  });
});
