import {
  type Breakouts,
  DEFAULT_WEBINAR_PLAN,
  ExerciseConfig,
  type PublicSessionState,
} from '@rundgang/shared';
import { describe, expect, it } from 'vitest';
import {
  closingLeftMs,
  formatTimeLeft,
  groupView,
  minutesLeft,
  participantIdOf,
  seatView,
} from './live-view.ts';

const T0 = 1_000_000;
const breakouts: Breakouts = {
  id: 'b1',
  status: 'running',
  startedAt: T0,
  closesAt: null,
  // Parsed, so fields the schema gains later get their defaults here too.
  exercise: ExerciseConfig.parse({
    themeId: 'structure',
    phases: [
      { kind: 'preparation', durationSec: 60 },
      { kind: 'conversation', durationSec: 120 },
    ],
    strategy: 'random',
    groupOfFourPolicy: 'same_end_time',
    feedbackGraceSec: 600,
    seed: 1,
  }),
  groups: [
    {
      id: 'g1',
      memberIds: ['a', 'b', 'c'],
      rotation: [
        { guideId: 'a', adviseeId: 'b', observerIds: ['c'] },
        { guideId: 'b', adviseeId: 'c', observerIds: ['a'] },
      ],
      timer: { status: 'running', round: 0, phaseIndex: 0, deadline: T0 + 60_000 },
    },
  ],
  helpRequests: [{ groupId: 'g1', participantId: 'a', at: T0 }],
};
const state: PublicSessionState = {
  present: ['a', 'b', 'c'],
  agenda: { plan: DEFAULT_WEBINAR_PLAN, run: null },
  breakouts,
  broadcasts: [],
  recentlyClosed: null,
  feedbackIn: [
    { groupId: 'g1', round: 1, observerId: 'a' },
    { groupId: 'g1', round: 0, observerId: 'a' },
  ],
};
const group = breakouts.groups[0] as Breakouts['groups'][number];

describe('groupView', () => {
  it.each([
    ['start', T0, { round: 0, phaseKind: 'preparation', timeLeftMs: 60_000, feedbackIn: 0 }],
    ['past the first deadline', T0 + 61_000, { round: 0, phaseKind: 'conversation', timeLeftMs: 119_000 }],
    [
      'second round',
      T0 + 181_000,
      { round: 1, phaseKind: 'preparation', feedbackIn: 1, feedbackExpected: 1 },
    ],
    ['finished', T0 + 999_000, { finished: true, phaseKind: null, timeLeftMs: 0, roles: null }],
  ])('%s', (_name, now, expected) => {
    expect(groupView(state, breakouts, group, now)).toMatchObject({ helpRequested: true, ...expected });
  });
});

describe('seatView', () => {
  it.each([
    ['a', T0, 'guide'],
    ['c', T0, 'observer'],
    ['a', T0 + 181_000, 'observer'],
    ['c', T0 + 181_000, 'advisee'],
  ])('%s at %i is %s', (id, now, role) => {
    expect(seatView(state, id, now)?.role).toBe(role);
  });
  it('is null outside any group', () => expect(seatView(state, 'z', T0)).toBeNull());
});

describe('formatting', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [59_001, '1:00'],
    [61_000, '1:01'],
    [600_000, '10:00'],
    [-5, '0:00'],
  ])('%i ms → %s', (ms, text) => expect(formatTimeLeft(ms)).toBe(text));
  it.each([
    [0, 0],
    [1, 1],
    [60_000, 1],
    [60_001, 2],
  ])('%i ms → %i min', (ms, min) => expect(minutesLeft(ms)).toBe(min));
  it('reads participant ids out of identities', () => {
    expect(participantIdOf('p:abc')).toBe('abc');
    expect(participantIdOf('f:abc')).toBeNull();
    expect(participantIdOf(null)).toBeNull();
  });
  it('closing countdown only while closing', () => {
    expect(closingLeftMs(state, T0)).toBeNull();
    const closing = {
      ...state,
      breakouts: { ...breakouts, status: 'closing' as const, closesAt: T0 + 30_000 },
    };
    expect(closingLeftMs(closing, T0 + 10_000)).toBe(20_000);
  });
});
