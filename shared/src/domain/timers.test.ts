import { describe, expect, it } from 'vitest';
import {
  advanceIfDue,
  closingDeadline,
  closingTimeLeft,
  endRound,
  extendTimer,
  pauseTimer,
  resumeTimer,
  skipPhase,
  startTimer,
  type TimerPlan,
  type TimerState,
  timeLeft,
  timerAt,
} from './timers.ts';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 0, 15, 10, 0);
/** Default round: prep 2, conversation 15, feedback 7, reflection 3 minutes; three rounds. */
const plan: TimerPlan = {
  phases: [{ durationSec: 120 }, { durationSec: 900 }, { durationSec: 420 }, { durationSec: 180 }],
  rounds: 3,
};
const at = (minutes: number) => T0 + minutes * MIN;
const running = (round: number, phaseIndex: number, deadlineMin: number): TimerState => ({
  status: 'running',
  round,
  phaseIndex,
  deadline: at(deadlineMin),
});
const paused = (round: number, phaseIndex: number, remainingMin: number): TimerState => ({
  status: 'paused',
  round,
  phaseIndex,
  remainingMs: remainingMin * MIN,
});
const finished: TimerState = { status: 'finished', round: 2, phaseIndex: 3 };

describe('startTimer', () => {
  it('starts the first phase with an absolute deadline', () => {
    expect(startTimer(plan, at(0))).toEqual(running(0, 0, 2));
  });
  it('a plan without rounds is finished at once', () => {
    expect(startTimer({ ...plan, rounds: 0 }, at(0)).status).toBe('finished');
  });
});

describe('advanceIfDue', () => {
  it.each([
    { name: 'before the deadline', state: running(0, 0, 2), nowMin: 1, expected: running(0, 0, 2) },
    { name: 'at the deadline', state: running(0, 0, 2), nowMin: 2, expected: running(0, 1, 17) },
    { name: 'late check keeps the chain', state: running(0, 0, 2), nowMin: 2.5, expected: running(0, 1, 17) },
    { name: 'across two phases', state: running(0, 0, 2), nowMin: 20, expected: running(0, 2, 24) },
    { name: 'into the next round', state: running(0, 3, 27), nowMin: 27, expected: running(1, 0, 29) },
    { name: 'across a whole round', state: running(0, 0, 2), nowMin: 30, expected: running(1, 1, 44) },
    { name: 'past the last round', state: running(2, 3, 81), nowMin: 81, expected: finished },
    { name: 'long after everything', state: running(0, 0, 2), nowMin: 500, expected: finished },
    { name: 'paused never advances', state: paused(0, 0, 1), nowMin: 500, expected: paused(0, 0, 1) },
    { name: 'finished stays finished', state: finished, nowMin: 500, expected: finished },
  ])('$name', ({ state, nowMin, expected }) => {
    expect(advanceIfDue(plan, state, at(nowMin))).toEqual(expected);
  });

  it('returns the same object when nothing is due, so callers can compare', () => {
    const state = running(0, 0, 2);
    expect(advanceIfDue(plan, state, at(1))).toBe(state);
  });

  it('is path independent: many small checks equal one late check', () => {
    let stepwise = startTimer(plan, at(0));
    for (let m = 0; m <= 60; m += 0.25) stepwise = advanceIfDue(plan, stepwise, at(m));
    expect(stepwise).toEqual(advanceIfDue(plan, startTimer(plan, at(0)), at(60)));
  });
});

