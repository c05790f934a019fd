/**
 * How one guidance exercise runs: theme, group size, the timed phases of each round, how many
 * rounds, how groups are formed, and the closing countdown.
 * Why: programmes differ (12 or 15 minutes of conversation, 2- or 3-hour webinars), so every
 * number is editable, but the defaults are the seed programme's so a facilitator can open
 * breakouts without touching anything.
 */
import { z } from 'zod';
import { safeText } from '../safe-text.ts';

/** The timed phases a round can be made of, in their usual order. */
export const PHASE_KINDS = ['preparation', 'conversation', 'feedback', 'reflection'] as const;
/** One of {@link PHASE_KINDS}. */
export const PhaseKind = z.enum(PHASE_KINDS);
/** One of {@link PHASE_KINDS}. */
export type PhaseKind = z.infer<typeof PhaseKind>;

/** One timed phase of a round. */
export const Phase = z.object({
  kind: PhaseKind,
  durationSec: z
    .number()
    .int()
    .min(10)
    .max(2 * 60 * 60),
});
/** One timed phase of a round. */
export type Phase = z.infer<typeof Phase>;

/**
 * A round that fits a 3-hour webinar: prepare 2, converse 10, feedback 5, reflect 2 minutes.
 * Three rounds make 57 minutes, which is what the default agenda leaves an exercise
 * (PRODUCT.md, "Timing that fits"); the seed's 15-minute conversation does not fit twice.
 */
export const DEFAULT_PHASES: readonly Phase[] = [
  { kind: 'preparation', durationSec: 2 * 60 },
  { kind: 'conversation', durationSec: 10 * 60 },
  { kind: 'feedback', durationSec: 5 * 60 },
  { kind: 'reflection', durationSec: 2 * 60 },
];

/** A round that fits a 2-hour webinar: prepare 1, converse 7, feedback 4, reflect 1 minute (13). */
export const TWO_HOUR_PHASES: readonly Phase[] = [
  { kind: 'preparation', durationSec: 60 },
  { kind: 'conversation', durationSec: 7 * 60 },
  { kind: 'feedback', durationSec: 4 * 60 },
  { kind: 'reflection', durationSec: 60 },
];

/**
 * What a group larger than three does when it has more members than the triads have rounds:
 * `same_end_time` runs one round per member with phases shortened so it ends with the triads;
 * `three_rounds` runs as many rounds as a triad, so one member does not guide this time (and
 * goes first next exercise, through the series' guide history).
 */
export const GROUP_OF_FOUR_POLICIES = ['same_end_time', 'three_rounds'] as const;
/** One of {@link GROUP_OF_FOUR_POLICIES}. */
export const GroupOfFourPolicy = z.enum(GROUP_OF_FOUR_POLICIES);
/** One of {@link GROUP_OF_FOUR_POLICIES}. */
export type GroupOfFourPolicy = z.infer<typeof GroupOfFourPolicy>;

/** A shortened phase is never shorter than this (unless it was shorter to begin with). */
export const MIN_SCALED_PHASE_SEC = 60;

/**
 * How groups are formed: by chance, mixing municipalities, keeping colleagues together, or
 * mixing professions (nurses, healthcare workers and social educators learn from each other).
 */
export const GROUP_STRATEGIES = [
  'random',
  'mix_municipalities',
  'keep_workplaces',
  'mix_professions',
] as const;
/** One of {@link GROUP_STRATEGIES}. */
export const GroupStrategy = z.enum(GROUP_STRATEGIES);
/** One of {@link GROUP_STRATEGIES}. */
export type GroupStrategy = z.infer<typeof GroupStrategy>;

/** Preferred group size; remainders are handled by groups.ts (never a group of 2). */
export const GroupSize = z.union([z.literal(3), z.literal(4)]);
/** Preferred group size. */
export type GroupSize = z.infer<typeof GroupSize>;

/**
 * Settings of one exercise. `seed` has no default on purpose: the server draws it, so that
 * exercise 1 and 2 of a webinar get different groups, and stores it, so a reload reproduces them.
 */
