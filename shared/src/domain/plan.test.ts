import { describe, expect, it } from 'vitest';
import { paceOf, plannedStartOffsetsMs, plannedTotalMs, scheduleDriftMs, type WebinarPlan } from './plan.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0);

const webinar: WebinarPlan = {
  segments: [
    { kind: 'plenary', title: 'Welcome and check-in', plannedMinutes: 20 },
    { kind: 'exercise', title: 'Exercise 1', plannedMinutes: 60 },
    { kind: 'break', title: 'Break', plannedMinutes: 15 },
    { kind: 'exercise', title: 'Exercise 2', plannedMinutes: 60 },
    { kind: 'plenary', title: 'Closing', plannedMinutes: 25 },
  ],
};

describe('plannedStartOffsetsMs', () => {
  it.each([
    { name: 'empty agenda', plan: { segments: [] }, offsets: [], total: 0 },
    { name: 'three-hour webinar', plan: webinar, offsets: [0, 20, 80, 95, 155], total: 180 },
  ])('$name', ({ plan, offsets, total }) => {
    expect(plannedStartOffsetsMs(plan)).toEqual(offsets.map((m) => m * MIN));
    expect(plannedTotalMs(plan)).toBe(total * MIN);
  });
});

describe('scheduleDriftMs', () => {
  it.each([
    { name: 'first segment, on time', index: 0, startedMin: 0, nowMin: 5, driftMin: 0 },
    { name: 'first segment overran by 4 min', index: 0, startedMin: 0, nowMin: 24, driftMin: 4 },
    { name: 'exercise 1 started 3 min late', index: 1, startedMin: 23, nowMin: 30, driftMin: 3 },
    { name: 'exercise 1 started 5 min early', index: 1, startedMin: 15, nowMin: 30, driftMin: -5 },
    { name: 'early start eaten by overrun', index: 1, startedMin: 15, nowMin: 82, driftMin: 2 },
    { name: 'break started 10 min late', index: 2, startedMin: 90, nowMin: 91, driftMin: 10 },
    { name: 'closing started on time', index: 4, startedMin: 155, nowMin: 160, driftMin: 0 },
  ])('$name → $driftMin min', ({ index, startedMin, nowMin, driftMin }) => {
    const drift = scheduleDriftMs(webinar, {
      startedAt: T0,
      currentIndex: index,
      currentStartedAt: T0 + startedMin * MIN,
      now: T0 + nowMin * MIN,
    });
    expect(drift).toBe(driftMin * MIN);
  });

  it('rejects an index outside the agenda', () => {
    expect(() =>
      scheduleDriftMs(webinar, { startedAt: T0, currentIndex: 5, currentStartedAt: T0, now: T0 }),
    ).toThrow(RangeError);
  });
});

describe('paceOf', () => {
  it.each([
    { driftMs: 0, pace: 'on_time' },
    { driftMs: MIN, pace: 'on_time' },
    { driftMs: -MIN, pace: 'on_time' },
    { driftMs: MIN + 1, pace: 'behind' },
    { driftMs: -MIN - 1, pace: 'ahead' },
  ] as const)('$driftMs ms → $pace', ({ driftMs, pace }) => {
    expect(paceOf(driftMs)).toBe(pace);
  });
});
