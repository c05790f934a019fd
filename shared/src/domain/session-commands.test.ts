import { describe, expect, it } from 'vitest';
import { seatOf } from './group-membership.ts';
import {
  decideBroadcast,
  decideCloseBreakouts,
  decideJoin,
  decideLeave,
  decideMoveMember,
  decideOpenBreakouts,
  decideRequestHelp,
  decideResolveHelp,
  decideSubmitFeedback,
  decideSwapRoles,
  decideTick,
  decideTimer,
  missingRoleAlert,
  type TimerCommand,
} from './session-commands.ts';
import { applySessionEvent, replaySession, toPublicState } from './session-reducer.ts';
import { emptySessionState, type SessionState } from './session-state.ts';
import {
  at,
  codeOf,
  exercise,
  group,
  groups,
  MIN,
  opened,
  openedEvents,
  run,
  S,
} from './session-test-fixtures.ts';

describe('decideOpenBreakouts', () => {
  it('plans one round per member and starts every timer at once', () => {
    const state = opened();
    expect(state.breakouts?.status).toBe('running');
    expect(state.breakouts?.startedAt).toBe(at(0));
    expect(group(state, 'g1').rotation.map((r) => r.guideId)).toEqual(['a', 'b', 'c']);
    expect(group(state, 'g2').rotation.map((r) => r.guideId)).toEqual(['d', 'e', 'f', 'h']);
    // The group of 4 has its phases shortened to 3/4 so it ends with the triad.
    expect(group(state, 'g1').timer).toEqual({ status: 'running', round: 0, phaseIndex: 0, deadline: at(2) });
    expect(group(state, 'g2').timer).toEqual({
      status: 'running',
      round: 0,
      phaseIndex: 0,
      deadline: at(1.5),
    });
  });

  it('lets members who guided least in the series go first', () => {
    const state = emptySessionState();
    const decision = decideOpenBreakouts(
      state,
      {
        breakoutsId: 'x2',
        exercise: { ...exercise, rounds: 2 },
        groups,
        guideCountsInSeries: { d: 1, e: 1 },
      },
      at(0),
    );
    const event = decision.ok ? decision.data[0] : undefined;
    expect(event?.type === 'breakouts_opened' && event.groups[1]?.rotation.map((r) => r.guideId)).toEqual([
      'f',
      'h',
    ]);
  });

  it.each([
    { name: 'already open', state: opened(), groups, code: 'conflict' },
    {
      name: 'member twice',
      state: emptySessionState(),
      groups: [...groups, { id: 'g3', memberIds: ['a'] }],
      code: 'bad_request',
    },
    {
      name: 'group id twice',
      state: emptySessionState(),
      groups: [groups[0], { ...groups[0], memberIds: ['z'] }],
      code: 'bad_request',
    },
    {
      name: "group called 'all'",
      state: emptySessionState(),
      groups: [{ id: 'all', memberIds: ['a'] }],
      code: 'bad_request',
    },
    { name: 'no groups', state: emptySessionState(), groups: [], code: 'bad_request' },
    {
      name: 'empty group',
      state: emptySessionState(),
      groups: [{ id: 'g1', memberIds: [] }],
      code: 'bad_request',
    },
  ])('refuses: $name', ({ state, groups: g, code }) => {
    expect(
      codeOf(decideOpenBreakouts(state, { breakoutsId: 'x', exercise, groups: g as typeof groups }, at(0))),
    ).toBe(code);
  });
});

