import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHASES,
  ExerciseConfig,
  type Phase,
  roundsForGroup,
  TWO_HOUR_PHASES,
} from './exercise-config.ts';
import { timerPlanOf } from './group-membership.ts';
import { groupSizes } from './groups.ts';
import {
  DEFAULT_WEBINAR_PLAN,
  exerciseFit,
  exerciseSlotIndex,
  paceOf,
  plannedStartOffsetsMs,
  plannedTotalMs,
  presetPhasesFor,
  scheduleDriftMs,
  TIMING_PRESETS,
  TWO_HOUR_WEBINAR_PLAN,
  type WebinarPlan,
} from './plan.ts';
import { planRotation } from './rotation.ts';
import { advanceIfDue, startTimer } from './timers.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0);

const webinar: WebinarPlan = {
  segments: [
    { kind: 'plenary', title: 'Welcome and check-in', plannedMinutes: 20 },
    { kind: 'exercise', title: 'Exercise 1', plannedMinutes: 60 },
    { kind: 'break', title: 'Break', plannedMinutes: 15 },
    { kind: 'exercise', title: 'Exercise 2', plannedMinutes: 60 },
    { kind: 'plenary', title: 'Closing', plannedMinutes: 25 },
  ],
};

describe('plannedStartOffsetsMs', () => {
  it.each([
    { name: 'empty agenda', plan: { segments: [] }, offsets: [], total: 0 },
    { name: 'three-hour webinar', plan: webinar, offsets: [0, 20, 80, 95, 155], total: 180 },
  ])('$name', ({ plan, offsets, total }) => {
    expect(plannedStartOffsetsMs(plan)).toEqual(offsets.map((m) => m * MIN));
    expect(plannedTotalMs(plan)).toBe(total * MIN);
  });
});

describe('scheduleDriftMs', () => {
  it.each([
    { name: 'first segment, on time', index: 0, startedMin: 0, nowMin: 5, driftMin: 0 },
    { name: 'first segment overran by 4 min', index: 0, startedMin: 0, nowMin: 24, driftMin: 4 },
    { name: 'exercise 1 started 3 min late', index: 1, startedMin: 23, nowMin: 30, driftMin: 3 },
    { name: 'exercise 1 started 5 min early', index: 1, startedMin: 15, nowMin: 30, driftMin: -5 },
    { name: 'early start eaten by overrun', index: 1, startedMin: 15, nowMin: 82, driftMin: 2 },
    { name: 'break started 10 min late', index: 2, startedMin: 90, nowMin: 91, driftMin: 10 },
    { name: 'closing started on time', index: 4, startedMin: 155, nowMin: 160, driftMin: 0 },
  ])('$name → $driftMin min', ({ index, startedMin, nowMin, driftMin }) => {
    const drift = scheduleDriftMs(webinar, {
      startedAt: T0,
      currentIndex: index,
      currentStartedAt: T0 + startedMin * MIN,
      now: T0 + nowMin * MIN,
    });
    expect(drift).toBe(driftMin * MIN);
  });

  it('rejects an index outside the agenda', () => {
    expect(() =>
      scheduleDriftMs(webinar, { startedAt: T0, currentIndex: 5, currentStartedAt: T0, now: T0 }),
    ).toThrow(RangeError);
  });
});

describe('paceOf', () => {
  it.each([
    { driftMs: 0, pace: 'on_time' },
    { driftMs: MIN, pace: 'on_time' },
    { driftMs: -MIN, pace: 'on_time' },
    { driftMs: MIN + 1, pace: 'behind' },
    { driftMs: -MIN - 1, pace: 'ahead' },
  ] as const)('$driftMs ms → $pace', ({ driftMs, pace }) => {
    expect(paceOf(driftMs)).toBe(pace);
  });
});

