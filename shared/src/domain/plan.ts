/**
 * A webinar's plan: the agenda of segments the facilitator prepared, and how far the live run
 * has drifted from it.
 * Why: a three-hour webinar with two exercises rarely runs to the minute; the console shows
 * "8 min behind" so the facilitator can shorten a reflection or a break in time, instead of
 * discovering at the closing that there was no time left for it.
 */
import { z } from 'zod';
import { safeText } from '../safe-text.ts';

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

/** The seed programme's three hours (000 seed): check-in, two exercises with reflections, closing. */
export const DEFAULT_WEBINAR_PLAN: WebinarPlan = {
  segments: [
    { kind: 'plenary', title: 'Velkommen og innsjekk', plannedMinutes: 20 },
    { kind: 'plenary', title: 'Tema: innledning', plannedMinutes: 15 },
    { kind: 'exercise', title: 'Veiledningsøvelse 1', plannedMinutes: 45 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 15 },
    { kind: 'break', title: 'Pause', plannedMinutes: 10 },
    { kind: 'exercise', title: 'Veiledningsøvelse 2', plannedMinutes: 45 },
    { kind: 'plenary', title: 'Refleksjon i plenum', plannedMinutes: 15 },
    { kind: 'plenary', title: 'Dette prøver jeg før neste gang, og avslutning', plannedMinutes: 15 },
  ],
};

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
