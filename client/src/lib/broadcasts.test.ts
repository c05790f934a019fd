import {
  type Breakouts,
  DEFAULT_WEBINAR_PLAN,
  ExerciseConfig,
  type PublicSessionState,
} from '@rundgang/shared';
import { describe, expect, it } from 'vitest';
import { broadcastContext, splitBroadcasts } from './broadcasts.ts';

const T0 = 1_000_000;
const breakouts: Breakouts = {
  id: 'b1',
  status: 'running',
  startedAt: T0,
  closesAt: null,
  exercise: ExerciseConfig.parse({
    themeId: 'structure',
    phases: [
      { kind: 'preparation', durationSec: 60 },
      { kind: 'conversation', durationSec: 120 },
    ],
    seed: 1,
  }),
  groups: [
    {
      id: 'g1',
      memberIds: ['a', 'b'],
      rotation: [
        { guideId: 'a', adviseeId: 'b', observerIds: [] },
        { guideId: 'b', adviseeId: 'a', observerIds: [] },
      ],
      timer: { status: 'running', round: 0, phaseIndex: 0, deadline: T0 + 60_000 },
    },
  ],
  helpRequests: [],
};
const plenary: PublicSessionState = {
  present: ['a', 'b'],
  agenda: {
    plan: DEFAULT_WEBINAR_PLAN,
    run: { startedAt: T0 - 600_000, currentIndex: 1, currentStartedAt: T0 - 300_000, done: [] },
  },
  breakouts: null,
  broadcasts: [],
  feedbackIn: [],
  recentlyClosed: null,
};
const live = { ...plenary, breakouts };

describe('broadcastContext', () => {
  it.each([
    {
      name: 'plenary: the agenda segment',
      state: plenary,
      id: 'a',
      now: T0,
      key: 'plenary:segment:1',
      startedAt: T0 - 300_000,
    },
    {
      name: 'first phase',
      state: live,
      id: 'a',
      now: T0 + 10_000,
      key: 'phase:b1:g1:0:0:false',
      startedAt: T0,
    },
    {
      name: 'second phase (from the state alone, as a late joiner)',
      state: live,
      id: 'a',
      now: T0 + 70_000,
      key: 'phase:b1:g1:0:1:false',
      startedAt: T0 + 60_000,
    },
    {
      name: 'next round',
      state: live,
      id: 'b',
      now: T0 + 190_000,
      key: 'phase:b1:g1:1:0:false',
      startedAt: T0 + 180_000,
    },
    {
      name: 'not seated during breakouts',
      state: live,
      id: 'z',
      now: T0 + 70_000,
      key: 'breakouts:b1',
      startedAt: T0,
    },
  ])('$name', ({ state, id, now, key, startedAt }) => {
    expect(broadcastContext(state, id, now)).toEqual({ key, startedAt });
  });
});

describe('splitBroadcasts', () => {
  const sent = [
    { text: 'Velkommen', at: T0 - 200_000 },
    { text: 'To minutter igjen', at: T0 + 30_000 },
  ];
  it.each([
    {
      name: 'sent in this phase: current',
      startedAt: T0,
      hiddenUpTo: 0,
      current: 'To minutter igjen',
      earlier: ['Velkommen'],
    },
    {
      name: 'the phase changed since: history only',
      startedAt: T0 + 60_000,
      hiddenUpTo: 0,
      current: null,
      earlier: ['To minutter igjen', 'Velkommen'],
    },
    {
      name: 'seen before the context changed here',
      startedAt: 0,
      hiddenUpTo: T0 + 30_000,
      current: null,
      earlier: ['To minutter igjen', 'Velkommen'],
    },
  ])('$name', ({ startedAt, hiddenUpTo, current, earlier }) => {
    const split = splitBroadcasts(sent, { key: 'k', startedAt }, hiddenUpTo);
    expect(split.current?.text ?? null).toBe(current);
    expect(split.earlier.map((b) => b.text)).toEqual(earlier);
  });
  it('nothing sent, nothing shown', () => {
    expect(splitBroadcasts([], { key: 'k', startedAt: 0 })).toEqual({ current: null, earlier: [] });
  });
});
