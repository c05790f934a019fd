/**
 * Which groups need the facilitator now, and in what order the console shows them.
 * Why: with 19 groups the one asking for help must not be found by scrolling; the reasons are
 * ranked by how soon a person has to act, and within a rank groups keep their number order, so
 * the grid only moves when something really changed.
 */
import type { GroupView } from './live-view.ts';
import type { MemberConnection } from './member-connection.ts';

/** Why a group needs the facilitator, most urgent first. */
export const ATTENTION_REASONS = ['help', 'missingRole', 'memberAway', 'cardsMissing'] as const;
/** Why a group needs the facilitator. */
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** How close to the end of feedback missing cards start to matter. */
export const CARDS_DUE_MS = 60_000;

/** The reasons a group needs attention at this moment, most urgent first (empty = all is well). */
export function attentionReasons(
  view: GroupView,
  connectionOf: (participantId: string) => MemberConnection,
): AttentionReason[] {
  const reasons = new Set<AttentionReason>();
  if (view.helpRequested) reasons.add('help');
  if (view.roles && !view.finished) {
    const { guideId, adviseeId } = view.roles;
    if (connectionOf(guideId) === 'gone' || connectionOf(adviseeId) === 'gone') reasons.add('missingRole');
  }
  if (view.memberIds.some((id) => ['gone', 'elsewhere'].includes(connectionOf(id))))
    reasons.add('memberAway');
  const feedbackEnding =
    (view.phaseKind === 'feedback' && view.timeLeftMs <= CARDS_DUE_MS) || view.phaseKind === 'reflection';
  if (feedbackEnding && view.feedbackIn < view.feedbackExpected) reasons.add('cardsMissing');
  return ATTENTION_REASONS.filter((r) => reasons.has(r));
}

/** The number in a group id (`g12` → 12), for a stable order within a rank. */
const numberOf = (groupId: string) => Number(groupId.match(/\d+$/)?.[0] ?? Number.MAX_SAFE_INTEGER);

/** Groups needing attention first (by their most urgent reason), then the rest, each by number. */
export function byAttention<T extends { id: string; reasons: readonly AttentionReason[] }>(
  groups: readonly T[],
): T[] {
  const rank = (g: T) => (g.reasons[0] ? ATTENTION_REASONS.indexOf(g.reasons[0]) : ATTENTION_REASONS.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || numberOf(a.id) - numberOf(b.id));
}
