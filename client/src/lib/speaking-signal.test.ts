import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { speakingThrottle } from './speaking-signal.ts';

describe('speakingThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const sent: boolean[] = [];
    const throttle = speakingThrottle(
      (s) => sent.push(s),
      400,
      globalThis,
      () => Date.now(),
    );
    return { sent, throttle };
  };

  it('sends the first change at once', () => {
    const { sent, throttle } = make();
    throttle.update(true);
    expect(sent).toEqual([true]);
  });

  it('does not repeat an unchanged state', () => {
    const { sent, throttle } = make();
    throttle.update(true);
    vi.advanceTimersByTime(1000);
    throttle.update(true);
    expect(sent).toEqual([true]);
  });

  it('coalesces quick flips and sends only the latest after the interval', () => {
    const { sent, throttle } = make();
    throttle.update(true);
    throttle.update(false);
    throttle.update(true);
    throttle.update(false);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(400);
    expect(sent).toEqual([true, false]);
  });

  it('a flip back before the interval ends sends nothing more', () => {
    const { sent, throttle } = make();
    throttle.update(true);
    throttle.update(false);
    throttle.update(true);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([true]);
  });

  it('never sends more often than the interval', () => {
    const { sent, throttle } = make();
    for (let i = 0; i < 50; i += 1) {
      throttle.update(i % 2 === 0);
      vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(1000);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil((50 * 20) / 400) + 1);
  });

  it('reset drops a pending send and treats the next update as new', () => {
    const { sent, throttle } = make();
    throttle.update(true);
    throttle.update(false);
    throttle.reset();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([true]);
    throttle.update(true);
    expect(sent).toEqual([true, true]);
  });
});
