/**
 * Role rotation inside one group: per round one guide, one advisee, the rest observers.
 * Why: the point of the exercise is that everyone gives guidance once and receives it once, so
 * roles are real state planned up front rather than something the group sorts out on the call.
 * When there are fewer rounds than members, those who have guided least in the series go
 * first, so across a series of webinars everybody gets their turn as guide.
 */
import { z } from 'zod';

/** The roles a member can have in one round. */
export const ROUND_ROLES = ['guide', 'advisee', 'observer'] as const;
/** One of {@link ROUND_ROLES}. */
export const RoundRole = z.enum(ROUND_ROLES);
/** One of {@link ROUND_ROLES}. */
export type RoundRole = z.infer<typeof RoundRole>;

/** Who has which role in one round of one group. */
export const RoundRoles = z.object({
  guideId: z.string().min(1),
  adviseeId: z.string().min(1),
  observerIds: z.array(z.string().min(1)),
});
/** Who has which role in one round of one group. */
export type RoundRoles = z.infer<typeof RoundRoles>;

/**
 * Plans the roles of `rounds` rounds. Members are ordered by how often they have guided in the
 * series (fewest first; ties keep the group's order), then round r has guide = order[r] and
 * advisee = order[r + 1], wrapping around. So with rounds = group size everyone is guide once
 * and advisee once, and the advisee of one round guides the next.
 * A group of fewer than two cannot rotate and gets no rounds.
 */
export function planRotation(
  memberIds: readonly string[],
  rounds: number,
  guideCountsInSeries: Readonly<Partial<Record<string, number>>> = {},
): RoundRoles[] {
  const n = memberIds.length;
  if (n < 2 || rounds < 1) return [];
  const order = memberIds
    .map((id, index) => ({ id, index, guided: guideCountsInSeries[id] ?? 0 }))
    .sort((a, b) => a.guided - b.guided || a.index - b.index)
    .map((m) => m.id);
  return Array.from({ length: rounds }, (_, r) => {
    const guideId = order[r % n] as string;
    const adviseeId = order[(r + 1) % n] as string;
    return { guideId, adviseeId, observerIds: order.filter((id) => id !== guideId && id !== adviseeId) };
  });
}

/** The role of `memberId` in a round, or null if they are not in it. */
export function roleOf(roles: RoundRoles, memberId: string): RoundRole | null {
  if (roles.guideId === memberId) return 'guide';
  if (roles.adviseeId === memberId) return 'advisee';
  return roles.observerIds.includes(memberId) ? 'observer' : null;
}

/** Adds this exercise's guides to the series' counts, for planning the next exercise. */
export function countGuides(
  rotation: readonly RoundRoles[],
  guideCountsInSeries: Readonly<Partial<Record<string, number>>> = {},
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [id, count] of Object.entries(guideCountsInSeries)) if (count !== undefined) counts[id] = count;
  for (const round of rotation) counts[round.guideId] = (counts[round.guideId] ?? 0) + 1;
  return counts;
}