describe('timing that fits (the default exercise in the default agendas)', () => {
  const exercise = (phases: readonly Phase[], extra: Partial<ExerciseConfig> = {}) =>
    ExerciseConfig.parse({ themeId: 't', seed: 1, phases: phases.map((p) => ({ ...p })), ...extra });
  const exerciseSlots = (plan: WebinarPlan) =>
    plan.segments.filter((s) => s.kind === 'exercise').map((s) => s.plannedMinutes);
  /** When a group's timer finishes, walking its real deadlines from 0. */
  const endOf = (config: ExerciseConfig, size: number) => {
    const rotation = planRotation(
      Array.from({ length: size }, (_, i) => `p${i}`),
      roundsForGroup(config, size),
    );
    const plan = timerPlanOf(config, { rotation });
    let timer = startTimer(plan, 0);
    let end = 0;
    while (timer.status === 'running') {
      end = timer.deadline;
      timer = advanceIfDue(plan, timer, timer.deadline);
    }
    return end / 1000;
  };

  it.each([
    ['three_hours', 180],
    ['two_hours', 120],
  ] as const)('%s: the agenda lasts %i minutes and has two exercises', (preset, minutes) => {
    const { plan } = TIMING_PRESETS[preset];
    expect(plannedTotalMs(plan)).toBe(minutes * MIN);
    expect(exerciseSlots(plan)).toHaveLength(2);
  });

  it('the default agenda has about 65 minutes of plenary and is the session default', () => {
    const plenary = DEFAULT_WEBINAR_PLAN.segments
      .filter((s) => s.kind !== 'exercise')
      .reduce((sum, s) => sum + s.plannedMinutes, 0);
    expect(plenary).toBeGreaterThanOrEqual(60);
    expect(plenary).toBeLessThanOrEqual(70);
  });

  const cases = (['three_hours', 'two_hours'] as const).flatMap((preset) =>
    (['same_end_time', 'three_rounds'] as const).flatMap((policy) =>
      ([3, 4] as const).map((preferred) => ({ preset, policy, preferred })),
    ),
  );
  it.each(cases)(
    '$preset, $policy, preferred size $preferred: for n = 2..80 every group fits the exercise slot',
    ({ preset, policy, preferred }) => {
      const { plan, phases } = TIMING_PRESETS[preset];
      const config = exercise(phases, { groupOfFourPolicy: policy });
      for (const slot of exerciseSlots(plan)) {
        for (let n = 2; n <= 80; n++) {
          const sizes = groupSizes(n, preferred);
          const fit = exerciseFit(config, slot, sizes);
          expect(fit.fits, `n=${n} sizes=${sizes.join('+')} needs ${fit.neededSec}s of ${fit.slotSec}s`).toBe(
            true,
          );
          for (const size of new Set(sizes)) {
            expect(endOf(config, size) + config.closingCountdownSec).toBeLessThanOrEqual(slot * 60);
          }
          if (policy === 'same_end_time' && sizes.includes(3)) {
            for (const size of sizes.filter((s) => s > 3)) {
              expect(
                Math.abs(endOf(config, size) - endOf(config, 3)),
                `n=${n}, group of ${size}`,
              ).toBeLessThanOrEqual(1);
            }
          }
        }
      }
    },
  );

  it('the seed programme’s old round (15-minute conversation) does not fit and says by how much', () => {
    const old = exercise([
      { kind: 'preparation', durationSec: 120 },
      { kind: 'conversation', durationSec: 900 },
      { kind: 'feedback', durationSec: 420 },
      { kind: 'reflection', durationSec: 180 },
    ]);
    const fit = exerciseFit(old, 58, [3, 4]);
    expect(fit.fits).toBe(false);
    expect(fit.roundsSec).toBe(81 * 60);
    expect(fit.neededSec - fit.slotSec).toBe(24 * 60);
  });

  it('picks the round of the preset closest to an agenda’s length', () => {
    expect(presetPhasesFor(DEFAULT_WEBINAR_PLAN)).toBe(DEFAULT_PHASES);
    expect(presetPhasesFor(TWO_HOUR_WEBINAR_PLAN)).toBe(TWO_HOUR_PHASES);
  });
});

describe('exerciseSlotIndex', () => {
  it.each([
    { name: 'before the run: the first exercise', current: null, expected: 2 },
    { name: 'during the welcome: exercise 1', current: 0, expected: 2 },
    { name: 'during exercise 1: itself', current: 2, expected: 2 },
    { name: 'during the break: exercise 2', current: 4, expected: 5 },
    { name: 'after the last exercise: the first one', current: 7, expected: 2 },
  ])('$name', ({ current, expected }) => {
    expect(exerciseSlotIndex(DEFAULT_WEBINAR_PLAN, current)).toBe(expected);
  });

  it('is -1 without an exercise', () => {
    expect(exerciseSlotIndex({ segments: [{ kind: 'plenary', title: 'x', plannedMinutes: 5 }] }, null)).toBe(
      -1,
    );
  });
});
