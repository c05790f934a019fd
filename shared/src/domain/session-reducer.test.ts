import { describe, expect, it } from 'vitest';
import { pairKey } from './groups.ts';
import { decideCloseBreakouts, decideOpenBreakouts } from './session-commands.ts';
import type { SessionEvent } from './session-events.ts';
import {
  applySessionEvent,
  hasFeedbackReceipt,
  replaySession,
  seriesHistory,
  toPublicState,
} from './session-reducer.ts';
import { emptySessionState, PublicSessionState } from './session-state.ts';
import { at, exercise, groups, opened, openedEvents, run } from './session-test-fixtures.ts';

const receipt = (observerId: string, round = 0, groupId = 'g1'): SessionEvent => ({
  type: 'feedback_submitted',
  at: at(20),
  groupId,
  round,
  observerId,
});

describe('feedback receipts', () => {
  it.each([
    { name: 'one receipt', events: [receipt('c')], inCount: 1 },
    {
      name: 'the same receipt twice (a retry or correction)',
      events: [receipt('c'), receipt('c')],
      inCount: 1,
    },
    { name: 'two observers of one round', events: [receipt('c'), receipt('b')], inCount: 2 },
    { name: 'one observer, two rounds', events: [receipt('c', 0), receipt('c', 1)], inCount: 2 },
    { name: 'a round that does not exist', events: [receipt('c', 9)], inCount: 0 },
    { name: 'a group that does not exist', events: [receipt('c', 0, 'g9')], inCount: 0 },
  ])('$name → $inCount in', ({ events, inCount }) => {
    const state = events.reduce(applySessionEvent, opened());
    expect(state.feedbackIn).toHaveLength(inCount);
  });

  it('records nothing without breakouts', () => {
    expect(applySessionEvent(emptySessionState(), receipt('c')).feedbackIn).toEqual([]);
  });

  it('counts only the running breakouts: cleared when they close, none carried into the next', () => {
    let state = applySessionEvent(opened(), receipt('c'));
    expect(hasFeedbackReceipt(state, { groupId: 'g1', round: 0, observerId: 'c' })).toBe(true);
    state = run(state, decideCloseBreakouts(state, at(30), { immediately: true }));
    expect(state.feedbackIn).toEqual([]);
    state = applySessionEvent(state, receipt('c'));
    expect(state.feedbackIn).toEqual([]);
    state = run(state, decideOpenBreakouts(state, { breakoutsId: 'x2', exercise, groups }, at(40)));
    expect(state.feedbackIn).toEqual([]);
  });
});

describe('toPublicState', () => {
  it('is exactly the public fields, and the public schema refuses anything more', () => {
    const state = applySessionEvent(opened(), receipt('c'));
    const publicState = toPublicState({ ...state, secret: 'SECRET' } as typeof state);
    expect(publicState.feedbackIn).toEqual([{ groupId: 'g1', round: 0, observerId: 'c' }]);
    expect(JSON.stringify(publicState)).not.toContain('SECRET');
    expect(PublicSessionState.safeParse(publicState).success).toBe(true);
    expect(PublicSessionState.safeParse({ ...publicState, feedbackCards: [] }).success).toBe(false);
  });
});

describe('applySessionEvent', () => {
  it('replaying the log gives the state of applying it event by event', () => {
    const events = [
      ...openedEvents(),
      receipt('c'),
      { type: 'timer_paused', at: at(21), target: 'all' } as const,
    ];
    let state = emptySessionState();
    for (const event of events) state = applySessionEvent(state, event);
    expect(replaySession(events)).toEqual(state);
  });

  it('never mutates the state it is given', () => {
    const state = deepFreeze(opened());
    const events: SessionEvent[] = [
      { type: 'timer_paused', at: at(1), target: 'all' },
      { type: 'member_moved', at: at(1), participantId: 'a', toGroupId: 'g2' },
      { type: 'roles_swapped', at: at(1), groupId: 'g2', fromRound: 0, participantIds: ['d', 'e'] },
      { type: 'help_requested', at: at(1), groupId: 'g1', participantId: 'b' },
      { type: 'participant_left', at: at(1), participantId: 'c' },
      { type: 'breakouts_closing', at: at(1), closesAt: at(2) },
      receipt('c'),
    ];
    for (const event of events) expect(() => applySessionEvent(state, event)).not.toThrow();
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('seriesHistory', () => {
  it('counts guides of rounds that started and pairs, as the run stood when it closed', () => {
    const log = [...openedEvents(), { type: 'breakouts_closed' as const, at: at(30) }];
    const { guideCounts, pairs } = seriesHistory([log, log]);
    // At minute 30 round 1 had started in both groups (27-minute rounds; 20:15 for the group of 4).
    expect(guideCounts).toEqual({ a: 2, b: 2, d: 2, e: 2 });
    expect(pairs.size).toBe(3 + 6);
    expect(pairs.get(pairKey('b', 'a'))).toBe(2);
    expect(pairs.get(pairKey('a', 'd'))).toBeUndefined();
  });

  it('is empty for logs without closed breakouts', () => {
    expect(seriesHistory([openedEvents(), []])).toEqual({ guideCounts: {}, pairs: new Map() });
  });
});
