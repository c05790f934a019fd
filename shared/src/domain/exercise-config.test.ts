import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHASES,
  ExerciseConfig,
  exerciseDurationSec,
  MIN_SCALED_PHASE_SEC,
  type Phase,
  phasesForGroup,
  roundDurationSec,
  roundsForGroup,
} from './exercise-config.ts';

describe('ExerciseConfig', () => {
  it('fills in the seed programme defaults', () => {
    expect(ExerciseConfig.parse({ themeId: 'structure', seed: 7 })).toEqual({
      themeId: 'structure',
      focusSkills: [],
      groupSize: 3,
      phases: [
        { kind: 'preparation', durationSec: 120 },
        { kind: 'conversation', durationSec: 600 },
        { kind: 'feedback', durationSec: 300 },
        { kind: 'reflection', durationSec: 120 },
      ],
      rounds: null,
      muteObserversDuringConversation: false,
      closingCountdownSec: 60,
      feedbackVisibleToGuide: 'on_submit',
      strategy: 'mix_municipalities',
      groupOfFourPolicy: 'same_end_time',
      feedbackGraceSec: 600,
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
    { rounds: null, members: 4, policy: 'three_rounds', expected: 3 },
    { rounds: null, members: 2, policy: 'three_rounds', expected: 2 },
    { rounds: 4, members: 4, policy: 'three_rounds', expected: 4 },
  ] as const)(
    'rounds=$rounds, $members members, $policy → $expected',
    ({ rounds, members, expected, ...rest }) => {
      const groupOfFourPolicy = 'policy' in rest ? rest.policy : undefined;
      expect(roundsForGroup({ rounds, groupOfFourPolicy }, members)).toBe(expected);
    },
  );
});

describe('roundDurationSec', () => {
  it('sums the phases: default round is 19 minutes', () => {
    expect(roundDurationSec(DEFAULT_PHASES)).toBe(19 * 60);
  });
});

describe('phasesForGroup', () => {
  const config = (phases: Phase[], extra: Partial<ExerciseConfig> = {}) =>
    ExerciseConfig.parse({ themeId: 't', seed: 1, phases, ...extra });

  it('leaves a triad and a pair alone', () => {
    const c = config([...DEFAULT_PHASES]);
    expect(phasesForGroup(c, 3)).toEqual(DEFAULT_PHASES);
    expect(phasesForGroup(c, 2)).toEqual(DEFAULT_PHASES);
  });

  it('shortens a group of 4 to three quarters: 57 minutes in four rounds of 14:15', () => {
    const c = config([...DEFAULT_PHASES]);
    expect(phasesForGroup(c, 4).map((p) => p.durationSec)).toEqual([90, 450, 225, 90]);
    expect(exerciseDurationSec(c, 4)).toBe(exerciseDurationSec(c, 3));
  });

  it('keeps full phases for a group of 4 with three rounds', () => {
    const c = config([...DEFAULT_PHASES], { groupOfFourPolicy: 'three_rounds' });
    expect(phasesForGroup(c, 4)).toEqual(DEFAULT_PHASES);
    expect(exerciseDurationSec(c, 4)).toBe(57 * 60);
  });

  it.each([
    { name: 'odd seconds', phases: [61, 601, 299, 121] },
    { name: 'short phases hit the minimum', phases: [30, 70, 600, 45] },
    { name: 'one phase', phases: [1000] },
    { name: 'many phases', phases: [60, 60, 60, 60, 60, 60, 60, 60, 60, 61] },
  ])('$name: whole seconds, never below the minimum, ends within rounds/2 s of the triads', ({ phases }) => {
    const c = config(phases.map((durationSec) => ({ kind: 'conversation', durationSec })));
    for (const size of [4, 5]) {
      const scaled = phasesForGroup(c, size);
      scaled.forEach((p, i) => {
        expect(Number.isInteger(p.durationSec)).toBe(true);
        expect(p.durationSec).toBeGreaterThanOrEqual(Math.min(phases[i] ?? 0, MIN_SCALED_PHASE_SEC));
      });
      const atMinimum = scaled.every(
        (p, i) => p.durationSec === Math.min(phases[i] ?? 0, MIN_SCALED_PHASE_SEC),
      );
      if (!atMinimum)
        expect(Math.abs(exerciseDurationSec(c, size) - exerciseDurationSec(c, 3))).toBeLessThanOrEqual(
          size / 2,
        );
    }
  });
});
