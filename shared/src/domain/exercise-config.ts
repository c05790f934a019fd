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

/** The seed programme's round: prepare 2, converse 15, feedback 7, reflect 3 minutes. */
export const DEFAULT_PHASES: readonly Phase[] = [
  { kind: 'preparation', durationSec: 2 * 60 },
  { kind: 'conversation', durationSec: 15 * 60 },
  { kind: 'feedback', durationSec: 7 * 60 },
  { kind: 'reflection', durationSec: 3 * 60 },
];

/** How groups are formed: by chance, mixing municipalities, or keeping colleagues together. */
export const GROUP_STRATEGIES = ['random', 'mix_municipalities', 'keep_workplaces'] as const;
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

/**
 * How many rounds a group of `memberCount` runs: the configured number, else one per member.
 * A group of one cannot practise guidance, so it runs none.
 */
export function roundsForGroup(config: Pick<ExerciseConfig, 'rounds'>, memberCount: number): number {
  if (memberCount < 2) return 0;
  return config.rounds ?? memberCount;
}

/** Length of one round in seconds (all phases). */
export function roundDurationSec(phases: readonly Phase[]): number {
  return phases.reduce((sum, phase) => sum + phase.durationSec, 0);
}