describe('timer commands', () => {
  const timers = (state: SessionState) => state.breakouts?.groups.map((g) => g.timer);
  it.each<{ name: string; command: TimerCommand; nowMin: number; g1: object; g2: object }>([
    {
      name: 'pause one group',
      command: { action: 'pause', target: 'g1' },
      nowMin: 1,
      g1: { status: 'paused', round: 0, phaseIndex: 0, remainingMs: MIN },
      g2: { status: 'running', round: 0, phaseIndex: 0, deadline: at(1.5) },
    },
    {
      name: 'pause all',
      command: { action: 'pause', target: 'all' },
      nowMin: 1,
      g1: { status: 'paused', round: 0, phaseIndex: 0, remainingMs: MIN },
      g2: { status: 'paused', round: 0, phaseIndex: 0, remainingMs: 0.5 * MIN },
    },
    {
      name: 'extend one group by 3 min',
      command: { action: 'extend', target: 'g2', ms: 3 * MIN },
      nowMin: 1,
      g1: { status: 'running', round: 0, phaseIndex: 0, deadline: at(2) },
      g2: { status: 'running', round: 0, phaseIndex: 0, deadline: at(4.5) },
    },
    {
      name: 'skip phase for all',
      command: { action: 'skip_phase', target: 'all' },
      nowMin: 1,
      g1: { status: 'running', round: 0, phaseIndex: 1, deadline: at(16) },
      g2: { status: 'running', round: 0, phaseIndex: 1, deadline: at(12.25) },
    },
    {
      name: 'end round after deadlines passed',
      command: { action: 'end_round', target: 'g1' },
      nowMin: 10,
      g1: { status: 'running', round: 1, phaseIndex: 0, deadline: at(12) },
      g2: { status: 'running', round: 0, phaseIndex: 0, deadline: at(1.5) },
    },
    {
      name: 'restart the conversation',
      command: { action: 'start_phase', target: 'g1', round: 0, phaseIndex: 1 },
      nowMin: 10,
      g1: { status: 'running', round: 0, phaseIndex: 1, deadline: at(25) },
      g2: { status: 'running', round: 0, phaseIndex: 0, deadline: at(1.5) },
    },
  ])('$name', ({ command, nowMin, g1, g2 }) => {
    const state = run(opened(), decideTimer(opened(), command, at(nowMin)));
    expect(timers(state)).toEqual([g1, g2]);
  });

  it('resume continues where the pause left off', () => {
    let state = run(opened(), decideTimer(opened(), { action: 'pause', target: 'all' }, at(1)));
    state = run(state, decideTimer(state, { action: 'resume', target: 'all' }, at(20)));
    expect(group(state, 'g1').timer).toEqual({
      status: 'running',
      round: 0,
      phaseIndex: 0,
      deadline: at(21),
    });
  });

  it.each<{ name: string; state: SessionState; command: TimerCommand; code: string }>([
    {
      name: 'no breakouts',
      state: emptySessionState(),
      command: { action: 'pause', target: 'all' },
      code: 'conflict',
    },
    { name: 'unknown group', state: opened(), command: { action: 'pause', target: 'g9' }, code: 'not_found' },
    {
      name: 'phase out of range',
      state: opened(),
      command: { action: 'start_phase', target: 'g1', round: 0, phaseIndex: 4 },
      code: 'bad_request',
    },
    {
      name: 'round out of range',
      state: opened(),
      command: { action: 'start_phase', target: 'all', round: 3, phaseIndex: 0 },
      code: 'bad_request',
    },
  ])('refuses: $name', ({ state, command, code }) => {
    expect(codeOf(decideTimer(state, command, at(1)))).toBe(code);
  });
});

describe('decideTick', () => {
  it.each([
    { name: 'nothing due', nowMin: 1, types: [] },
    { name: 'preparation over', nowMin: 2, types: ['timers_advanced'] },
    { name: 'long after', nowMin: 200, types: ['timers_advanced'] },
  ])('$name', ({ nowMin, types }) => {
    expect(decideTick(opened(), at(nowMin)).map((e) => e.type)).toEqual(types);
  });

  it('advances every group across phases and rounds from their deadlines', () => {
    const state = replaySession([...openedEvents(), ...decideTick(opened(), at(30))]);
    expect(group(state, 'g1').timer).toEqual({
      status: 'running',
      round: 1,
      phaseIndex: 1,
      deadline: at(44),
    });
    expect(decideTick(state, at(30))).toEqual([]);
  });

  it('closes breakouts when the closing countdown ends', () => {
    const closing = run(opened(), decideCloseBreakouts(opened(), at(5)));
    expect(decideTick(closing, at(5) + 59 * S).map((e) => e.type)).toEqual(['timers_advanced']);
    const closed = decideTick(closing, at(6)).reduce(applySessionEvent, closing);
    expect(closed.breakouts).toBeNull();
  });

  it('does nothing without breakouts', () => {
    expect(decideTick(emptySessionState(), at(1))).toEqual([]);
  });
});

