/**
 * Phase timers of one group as absolute deadlines in server time (ms since epoch).
 * Why: every room, the console and each phone must show the same "4:12 left" even after a
 * reconnect or a sleeping tab; a deadline is one fact that every clock (corrected by
 * `clock:ping`) can count down to, while a counter drifts and is lost with its process.
 * Automatic advances chain from the previous deadline, not from "now", so a late check never
 * shortens or stretches the next phase and rooms started together stay in step.
 */
import { z } from 'zod';
import type { Phase } from './exercise-config.ts';

const position = { round: z.number().int().min(0), phaseIndex: z.number().int().min(0) };

/** A group's timer: running toward a deadline, paused with time left, or finished. */
export const TimerState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('running'), ...position, deadline: z.number() }),
  z.object({ status: z.literal('paused'), ...position, remainingMs: z.number().min(0) }),
  z.object({ status: z.literal('finished'), ...position }),
]);
/** A group's timer. */
export type TimerState = z.infer<typeof TimerState>;

/** What a timer runs through: the phases of each round, `rounds` times. */
export interface TimerPlan {
  phases: readonly Pick<Phase, 'durationSec'>[];
  rounds: number;
}

/** Length of phase `phaseIndex` in ms. */
export function phaseDurationMs(plan: TimerPlan, phaseIndex: number): number {
  const phase = plan.phases[phaseIndex];
  if (!phase) throw new RangeError(`no phase at index ${phaseIndex}`);
  return phase.durationSec * 1000;
}

/**
 * The timer at the start of a given phase: running from `startedAt`, or paused with the whole
 * phase left. Past the last round it is finished.
 */
export function timerAt(
  plan: TimerPlan,
  round: number,
  phaseIndex: number,
  startedAt: number,
  paused = false,
): TimerState {
  if (round >= plan.rounds) {
    return { status: 'finished', round: Math.max(0, plan.rounds - 1), phaseIndex: plan.phases.length - 1 };
  }
  const durationMs = phaseDurationMs(plan, phaseIndex);
  return paused
    ? { status: 'paused', round, phaseIndex, remainingMs: durationMs }
    : { status: 'running', round, phaseIndex, deadline: startedAt + durationMs };
}

/** Starts round 0, phase 0 at `now`. */
export function startTimer(plan: TimerPlan, now: number): TimerState {
  return timerAt(plan, 0, 0, now);
}

/**
 * Moves a running timer past every deadline that is not in the future, possibly across several
 * phases and rounds if much time passed. Returns the same object when nothing was due.
 */
export function advanceIfDue(plan: TimerPlan, state: TimerState, now: number): TimerState {
  let current = state;
  while (current.status === 'running' && current.deadline <= now) {
    const { round, phaseIndex } = next(plan, current);
    current = timerAt(plan, round, phaseIndex, current.deadline);
  }
  return current;
}

/** Freezes the time left of the current phase. */
export function pauseTimer(plan: TimerPlan, state: TimerState, now: number): TimerState {
  const current = advanceIfDue(plan, state, now);
  if (current.status !== 'running') return current;
  const { round, phaseIndex, deadline } = current;
  return { status: 'paused', round, phaseIndex, remainingMs: deadline - now };
}

/** Continues a paused timer with the time it had left. */
export function resumeTimer(state: TimerState, now: number): TimerState {
  if (state.status !== 'paused') return state;
  const { round, phaseIndex, remainingMs } = state;
  return { status: 'running', round, phaseIndex, deadline: now + remainingMs };
}

/** Gives the current phase `ms` more (or less, if negative; never below zero left). */
export function extendTimer(plan: TimerPlan, state: TimerState, ms: number, now: number): TimerState {
  const current = advanceIfDue(plan, state, now);
  switch (current.status) {
    case 'running':
      return { ...current, deadline: Math.max(now, current.deadline + ms) };
    case 'paused':
      return { ...current, remainingMs: Math.max(0, current.remainingMs + ms) };
    case 'finished':
      return current;
  }
}

/** Ends the current phase now and starts the next one. A paused timer stays paused. */
export function skipPhase(plan: TimerPlan, state: TimerState, now: number): TimerState {
  const current = advanceIfDue(plan, state, now);
  if (current.status === 'finished') return current;
  const { round, phaseIndex } = next(plan, current);
  return timerAt(plan, round, phaseIndex, now, current.status === 'paused');
}

/** Ends the current round now and starts the next one's first phase (or finishes). */
export function endRound(plan: TimerPlan, state: TimerState, now: number): TimerState {
  const current = advanceIfDue(plan, state, now);
  if (current.status === 'finished') return current;
  return timerAt(plan, current.round + 1, 0, now, current.status === 'paused');
}

/** Time left in the current phase at `now`, in ms (0 when finished or overdue). */
export function timeLeft(state: TimerState, now: number): number {
  switch (state.status) {
    case 'running':
      return Math.max(0, state.deadline - now);
    case 'paused':
      return state.remainingMs;
    case 'finished':
      return 0;
  }
}

/** When breakouts close if the closing countdown starts at `now`. */
export function closingDeadline(now: number, closingCountdownSec: number): number {
  return now + closingCountdownSec * 1000;
}

/** Time left of the closing countdown in ms (0 once everyone should be back in plenary). */
export function closingTimeLeft(closesAt: number, now: number): number {
  return Math.max(0, closesAt - now);
}

function next(plan: TimerPlan, { round, phaseIndex }: { round: number; phaseIndex: number }) {
  return phaseIndex + 1 < plan.phases.length
    ? { round, phaseIndex: phaseIndex + 1 }
    : { round: round + 1, phaseIndex: 0 };
}
