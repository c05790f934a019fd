import { describe, expect, it } from 'vitest';
import { paceOf, scheduleDriftMs } from './plan.ts';
import { decideSetPlan, decideStartSegment } from './session-commands.ts';
import { applySessionEvent, toPublicState } from './session-reducer.ts';
import { emptySessionState, type SessionState } from './session-state.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9);
const run = (state: SessionState, decision: ReturnType<typeof decideStartSegment>) => {
  if (!decision.ok) throw new Error(decision.error.message);
  return decision.data.reduce(applySessionEvent, state);
};

describe('agenda in the session', () => {
  it('starts with the seed programme plan and no run', () => {
    const s = emptySessionState();
    expect(s.agenda.run).toBeNull();
    expect(s.agenda.plan.segments.reduce((sum, x) => sum + x.plannedMinutes, 0)).toBe(180);
    expect(toPublicState(s).agenda).toEqual(s.agenda);
  });

  it.each([
    [
      'starts the run at the first segment',
      [0],
      [T0],
      { startedAt: T0, currentIndex: 0, currentStartedAt: T0, done: [] },
    ],
    [
      'keeps the run start when moving on, and what the last segment really took',
      [0, 1],
      [T0, T0 + 25 * MIN],
      {
        startedAt: T0,
        currentIndex: 1,
        currentStartedAt: T0 + 25 * MIN,
        done: [{ title: 'Velkommen og innsjekk', plannedMinutes: 15, startedAt: T0, endedAt: T0 + 25 * MIN }],
      },
    ],
    [
      'ignores starting the current segment again',
      [0, 0],
      [T0, T0 + 5 * MIN],
      { startedAt: T0, currentIndex: 0, currentStartedAt: T0, done: [] },
    ],
  ])('%s', (_name, indexes, times, expected) => {
    let s = emptySessionState();
    indexes.forEach((index, i) => {
      s = run(s, decideStartSegment(s, index, times[i] ?? 0));
    });
    expect(s.agenda.run).toEqual(expected);
  });

  it('is behind plan when the welcome overruns by 5 minutes', () => {
    let s = run(emptySessionState(), decideStartSegment(emptySessionState(), 0, T0));
    s = run(s, decideStartSegment(s, 1, T0 + 20 * MIN));
    const agenda = s.agenda;
    const drift = scheduleDriftMs(agenda.plan, {
      ...(agenda.run ?? { startedAt: 0, currentIndex: 0, currentStartedAt: 0 }),
      now: T0 + 26 * MIN,
    });
    expect(drift).toBe(5 * MIN);
    expect(paceOf(drift)).toBe('behind');
  });

  it.each([
    ['an empty plan', { segments: [] }, 'at least one segment'],
    ['a segment without title', { segments: [{ kind: 'plenary', title: ' ', plannedMinutes: 5 }] }, ''],
    ['an unknown kind', { segments: [{ kind: 'party', title: 'x', plannedMinutes: 5 }] }, ''],
  ])('refuses %s', (_name, plan, message) => {
    const d = decideSetPlan(emptySessionState(), plan as never, T0);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.message).toContain(message);
  });

  it('keeps the running segment current when the plan is reordered', () => {
    let s = emptySessionState();
    s = run(s, decideStartSegment(s, 2, T0));
    const title = s.agenda.plan.segments[2]?.title;
    const reordered = [...s.agenda.plan.segments];
    const [moved] = reordered.splice(2, 1);
    if (moved) reordered.unshift(moved);
    s = run(s, decideSetPlan(s, { segments: reordered }, T0 + MIN));
    expect(s.agenda.run?.currentIndex).toBe(0);
    expect(s.agenda.plan.segments[0]?.title).toBe(title);
  });

  it('keeps the run inside a shorter plan', () => {
    let s = emptySessionState();
    s = run(s, decideStartSegment(s, 5, T0));
    s = run(
      s,
      decideSetPlan(s, { segments: [{ kind: 'plenary', title: 'Kort', plannedMinutes: 30 }] }, T0 + MIN),
    );
    expect(s.agenda.run?.currentIndex).toBe(0);
    expect(decideStartSegment(s, 3, T0).ok).toBe(false);
  });
});
