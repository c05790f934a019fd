import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './failure-throttle.ts';

const policy = { failuresBeforeLock: 3, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 60_000 };

function clock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('failure throttle', () => {
  it('lets the free failures through, then doubles the lockout up to the ceiling', () => {
    const c = clock();
    const th = new FailureThrottle(policy, c.now);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      th.failed('a');
      waits.push(th.waitMs('a'));
      c.advance(th.waitMs('a'));
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('counts keys apart, and a success starts a key afresh', () => {
    const c = clock();
    const th = new FailureThrottle(policy, c.now);
    for (let i = 0; i < 3; i++) th.failed('a');
    expect(th.waitMs('a')).toBe(1000);
    expect(th.waitMs('b')).toBe(0);
    th.succeeded('a');
    expect(th.waitMs('a')).toBe(0);
  });

  it('forgets a key after a quiet while', () => {
    const c = clock();
    const th = new FailureThrottle(policy, c.now);
    for (let i = 0; i < 3; i++) th.failed('a');
    c.advance(policy.forgetAfterMs + policy.maxLockMs + 1);
    th.failed('a');
    expect(th.waitMs('a')).toBe(0);
  });

  it('keeps at most maxKeys keys, dropping the least recently failed', () => {
    const c = clock();
    const th = new FailureThrottle({ ...policy, failuresBeforeLock: 1 }, c.now, 2);
    th.failed('a');
    th.failed('b');
    th.failed('c');
    expect(th.waitMs('a')).toBe(0);
    expect(th.waitMs('b')).toBe(1000);
    expect(th.waitMs('c')).toBe(1000);
  });
});