describe('decideCloseBreakouts', () => {
  it('starts the exercise’s closing countdown', () => {
    const decision = decideCloseBreakouts(opened(), at(5));
    expect(decision.ok && decision.data).toEqual([{ type: 'breakouts_closing', at: at(5), closesAt: at(6) }]);
    expect(run(opened(), decision).breakouts?.status).toBe('closing');
  });

  it.each([
    { name: 'not open', state: emptySessionState(), code: 'conflict' },
    {
      name: 'already closing',
      state: run(opened(), decideCloseBreakouts(opened(), at(5))),
      code: 'conflict',
    },
  ])('refuses: $name', ({ state, code }) => {
    expect(codeOf(decideCloseBreakouts(state, at(6)))).toBe(code);
  });

  it('can close at once, also during the countdown', () => {
    const closing = run(opened(), decideCloseBreakouts(opened(), at(5)));
    expect(run(closing, decideCloseBreakouts(closing, at(5), { immediately: true })).breakouts).toBeNull();
  });
});

describe('presence and late joiners', () => {
  it('a dropout keeps their seat and role and comes back to them', () => {
    let state = opened();
    const before = seatOf(state, 'b');
    state = run(state, decideLeave(state, 'b', at(3)));
    expect(state.present).not.toContain('b');
    expect(seatOf(state, 'b')).toEqual(before);
    const rejoin = decideJoin(state, 'b', at(4));
    expect(rejoin.ok && rejoin.data.map((e) => e.type)).toEqual(['participant_joined']);
    state = run(state, rejoin);
    expect(state.present).toContain('b');
    expect(seatOf(state, 'b')).toEqual(before);
  });

  it.each([
    { name: 'joining twice', decide: (s: SessionState) => decideJoin(s, 'a', at(1)) },
    { name: 'leaving when absent', decide: (s: SessionState) => decideLeave(s, 'zz', at(1)) },
  ])('is idempotent: $name', ({ decide }) => {
    const decision = decide(opened());
    expect(decision.ok && decision.data).toEqual([]);
  });

  it('places a late joiner in the smallest group, as observer from the current round on', () => {
    let state = opened();
    state = run(state, decideTimer(state, { action: 'end_round', target: 'g1' }, at(10)));
    const decision = decideJoin(state, 'late', at(11));
    expect(decision.ok && decision.data.map((e) => e.type)).toEqual([
      'participant_joined',
      'late_joiner_placed',
    ]);
    state = run(state, decision);
    const g1 = group(state, 'g1');
    expect(g1.memberIds).toEqual(['a', 'b', 'c', 'late']);
    // Observes the round under way, then gets a guide turn of their own; nobody guides twice.
    expect(g1.rotation.map((r) => r.observerIds.includes('late'))).toEqual([false, true, false, false]);
    expect(g1.rotation.map((r) => r.guideId)).toEqual(['a', 'b', 'c', 'late']);
    expect(seatOf(state, 'late')).toEqual({ groupId: 'g1', round: 1, role: 'observer' });
  });

  it('does not place anyone while breakouts are closing', () => {
    const closing = run(opened(), decideCloseBreakouts(opened(), at(5)));
    const decision = decideJoin(closing, 'late', at(5));
    expect(decision.ok && decision.data.map((e) => e.type)).toEqual(['participant_joined']);
  });
});

