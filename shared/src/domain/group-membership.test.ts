import { describe, expect, it } from 'vitest';
import {
  addObserver,
  guideOf,
  observerMuted,
  removeMember,
  seatOf,
  swapRoles,
  timerPlanOf,
} from './group-membership.ts';
import { decideOpenBreakouts, decideTick } from './session-commands.ts';
import { applySessionEvent } from './session-reducer.ts';
import { emptySessionState, type SessionGroup } from './session-state.ts';
import { at, exercise, group, groups, opened, run } from './session-test-fixtures.ts';
import { startTimer } from './timers.ts';

/** Three members, each guide once and advisee once: a→b→c. */
const trio = (): SessionGroup => {
  const rotation = [
    { guideId: 'a', adviseeId: 'b', observerIds: ['c'] },
    { guideId: 'b', adviseeId: 'c', observerIds: ['a'] },
    { guideId: 'c', adviseeId: 'a', observerIds: ['b'] },
  ];
  return {
    id: 'g',
    memberIds: ['a', 'b', 'c'],
    rotation,
    timer: startTimer(timerPlanOf(exercise, { rotation }), 0),
  };
};
const roles = (g: SessionGroup) =>
  g.rotation.map((r) => `${r.guideId}>${r.adviseeId}/${r.observerIds.join(',')}`);

describe('seatOf and guideOf', () => {
  const g1 = () => group(opened(), 'g1');
  it.each([
    { who: 'guide of round 0', id: () => g1().rotation[0]?.guideId ?? '', role: 'guide' },
    { who: 'advisee of round 0', id: () => g1().rotation[0]?.adviseeId ?? '', role: 'advisee' },
    { who: 'observer of round 0', id: () => g1().rotation[0]?.observerIds[0] ?? '', role: 'observer' },
  ])('the $who sits in g1, round 0, as $role', ({ id, role }) => {
    expect(seatOf(opened(), id())).toEqual({ groupId: 'g1', round: 0, role });
  });

  it('someone in no group has no seat', () => {
    expect(seatOf(opened(), 'zz')).toBeNull();
  });

  it('a finished group keeps the seat but no role', () => {
    const state = decideTick(opened(), at(24 * 60)).reduce(applySessionEvent, opened());
    expect(seatOf(state, 'a')).toMatchObject({ groupId: 'g1', role: null });
  });

  it.each([
    { name: 'a planned round', groupId: 'g1', round: 0, found: true },
    { name: 'a round not planned', groupId: 'g1', round: 9, found: false },
    { name: 'an unknown group', groupId: 'g9', round: 0, found: false },
  ])('guideOf $name', ({ groupId, round, found }) => {
    const expected = found ? g1().rotation[round]?.guideId : undefined;
    expect(guideOf(opened(), groupId, round)).toBe(expected);
    if (found) expect(expected).toBeTypeOf('string');
  });
});

describe('observerMuted', () => {
  it.each([
    { name: 'observer in preparation', who: 'c', nowMin: 1, muted: false },
    { name: 'observer in conversation', who: 'c', nowMin: 3, muted: true },
    { name: 'guide in conversation', who: 'a', nowMin: 3, muted: false },
    { name: 'observer in feedback', who: 'c', nowMin: 18, muted: false },
    { name: 'not in a group', who: 'zz', nowMin: 3, muted: false },
  ])('$name → $muted', ({ who, nowMin, muted }) => {
    const state = decideTick(opened(), at(nowMin)).reduce(applySessionEvent, opened());
    expect(observerMuted(state, who)).toBe(muted);
  });

  it('never mutes when the exercise does not ask for it', () => {
    let state = emptySessionState();
    state = run(
      state,
      decideOpenBreakouts(
        state,
        { breakoutsId: 'x', exercise: { ...exercise, muteObserversDuringConversation: false }, groups },
        at(0),
      ),
    );
    state = decideTick(state, at(3)).reduce(applySessionEvent, state);
    expect(observerMuted(state, 'c')).toBe(false);
  });
});

describe('seat changes', () => {
  it.each([
    // A newcomer observes the current round and gets a guide turn of their own.
    { name: 'from round 0', fromRound: 0, expected: ['a>b/c,d', 'b>c/a,d', 'c>d/a,b', 'd>a/b,c'] },
    { name: 'from round 2', fromRound: 2, expected: ['a>b/c', 'b>c/a', 'c>a/b,d', 'd>a/b,c'] },
  ])('addObserver $name', ({ fromRound, expected }) => {
    const added = addObserver(exercise, trio(), 'd', fromRound);
    expect(added.memberIds).toEqual(['a', 'b', 'c', 'd']);
    expect(roles(added)).toEqual(expected);
  });

  it.each([
    {
      name: 'with four, the three left each guide once',
      group: () => addObserver(exercise, trio(), 'd', 0),
      leaver: 'a',
      fromRound: 0,
      expected: ['b>c/d', 'c>d/b', 'd>b/c'],
    },
    {
      name: 'past rounds stay as they were, and the rest still guide once each',
      group: () => addObserver(exercise, trio(), 'd', 0),
      leaver: 'a',
      fromRound: 1,
      expected: ['a>b/c,d', 'b>c/d', 'c>d/b', 'd>b/c'],
    },
    {
      name: 'a triad down to two runs two rounds: nobody guides twice',
      group: trio,
      leaver: 'c',
      fromRound: 0,
      expected: ['a>b/', 'b>a/'],
    },
    {
      name: 'the leaver had guided: the two left guide once each',
      group: trio,
      leaver: 'a',
      fromRound: 1,
      expected: ['a>b/c', 'b>c/', 'c>b/'],
    },
    {
      name: 'with one left, the group keeps its past rounds and stops',
      group: () => removeMember(exercise, trio(), 'c', 1, 0),
      leaver: 'b',
      fromRound: 1,
      expected: ['a>b/c'],
    },
  ])('removeMember: $name', ({ group: make, leaver, fromRound, expected }) => {
    const left = removeMember(exercise, make(), leaver, fromRound, at(5));
    expect(left.memberIds).not.toContain(leaver);
    expect(roles(left)).toEqual(expected);
  });

  it.each([
    { name: 'from round 0', fromRound: 0, expected: ['c>b/a', 'b>a/c', 'a>c/b'] },
    { name: 'from round 1', fromRound: 1, expected: ['a>b/c', 'b>a/c', 'a>c/b'] },
    { name: 'past the last round', fromRound: 3, expected: ['a>b/c', 'b>c/a', 'c>a/b'] },
  ])('swapRoles of a and c $name', ({ fromRound, expected }) => {
    expect(roles(swapRoles(trio(), fromRound, ['a', 'c']))).toEqual(expected);
  });
});