describe('pause, resume, extend, skip, end round', () => {
  it.each([
    {
      name: 'pause running',
      op: (s: TimerState) => pauseTimer(plan, s, at(10)),
      state: running(0, 1, 17),
      expected: paused(0, 1, 7),
    },
    {
      name: 'pause catches up first',
      op: (s: TimerState) => pauseTimer(plan, s, at(3)),
      state: running(0, 0, 2),
      expected: paused(0, 1, 14),
    },
    {
      name: 'pause paused is a no-op',
      op: (s: TimerState) => pauseTimer(plan, s, at(10)),
      state: paused(0, 1, 7),
      expected: paused(0, 1, 7),
    },
    {
      name: 'resume paused',
      op: (s: TimerState) => resumeTimer(s, at(30)),
      state: paused(0, 1, 7),
      expected: running(0, 1, 37),
    },
    {
      name: 'resume running is a no-op',
      op: (s: TimerState) => resumeTimer(s, at(30)),
      state: running(0, 1, 37),
      expected: running(0, 1, 37),
    },
    {
      name: 'extend running',
      op: (s: TimerState) => extendTimer(plan, s, 2 * MIN, at(10)),
      state: running(0, 1, 17),
      expected: running(0, 1, 19),
    },
    {
      name: 'extend paused',
      op: (s: TimerState) => extendTimer(plan, s, 2 * MIN, at(10)),
      state: paused(0, 1, 7),
      expected: paused(0, 1, 9),
    },
    {
      name: 'shorten running',
      op: (s: TimerState) => extendTimer(plan, s, -5 * MIN, at(10)),
      state: running(0, 1, 17),
      expected: running(0, 1, 12),
    },
    {
      name: 'shorten never below now',
      op: (s: TimerState) => extendTimer(plan, s, -60 * MIN, at(10)),
      state: running(0, 1, 17),
      expected: running(0, 1, 10),
    },
    {
      name: 'shorten paused to zero',
      op: (s: TimerState) => extendTimer(plan, s, -60 * MIN, at(10)),
      state: paused(0, 1, 7),
      expected: paused(0, 1, 0),
    },
    {
      name: 'extend finished is a no-op',
      op: (s: TimerState) => extendTimer(plan, s, MIN, at(10)),
      state: finished,
      expected: finished,
    },
    {
      name: 'skip phase',
      op: (s: TimerState) => skipPhase(plan, s, at(10)),
      state: running(0, 1, 17),
      expected: running(0, 2, 17),
    },
    {
      name: 'skip last phase starts next round',
      op: (s: TimerState) => skipPhase(plan, s, at(25)),
      state: running(0, 3, 27),
      expected: running(1, 0, 27),
    },
    {
      name: 'skip keeps a pause',
      op: (s: TimerState) => skipPhase(plan, s, at(10)),
      state: paused(0, 1, 7),
      expected: paused(0, 2, 7),
    },
    {
      name: 'skip the very last phase finishes',
      op: (s: TimerState) => skipPhase(plan, s, at(80)),
      state: running(2, 3, 81),
      expected: finished,
    },
    {
      name: 'end round',
      op: (s: TimerState) => endRound(plan, s, at(10)),
      state: running(0, 1, 17),
      expected: running(1, 0, 12),
    },
    {
      name: 'end round keeps a pause',
      op: (s: TimerState) => endRound(plan, s, at(10)),
      state: paused(0, 1, 7),
      expected: paused(1, 0, 2),
    },
    {
      name: 'end last round finishes',
      op: (s: TimerState) => endRound(plan, s, at(60)),
      state: running(2, 1, 70),
      expected: finished,
    },
  ])('$name', ({ op, state, expected }) => {
    expect(op(state)).toEqual(expected);
  });

  it('pause then resume loses no time', () => {
    const start = startTimer(plan, at(0));
    const resumed = resumeTimer(pauseTimer(plan, start, at(1)), at(11));
    expect(resumed).toEqual(running(0, 0, 12));
  });
});

describe('timerAt', () => {
  it.each([
    { round: 1, phaseIndex: 2, paused: false, expected: running(1, 2, 7) },
    { round: 1, phaseIndex: 2, paused: true, expected: paused(1, 2, 7) },
    { round: 3, phaseIndex: 0, paused: false, expected: finished },
  ])('round $round phase $phaseIndex paused=$paused', ({ round, phaseIndex, paused: p, expected }) => {
    expect(timerAt(plan, round, phaseIndex, at(0), p)).toEqual(expected);
  });
  it('rejects a phase that does not exist', () => {
    expect(() => timerAt(plan, 0, 4, at(0))).toThrow(RangeError);
  });
});

describe('timeLeft', () => {
  it.each([
    { state: running(0, 1, 17), nowMin: 10, leftMin: 7 },
    { state: running(0, 1, 17), nowMin: 18, leftMin: 0 },
    { state: paused(0, 1, 7), nowMin: 100, leftMin: 7 },
    { state: finished, nowMin: 0, leftMin: 0 },
  ])('$state.status at $nowMin min → $leftMin min', ({ state, nowMin, leftMin }) => {
    expect(timeLeft(state, at(nowMin))).toBe(leftMin * MIN);
  });
});

describe('closing countdown', () => {
  it.each([
    { sec: 60, nowS: 0, left: 60 },
    { sec: 60, nowS: 45, left: 15 },
    { sec: 10, nowS: 30, left: 0 },
  ])('$sec s countdown, $nowS s later → $left s left', ({ sec, nowS, left }) => {
    const closesAt = closingDeadline(T0, sec);
    expect(closingTimeLeft(closesAt, T0 + nowS * S)).toBe(left * S);
  });
});