describe('decideMoveMember', () => {
  it('moves the guide: the two left run two rounds, the mover observes, then guides in the new group', () => {
    let state = opened();
    state = run(state, decideMoveMember(state, { participantId: 'a', toGroupId: 'g2' }, at(1)));
    const g1 = group(state, 'g1');
    expect(g1.memberIds).toEqual(['b', 'c']);
    expect(g1.rotation).toEqual([
      { guideId: 'b', adviseeId: 'c', observerIds: [] },
      { guideId: 'c', adviseeId: 'b', observerIds: [] },
    ]);
    const g2 = group(state, 'g2');
    expect(g2.rotation[0]?.observerIds).toContain('a');
    expect(g2.rotation.map((r) => r.guideId).sort()).toEqual(['a', 'd', 'e', 'f', 'h']);
  });

  it('someone who already guided in their old group observes only in the new one', () => {
    let state = opened();
    // 30 minutes in: g1 (27-minute rounds) is in round 1, so a has guided round 0.
    state = run(state, decideMoveMember(state, { participantId: 'a', toGroupId: 'g2' }, at(30)));
    const g2 = group(state, 'g2');
    expect(g2.rotation.filter((r) => r.guideId === 'a')).toEqual([]);
    expect(new Set(g2.rotation.map((r) => r.guideId)).size).toBe(g2.rotation.length);
  });

  it('a group left with one person stops, an emptied group disappears', () => {
    let state = opened();
    state = run(state, decideMoveMember(state, { participantId: 'a', toGroupId: 'g2' }, at(1)));
    state = run(state, decideMoveMember(state, { participantId: 'b', toGroupId: 'g2' }, at(1)));
    expect(group(state, 'g1').timer.status).toBe('finished');
    expect(group(state, 'g1').rotation).toEqual([]);
    state = run(state, decideMoveMember(state, { participantId: 'c', toGroupId: 'g2' }, at(1)));
    expect(state.breakouts?.groups.map((g) => g.id)).toEqual(['g2']);
    expect(group(state, 'g2').memberIds).toHaveLength(7);
  });

  it.each([
    { name: 'not open', state: emptySessionState(), to: 'g2', code: 'conflict' },
    { name: 'unknown group', state: opened(), to: 'g9', code: 'not_found' },
  ])('refuses: $name', ({ state, to, code }) => {
    expect(codeOf(decideMoveMember(state, { participantId: 'a', toGroupId: to }, at(1)))).toBe(code);
  });

  it('moving into the own group changes nothing', () => {
    const decision = decideMoveMember(opened(), { participantId: 'a', toGroupId: 'g1' }, at(1));
    expect(decision.ok && decision.data).toEqual([]);
  });
});

describe('missingRoleAlert and role swaps', () => {
  it.each([
    { name: 'everyone there', present: ['d', 'e', 'f', 'h'], expected: [] },
    {
      name: 'guide missing: the observer whose turn comes latest steps in',
      present: ['e', 'f', 'h'],
      expected: [{ role: 'guide', missingId: 'd', replacementId: 'h' }],
    },
    {
      name: 'advisee missing',
      present: ['d', 'f', 'h'],
      expected: [{ role: 'advisee', missingId: 'e', replacementId: 'h' }],
    },
    {
      name: 'both missing',
      present: ['f', 'h'],
      expected: [
        { role: 'guide', missingId: 'd', replacementId: 'h' },
        { role: 'advisee', missingId: 'e', replacementId: 'f' },
      ],
    },
    {
      name: 'nobody to step in',
      present: ['e'],
      expected: [{ role: 'guide', missingId: 'd', replacementId: null }],
    },
  ])('$name', ({ present, expected }) => {
    expect(missingRoleAlert(opened(), 'g2', present)).toEqual(expected);
  });

  it('applying the suggestion keeps everyone guide once and advisee once', () => {
    let state = opened();
    const [suggestion] = missingRoleAlert(state, 'g2', ['e', 'f', 'h']);
    state = run(
      state,
      decideSwapRoles(
        state,
        { groupId: 'g2', participantIds: ['d', suggestion?.replacementId ?? ''] },
        at(0),
      ),
    );
    const rotation = group(state, 'g2').rotation;
    expect(rotation[0]).toEqual({ guideId: 'h', adviseeId: 'e', observerIds: ['f', 'd'] });
    expect(rotation.map((r) => r.guideId).sort()).toEqual(['d', 'e', 'f', 'h']);
    expect(rotation.map((r) => r.adviseeId).sort()).toEqual(['d', 'e', 'f', 'h']);
    expect(missingRoleAlert(state, 'g2', ['e', 'f', 'h'])).toEqual([]);
  });

  it('swaps only from the current round on', () => {
    let state = opened();
    state = run(state, decideTimer(state, { action: 'end_round', target: 'g1' }, at(3)));
    state = run(state, decideSwapRoles(state, { groupId: 'g1', participantIds: ['a', 'b'] }, at(4)));
    expect(group(state, 'g1').rotation.map((r) => r.guideId)).toEqual(['a', 'a', 'c']);
  });

  it.each([
    { name: 'unknown group', groupId: 'g9', ids: ['a', 'b'] as [string, string], code: 'not_found' },
    { name: 'same person twice', groupId: 'g1', ids: ['a', 'a'] as [string, string], code: 'bad_request' },
    {
      name: 'member of another group',
      groupId: 'g1',
      ids: ['a', 'd'] as [string, string],
      code: 'bad_request',
    },
  ])('refuses: $name', ({ groupId, ids, code }) => {
    expect(codeOf(decideSwapRoles(opened(), { groupId, participantIds: ids }, at(1)))).toBe(code);
  });
});

