/**
 * A webinar's plan: the agenda of segments the facilitator prepared, and how far the live run
 * has drifted from it.
 * Why: a three-hour webinar with two exercises rarely runs to the minute; the console shows
 * "8 min behind" so the facilitator can shorten a reflection or a break in time, instead of
 * discovering at the closing that there was no time left for it.
 */
import { z } from 'zod';
import { safeText } from '../safe-text.ts';
import {
  DEFAULT_PHASES,
  type ExerciseConfig,
  exerciseDurationSec,
  type Phase,
  TWO_HOUR_PHASES,
} from './exercise-config.ts';

/** What kinds of segment an agenda is made of. */
export const SEGMENT_KINDS = ['plenary', 'exercise', 'break'] as const;
/** One of {@link SEGMENT_KINDS}. */
export const SegmentKind = z.enum(SEGMENT_KINDS);
/** One of {@link SEGMENT_KINDS}. */
export type SegmentKind = z.infer<typeof SegmentKind>;

/** One agenda item, e.g. "Exercise 1: leading the conversation", 60 minutes. */
export const Segment = z.object({
  kind: SegmentKind,
  title: safeText().trim().min(1).max(200),
  plannedMinutes: z.number().int().min(1).max(600),
});
/** One agenda item. */
export type Segment = z.infer<typeof Segment>;

/** The agenda of one webinar, in running order. */
export const WebinarPlan = z.object({ segments: z.array(Segment).max(50) });
/** The agenda of one webinar. */
export type WebinarPlan = z.infer<typeof WebinarPlan>;

/** Where the live run of the agenda is: when it began and which segment runs since when (ms epoch). */
export const AgendaRun = z.object({
  startedAt: z.number().int().min(0),
  currentIndex: z.number().int().min(0),
  currentStartedAt: z.number().int().min(0),
  /** Segments already run, in the order they ran, with their actual times. */
  done: z
    .array(
      z.object({ title: z.string(), plannedMinutes: z.number(), startedAt: z.number(), endedAt: z.number() }),
    )
    .default([]),
});
/** Where the live run of the agenda is. */
export type AgendaRun = z.infer<typeof AgendaRun>;

/**
 * The seed programme's three hours (000 seed) as they fit: 64 minutes of plenary (check-in,
 * theme, two reflections, break, closing) leave 58 per exercise: three 19-minute rounds of the
 * default exercise and its closing countdown.
 */
export const DEFAULT_WEBINAR_PLAN: WebinarPlan = {
  segments: [
    { kind: 'plenary', title: 'Velkommen og innsjekk', plannedMinutes: 15 },
    { kind: 'plenary', title: 'Tema: innledning', plannedMinutes: 10 },
    { kind: 'exercise', title: 'Veiledningsøvelse 1', plannedMinutes: 58 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 10 },
    { kind: 'break', title: 'Pause', plannedMinutes: 10 },
    { kind: 'exercise', title: 'Veiledningsøvelse 2', plannedMinutes: 58 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 10 },
    { kind: 'plenary', title: 'Dette prøver jeg før neste gang, og avslutning', plannedMinutes: 9 },
  ],
};

/** A 2-hour webinar (seed 001): 40 minutes of plenary, 40 per exercise of 13-minute rounds. */
export const TWO_HOUR_WEBINAR_PLAN: WebinarPlan = {
  segments: [
    { kind: 'plenary', title: 'Velkommen og innsjekk', plannedMinutes: 10 },
    { kind: 'plenary', title: 'Tema: innledning', plannedMinutes: 5 },
    { kind: 'exercise', title: 'Veiledningsøvelse 1', plannedMinutes: 40 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 7 },
    { kind: 'break', title: 'Pause', plannedMinutes: 5 },
    { kind: 'exercise', title: 'Veiledningsøvelse 2', plannedMinutes: 40 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 7 },
    { kind: 'plenary', title: 'Dette prøver jeg før neste gang, og avslutning', plannedMinutes: 6 },
  ],
};

/** The timing presets a facilitator can start from: an agenda and the round that fits it. */
export const TIMING_PRESETS = {
  three_hours: { plan: DEFAULT_WEBINAR_PLAN, phases: DEFAULT_PHASES },
  two_hours: { plan: TWO_HOUR_WEBINAR_PLAN, phases: TWO_HOUR_PHASES },
} as const;
/** A key of {@link TIMING_PRESETS}. */
export type TimingPreset = keyof typeof TIMING_PRESETS;

/** The round of the preset whose agenda is closest in length to `plan` (for showing a total). */
export function presetPhasesFor(plan: WebinarPlan): readonly Phase[] {
  const total = plannedTotalMs(plan);
  const { three_hours, two_hours } = TIMING_PRESETS;
  return Math.abs(total - plannedTotalMs(two_hours.plan)) < Math.abs(total - plannedTotalMs(three_hours.plan))
    ? two_hours.phases
    : three_hours.phases;
}

