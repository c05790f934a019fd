import { describe, expect, it } from 'vitest';
import { DEFAULT_PHASES, ExerciseConfig, roundDurationSec, roundsForGroup } from './exercise-config.ts';

describe('ExerciseConfig', () => {
  it('fills in the seed programme defaults', () => {
    expect(ExerciseConfig.parse({ themeId: 'structure', seed: 7 })).toEqual({
      themeId: 'structure',
      focusSkills: [],
      groupSize: 3,
      phases: [
        { kind: 'preparation', durationSec: 120 },
        { kind: 'conversation', durationSec: 900 },
        { kind: 'feedback', durationSec: 420 },
        { kind: 'reflection', durationSec: 180 },
      ],
      rounds: null,
      muteObserversDuringConversation: false,
      closingCountdownSec: 60,
      feedbackVisibleToGuide: 'on_submit',
      strategy: 'mix_municipalities',
      seed: 7,
    });
  });

  it('does not share the default phases between parses', () => {
    const a = ExerciseConfig.parse({ themeId: 't', seed: 1 });
    const first = a.phases[0];
    if (first) first.durationSec = 999;
    expect(ExerciseConfig.parse({ themeId: 't', seed: 1 }).phases[0]?.durationSec).toBe(120);
    expect(DEFAULT_PHASES[0]?.durationSec).toBe(120);
  });

  it.each([
    { name: 'missing theme', input: { seed: 1 } },
    { name: 'missing seed', input: { themeId: 't' } },
    { name: 'group size 2', input: { themeId: 't', seed: 1, groupSize: 2 } },
    { name: 'group size 5', input: { themeId: 't', seed: 1, groupSize: 5 } },
    { name: 'countdown below 10 s', input: { themeId: 't', seed: 1, closingCountdownSec: 9 } },
    { name: 'countdown above 120 s', input: { themeId: 't', seed: 1, closingCountdownSec: 121 } },
    { name: 'no phases', input: { themeId: 't', seed: 1, phases: [] } },
    { name: 'unknown phase', input: { themeId: 't', seed: 1, phases: [{ kind: 'chat', durationSec: 60 }] } },
    { name: 'zero rounds', input: { themeId: 't', seed: 1, rounds: 0 } },
    { name: 'unknown strategy', input: { themeId: 't', seed: 1, strategy: 'alphabetical' } },
    { name: 'negative seed', input: { themeId: 't', seed: -1 } },
  ])('rejects $name', ({ input }) => {
    expect(ExerciseConfig.safeParse(input).success).toBe(false);
  });

  it.each([
    { name: 'group size 4', input: { groupSize: 4 } },
    { name: '12 minute conversation', input: { phases: [{ kind: 'conversation', durationSec: 720 }] } },
    { name: 'two rounds', input: { rounds: 2 } },
    { name: 'muted observers', input: { muteObserversDuringConversation: true } },
    { name: 'countdown 10 s', input: { closingCountdownSec: 10 } },
    { name: 'countdown 120 s', input: { closingCountdownSec: 120 } },
    { name: 'colleagues together', input: { strategy: 'keep_workplaces' } },
  ])('accepts $name', ({ input }) => {
    expect(ExerciseConfig.safeParse({ themeId: 't', seed: 1, ...input }).success).toBe(true);
  });
});

describe('roundsForGroup', () => {
  it.each([
    { rounds: null, members: 3, expected: 3 },
    { rounds: null, members: 4, expected: 4 },
    { rounds: 2, members: 4, expected: 2 },
    { rounds: null, members: 2, expected: 2 },
    { rounds: null, members: 1, expected: 0 },
    { rounds: 3, members: 1, expected: 0 },
  ])('rounds=$rounds, $members members → $expected', ({ rounds, members, expected }) => {
    expect(roundsForGroup({ rounds }, members)).toBe(expected);
  });
});

describe('roundDurationSec', () => {
  it('sums the phases: default round is 27 minutes', () => {
    expect(roundDurationSec(DEFAULT_PHASES)).toBe(27 * 60);
  });
});