describe('help requests and broadcasts', () => {
  it('a request is open once per group until resolved', () => {
    let state = run(opened(), decideRequestHelp(opened(), 'b', at(3)));
    expect(state.breakouts?.helpRequests).toEqual([{ groupId: 'g1', participantId: 'b', at: at(3) }]);
    const again = decideRequestHelp(state, 'c', at(4));
    expect(again.ok && again.data).toEqual([]);
    state = run(state, decideResolveHelp(state, 'g1', at(5)));
    expect(state.breakouts?.helpRequests).toEqual([]);
    const resolvedAgain = decideResolveHelp(state, 'g1', at(6));
    expect(resolvedAgain.ok && resolvedAgain.data).toEqual([]);
  });

  it('refuses help for someone without a group', () => {
    expect(codeOf(decideRequestHelp(opened(), 'zz', at(1)))).toBe('conflict');
  });

  it.each([
    { text: '  Five minutes left  ', stored: 'Five minutes left', code: null },
    { text: '   ', stored: null, code: 'bad_request' },
    { text: 'x'.repeat(501), stored: null, code: 'bad_request' },
  ])('broadcast $text.length chars → $code', ({ text, stored, code }) => {
    const decision = decideBroadcast(opened(), text, at(1));
    expect(codeOf(decision)).toBe(code);
    if (stored) expect(run(opened(), decision).broadcasts).toEqual([{ text: stored, at: at(1) }]);
  });

  it('keeps the latest 20 broadcasts', () => {
    let state = emptySessionState();
    for (let i = 0; i < 25; i++) state = run(state, decideBroadcast(state, `message ${i}`, at(i)));
    expect(state.broadcasts.map((b) => b.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `message ${i + 5}`),
    );
  });
});