/** The group sizes a grouping can produce (groups.ts: 2 and 5 only when that is everyone). */
export const POSSIBLE_GROUP_SIZES = [2, 3, 4, 5] as const;

/** Whether an exercise fits its agenda slot, and by how much it does not. */
export interface ExerciseFit {
  /** Longest group's rounds, in seconds. */
  roundsSec: number;
  /** Per group size: how long that group's rounds take. */
  bySize: { size: number; sec: number }[];
  /** Rounds plus the closing countdown: what the slot must hold. */
  neededSec: number;
  slotSec: number;
  fits: boolean;
}

/**
 * Checks an exercise against its agenda slot: every group's rounds (groups larger than three
 * as the exercise's group-of-4 policy runs them) plus the closing countdown must fit.
 */
export function exerciseFit(
  config: Pick<ExerciseConfig, 'rounds' | 'phases' | 'groupOfFourPolicy' | 'closingCountdownSec'>,
  slotMinutes: number,
  sizes: readonly number[] = POSSIBLE_GROUP_SIZES,
): ExerciseFit {
  const bySize = [...new Set(sizes)]
    .sort((a, b) => a - b)
    .map((size) => ({ size, sec: exerciseDurationSec(config, size) }));
  const roundsSec = Math.max(0, ...bySize.map((s) => s.sec));
  const neededSec = roundsSec + config.closingCountdownSec;
  const slotSec = slotMinutes * 60;
  return { roundsSec, bySize, neededSec, slotSec, fits: neededSec <= slotSec };
}

const MINUTE_MS = 60_000;

/** Planned start of each segment, in ms after the webinar's start. */
export function plannedStartOffsetsMs(plan: WebinarPlan): number[] {
  let offset = 0;
  return plan.segments.map((segment) => {
    const start = offset;
    offset += segment.plannedMinutes * MINUTE_MS;
    return start;
  });
}

/** Planned length of the whole webinar in ms. */
export function plannedTotalMs(plan: WebinarPlan): number {
  return plan.segments.reduce((sum, segment) => sum + segment.plannedMinutes * MINUTE_MS, 0);
}

/** Where the live run is: which segment is current and when things actually started (ms epoch). */
export interface LiveRun {
  startedAt: number;
  currentIndex: number;
  currentStartedAt: number;
  now: number;
}

/**
 * Signed drift of the live run against the plan in ms: positive = behind, negative = ahead.
 * It compares when the current segment can end at the earliest (its planned length after it
 * started, or now if it has already overrun) with when the plan wants it to end; so a segment
 * that overruns makes the run fall further behind by the minute, while a segment that started
 * early keeps its head start until it ends.
 */
export function scheduleDriftMs(plan: WebinarPlan, run: LiveRun): number {
  const segment = plan.segments[run.currentIndex];
  if (!segment) throw new RangeError(`no segment at index ${run.currentIndex}`);
  const offsets = plannedStartOffsetsMs(plan);
  const plannedEnd = run.startedAt + (offsets[run.currentIndex] ?? 0) + segment.plannedMinutes * MINUTE_MS;
  const earliestEnd = Math.max(run.currentStartedAt + segment.plannedMinutes * MINUTE_MS, run.now);
  return earliestEnd - plannedEnd;
}

/** How the console words a drift: within the tolerance (default one minute) counts as on time. */
export function paceOf(driftMs: number, toleranceMs = MINUTE_MS): 'ahead' | 'on_time' | 'behind' {
  if (driftMs > toleranceMs) return 'behind';
  if (driftMs < -toleranceMs) return 'ahead';
  return 'on_time';
}

/**
 * The agenda slot breakouts being opened now belong to: the current segment if it is an
 * exercise, else the next exercise after it, else the first exercise; -1 if there is none.
 */
export function exerciseSlotIndex(plan: WebinarPlan, currentIndex: number | null): number {
  const isExercise = (i: number) => plan.segments[i]?.kind === 'exercise';
  if (currentIndex !== null && isExercise(currentIndex)) return currentIndex;
  const from = currentIndex === null ? 0 : currentIndex + 1;
  for (let i = from; i < plan.segments.length; i++) if (isExercise(i)) return i;
  return plan.segments.findIndex((s) => s.kind === 'exercise');
}

/**
 * The exercise an agenda's exercise slots are judged against when none runs: the round of the
 * preset closest to the agenda's length, with the other settings at their defaults.
 */
export function defaultExerciseFor(
  plan: WebinarPlan,
): Pick<ExerciseConfig, 'rounds' | 'phases' | 'groupOfFourPolicy' | 'closingCountdownSec'> {
  return {
    rounds: null,
    phases: presetPhasesFor(plan).map((p) => ({ ...p })),
    groupOfFourPolicy: 'same_end_time',
    closingCountdownSec: 60,
  };
}