export const ExerciseConfig = z.object({
  themeId: safeText().trim().min(1).max(100),
  focusSkills: z.array(safeText().trim().min(1).max(200)).max(20).default([]),
  groupSize: GroupSize.default(3),
  phases: z
    .array(Phase)
    .min(1)
    .max(10)
    .default(() => DEFAULT_PHASES.map((phase) => ({ ...phase }))),
  /** null = one round per member, so everyone is guide once and advisee once. */
  rounds: z.number().int().min(1).max(8).nullable().default(null),
  muteObserversDuringConversation: z.boolean().default(false),
  closingCountdownSec: z.number().int().min(10).max(120).default(60),
  /** When the guide may read cards about them: as each is submitted, or once the feedback phase ends. */
  feedbackVisibleToGuide: z.enum(['on_submit', 'after_feedback_phase']).default('on_submit'),
  strategy: GroupStrategy.default('mix_municipalities'),
  groupOfFourPolicy: GroupOfFourPolicy.default('same_end_time'),
  /** How long after the breakouts close an observer may still send a card for them. */
  feedbackGraceSec: z
    .number()
    .int()
    .min(0)
    .max(60 * 60)
    .default(10 * 60),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
});
/** Settings of one exercise, with defaults filled in. */
export type ExerciseConfig = z.infer<typeof ExerciseConfig>;
/** Settings of one exercise as a facilitator may send them (defaults optional). */
export type ExerciseConfigInput = z.input<typeof ExerciseConfig>;

/** The number of rounds a triad runs: the configured number, else three (one per member). */
export function referenceRounds(config: Pick<ExerciseConfig, 'rounds'>): number {
  return config.rounds ?? 3;
}

/**
 * How many rounds a group of `memberCount` runs: the configured number, else one per member
 * (with `three_rounds`, at most a triad's three). A group of one cannot practise guidance.
 */
export function roundsForGroup(
  config: Pick<ExerciseConfig, 'rounds'> & Partial<Pick<ExerciseConfig, 'groupOfFourPolicy'>>,
  memberCount: number,
): number {
  if (memberCount < 2) return 0;
  if (config.rounds !== null) return config.rounds;
  return config.groupOfFourPolicy === 'three_rounds' ? Math.min(memberCount, 3) : memberCount;
}

/** Length of one round in seconds (all phases). */
export function roundDurationSec(phases: readonly Pick<Phase, 'durationSec'>[]): number {
  return phases.reduce((sum, phase) => sum + phase.durationSec, 0);
}

/**
 * The phases of one round for a group that runs `rounds` rounds. A group with more rounds than
 * a triad (a group of 4 under `same_end_time`) gets every phase shortened in proportion, in
 * whole seconds, so that its rounds together last as long as the triad's (within rounds/2 s;
 * exact when it divides, as with the defaults); no phase drops below {@link MIN_SCALED_PHASE_SEC}.
 */
export function phasesForRounds(config: Pick<ExerciseConfig, 'rounds' | 'phases'>, rounds: number): Phase[] {
  const reference = referenceRounds(config);
  const phases = config.phases.map((p) => ({ ...p }));
  if (rounds <= reference) return phases;
  const original = roundDurationSec(phases);
  const target = Math.round((reference * original) / rounds);
  const floorOf = (p: Phase) => Math.min(p.durationSec, MIN_SCALED_PHASE_SEC);
  const scaled = phases.map((p) => ({
    ...p,
    durationSec: Math.max(floorOf(p), Math.floor((p.durationSec * target) / original)),
  }));
  // Whole seconds lose a little per phase; hand the difference out a second at a time, longest
  // phase first, so the round hits its target length (or as close as the minimum allows).
  const order = scaled
    .map((_, i) => i)
    .sort((a, b) => (phases[b]?.durationSec ?? 0) - (phases[a]?.durationSec ?? 0));
  let diff = target - roundDurationSec(scaled);
  while (diff !== 0) {
    let moved = false;
    for (const i of order) {
      const p = scaled[i] as Phase;
      const orig = phases[i] as Phase;
      if (diff > 0) {
        p.durationSec += 1;
        diff -= 1;
        moved = true;
      } else if (diff < 0 && p.durationSec > floorOf(orig)) {
        p.durationSec -= 1;
        diff += 1;
        moved = true;
      }
      if (diff === 0) break;
    }
    if (!moved) break;
  }
  return scaled;
}

/** The phases a group of `memberCount` runs (see {@link phasesForRounds}). */
export function phasesForGroup(
  config: Pick<ExerciseConfig, 'rounds' | 'phases' | 'groupOfFourPolicy'>,
  memberCount: number,
): Phase[] {
  return phasesForRounds(config, roundsForGroup(config, memberCount));
}

/** How long a group of `memberCount` takes for the whole exercise, in seconds (all rounds). */
export function exerciseDurationSec(
  config: Pick<ExerciseConfig, 'rounds' | 'phases' | 'groupOfFourPolicy'>,
  memberCount: number,
): number {
  return roundsForGroup(config, memberCount) * roundDurationSec(phasesForGroup(config, memberCount));
}