describe('decideSubmitFeedback', () => {
  const place = (round: number, breakoutsId = 'x1') => ({ breakoutsId, groupId: 'g1', round });
  const withReceipt = () => run(opened(), decideSubmitFeedback(opened(), 'c', place(0), at(20)));

  it.each([
    { name: 'the round’s observer', state: opened, observer: 'c', round: 0, nowMin: 20, code: null },
    { name: 'the guide', state: opened, observer: 'a', round: 0, nowMin: 20, code: 'forbidden' },
    { name: 'the advisee', state: opened, observer: 'b', round: 0, nowMin: 20, code: 'forbidden' },
    {
      name: 'someone from another group',
      state: opened,
      observer: 'd',
      round: 0,
      nowMin: 20,
      code: 'forbidden',
    },
    {
      name: 'a round that has not started',
      state: opened,
      observer: 'a',
      round: 1,
      nowMin: 20,
      code: 'conflict',
    },
    { name: 'that round once started', state: opened, observer: 'a', round: 1, nowMin: 28, code: null },
    {
      name: 'a round that does not exist',
      state: opened,
      observer: 'c',
      round: 3,
      nowMin: 20,
      code: 'not_found',
    },
    { name: 'a first card after its round', state: opened, observer: 'c', round: 0, nowMin: 28, code: null },
    {
      name: 'a correction during its round',
      state: withReceipt,
      observer: 'c',
      round: 0,
      nowMin: 21,
      code: null,
    },
    {
      name: 'a correction after its round',
      state: withReceipt,
      observer: 'c',
      round: 0,
      nowMin: 28,
      code: 'conflict',
    },
  ])('submitted by $name → $code', ({ state, observer, round, nowMin, code }) => {
    expect(codeOf(decideSubmitFeedback(state(), observer, place(round), at(nowMin)))).toBe(code);
  });

  it.each([
    { name: 'other breakouts', state: opened, breakoutsId: 'old' },
    { name: 'no breakouts', state: emptySessionState, breakoutsId: 'x1' },
  ])('refuses a card for $name', ({ state, breakoutsId }) => {
    expect(codeOf(decideSubmitFeedback(state(), 'c', place(0, breakoutsId), at(20)))).toBe('conflict');
  });

  it('answers the receipt the first time and nothing once it is in', () => {
    const first = decideSubmitFeedback(opened(), 'c', place(0), at(20));
    expect(first).toEqual({
      ok: true,
      data: [
        {
          type: 'feedback_submitted',
          at: at(20),
          breakoutsId: 'x1',
          groupId: 'g1',
          round: 0,
          observerId: 'c',
        },
      ],
    });
    expect(decideSubmitFeedback(withReceipt(), 'c', place(0), at(21))).toEqual({ ok: true, data: [] });
  });
});

describe('cards after the breakouts closed (grace period, default 10 minutes)', () => {
  const place = (round: number, groupId = 'g1') => ({ breakoutsId: 'x1', groupId, round });
  // Closed at minute 30: g1 is in round 1 (rounds are 27 min), so rounds 0 and 1 had started.
  const closed = () => run(opened(), decideCloseBreakouts(opened(), at(30), { immediately: true }));
  const lateCard = () => run(closed(), decideSubmitFeedback(closed(), 'c', place(0), at(32)));

  it('keeps the closed run’s places and when cards stop being accepted', () => {
    const rc = closed().recentlyClosed;
    expect(rc).toMatchObject({ id: 'x1', themeId: 'structure', closedAt: at(30), cardsUntil: at(40) });
    expect(rc?.groups.find((g) => g.id === 'g1')?.roundsStarted).toBe(2);
    expect(closed().breakouts).toBeNull();
  });

  it.each([
    {
      name: 'a first card 2 minutes after the close',
      state: closed,
      observer: 'c',
      round: 0,
      nowMin: 32,
      code: null,
    },
    {
      name: 'the last second of the grace period',
      state: closed,
      observer: 'c',
      round: 0,
      nowMin: 40,
      code: null,
    },
    {
      name: 'after the grace period',
      state: closed,
      observer: 'c',
      round: 0,
      nowMin: 40.01,
      code: 'conflict',
    },
    {
      name: 'the guide of that round',
      state: closed,
      observer: 'a',
      round: 0,
      nowMin: 32,
      code: 'forbidden',
    },
    {
      name: 'a round that never started',
      state: closed,
      observer: 'b',
      round: 2,
      nowMin: 32,
      code: 'conflict',
    },
    {
      name: 'a second card for the same round',
      state: lateCard,
      observer: 'c',
      round: 0,
      nowMin: 33,
      code: 'conflict',
    },
  ])('$name → $code', ({ state, observer, round, nowMin, code }) => {
    expect(codeOf(decideSubmitFeedback(state(), observer, place(round), at(nowMin)))).toBe(code);
  });

  it('records the receipt against the closed run, even while the next breakouts run', () => {
    const next = run(
      closed(),
      decideOpenBreakouts(closed(), { breakoutsId: 'x2', exercise, groups }, at(35)),
    );
    const after = run(next, decideSubmitFeedback(next, 'c', place(0), at(36)));
    expect(after.recentlyClosed?.feedbackIn).toEqual([{ groupId: 'g1', round: 0, observerId: 'c' }]);
    expect(after.feedbackIn).toEqual([]);
    expect(toPublicState(after).recentlyClosed?.id).toBe('x1');
  });
});
