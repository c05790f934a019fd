import { describe, expect, it } from 'vitest';
import {
  decideCloseBreakouts,
  decideOpenBreakouts,
  decideSaveReflectionNote,
  decideSubmitFeedback,
  decideTick,
} from './session-commands.ts';
import {
  applySessionEvent,
  emptySessionState,
  feedbackCardsVisibleTo,
  observerMuted,
  PublicSessionState,
  replaySession,
  SessionEvent,
  toPublicState,
} from './session-state.ts';
import { at, codeOf, exercise, groups, opened, openedEvents, run } from './session-test-fixtures.ts';

describe('feedback cards and privacy', () => {
  const secret = { workedWell: 'SECRET: you tolerated the silence' };
  const withCard = () =>
    run(opened(), decideSubmitFeedback(opened(), 'c', { groupId: 'g1', round: 0, content: secret }, at(20)));

  it.each([
    { name: 'the round’s observer', observer: 'c', round: 0, nowMin: 20, code: null },
    { name: 'the guide', observer: 'a', round: 0, nowMin: 20, code: 'forbidden' },
    { name: 'the advisee', observer: 'b', round: 0, nowMin: 20, code: 'forbidden' },
    { name: 'someone from another group', observer: 'd', round: 0, nowMin: 20, code: 'forbidden' },
    { name: 'a round that has not started', observer: 'a', round: 1, nowMin: 20, code: 'conflict' },
    { name: 'that round once started', observer: 'a', round: 1, nowMin: 28, code: null },
    { name: 'a round that does not exist', observer: 'c', round: 3, nowMin: 20, code: 'not_found' },
  ])('submitted by $name → $code', ({ observer, round, nowMin, code }) => {
    const decision = decideSubmitFeedback(
      opened(),
      observer,
      { groupId: 'g1', round, content: secret },
      at(nowMin),
    );
    expect(codeOf(decision)).toBe(code);
  });

  it('records the card for the guide; a resubmission replaces it', () => {
    let state = withCard();
    state = run(
      state,
      decideSubmitFeedback(state, 'c', { groupId: 'g1', round: 0, content: { workedWell: 'v2' } }, at(21)),
    );
    expect(state.feedbackCards).toEqual([
      {
        breakoutsId: 'x1',
        groupId: 'g1',
        round: 0,
        observerId: 'c',
        guideId: 'a',
        content: { workedWell: 'v2' },
        at: at(21),
      },
    ]);
  });

  it('public state shows which cards are in, never their contents or reflection notes', () => {
    let state = withCard();
    state = run(state, decideSaveReflectionNote(state, 'b', 'SECRET: my note', at(22)));
    const publicState = toPublicState(state);
    expect(publicState.feedbackIn).toEqual([{ groupId: 'g1', round: 0, observerId: 'c' }]);
    expect(JSON.stringify(publicState)).not.toContain('SECRET');
    expect(PublicSessionState.safeParse(publicState).success).toBe(true);
    expect(PublicSessionState.safeParse({ ...publicState, feedbackCards: state.feedbackCards }).success).toBe(
      false,
    );
  });

  it('cards of earlier breakouts are not counted as in', () => {
    let state = withCard();
    state = run(state, decideCloseBreakouts(state, at(30), { immediately: true }));
    state = run(state, decideOpenBreakouts(state, { breakoutsId: 'x2', exercise, groups }, at(40)));
    expect(toPublicState(state).feedbackIn).toEqual([]);
    expect(state.feedbackCards).toHaveLength(1);
  });

  it.each([
    { name: 'facilitator', viewer: { role: 'facilitator', id: 'f1' }, sees: 1 },
    { name: 'the author', viewer: { role: 'participant', id: 'c' }, sees: 1 },
    { name: 'the guide it is about', viewer: { role: 'participant', id: 'a' }, sees: 1 },
    { name: 'the advisee', viewer: { role: 'participant', id: 'b' }, sees: 0 },
    { name: 'another participant', viewer: { role: 'participant', id: 'd' }, sees: 0 },
  ] as const)('$name sees $sees card(s)', ({ viewer, sees }) => {
    expect(feedbackCardsVisibleTo(withCard(), viewer)).toHaveLength(sees);
  });

  it('refuses an oversized reflection note', () => {
    expect(codeOf(decideSaveReflectionNote(opened(), 'a', 'x'.repeat(10_001), at(1)))).toBe('bad_request');
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

describe('events and the reducer', () => {
  it('events survive JSON and validate against the schema, and replay gives the same state', () => {
    const events = [
      ...openedEvents(),
      { type: 'timer_paused', at: at(1), target: 'all' },
      { type: 'late_joiner_placed', at: at(2), participantId: 'late', groupId: 'g1' },
      {
        type: 'feedback_submitted',
        at: at(20),
        groupId: 'g1',
        round: 0,
        observerId: 'c',
        content: { a: [1, 'x'] },
      },
    ] satisfies SessionEvent[];
    const parsed = JSON.parse(JSON.stringify(events)).map((e: unknown) => SessionEvent.parse(e));
    expect(replaySession(parsed)).toEqual(replaySession(events));
  });

  it('rejects malformed events', () => {
    expect(SessionEvent.safeParse({ type: 'timer_paused', at: 1 }).success).toBe(false);
    expect(SessionEvent.safeParse({ type: 'teleported', at: 1 }).success).toBe(false);
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
