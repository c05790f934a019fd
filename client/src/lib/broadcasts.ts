/**
 * Which broadcasts are current for a participant: a broadcast belongs to the phase (or plenary
 * segment) it was sent in and steps back into a small history once that changes.
 * Why: "two minutes left" followed people into later rounds and greeted late joiners; the
 * context is derived from the session state, so a late joiner gets the same answer as someone
 * who was there.
 */
import {
  advanceIfDue,
  type Broadcast,
  type PublicSessionState,
  phaseDurationMs,
  timerPlanOf,
} from '@rundgang/shared';

/** Where a participant is now, as a key that changes exactly when their context changes. */
export interface BroadcastContext {
  key: string;
  /** Server time the context began, as far as the state tells (0 = unknown, show everything). */
  startedAt: number;
}

/** The participant's context at `now`: their group's phase, or the breakouts, or the agenda segment. */
export function broadcastContext(
  state: PublicSessionState,
  participantId: string | null,
  now: number,
): BroadcastContext {
  const run = state.agenda.run;
  const segment = { key: `segment:${run?.currentIndex ?? -1}`, startedAt: run?.currentStartedAt ?? 0 };
  const b = state.breakouts;
  if (!b) return { key: `plenary:${segment.key}`, startedAt: segment.startedAt };
  const group = participantId ? b.groups.find((g) => g.memberIds.includes(participantId)) : undefined;
  if (!group) return { key: `breakouts:${b.id}`, startedAt: Math.max(b.startedAt, segment.startedAt) };
  const plan = timerPlanOf(b.exercise, group);
  const timer = advanceIfDue(plan, group.timer, now);
  const key = `phase:${b.id}:${group.id}:${timer.round}:${timer.phaseIndex}:${timer.status === 'finished'}`;
  // A running phase began one phase length before its deadline (an extension makes this later,
  // which only hides a broadcast sent just before it, never shows an older one).
  const phaseStart =
    timer.status === 'running' ? timer.deadline - phaseDurationMs(plan, timer.phaseIndex) : b.startedAt;
  return { key, startedAt: Math.max(b.startedAt, phaseStart) };
}

/** The current broadcast (newest, sent in this context after `hiddenUpTo`) and the earlier ones, newest first. */
export function splitBroadcasts(
  broadcasts: readonly Broadcast[],
  context: BroadcastContext,
  hiddenUpTo = 0,
): { current: Broadcast | null; earlier: Broadcast[] } {
  const latest = broadcasts.at(-1) ?? null;
  const isCurrent = latest !== null && latest.at >= context.startedAt && latest.at > hiddenUpTo;
  const earlier = (isCurrent ? broadcasts.slice(0, -1) : broadcasts).slice().reverse();
  return { current: isCurrent ? latest : null, earlier };
}
