/**
 * The plenary floor: who has raised a hand (in order) and whose microphone facilitators took.
 * Why a mode plus exceptions: "mute all, then let Kari speak" and "mute only Per" are the two
 * things a facilitator of 57 does; one list of exceptions to a mode says both without a list of
 * every participant, and a late joiner is covered by the mode at once.
 * The server enforces a locked microphone through LiveKit permissions, so no client can ignore it.
 */
import { z } from 'zod';
import type { GroupTarget } from './session-events.ts';
import { EntityId } from './session-events.ts';

/** A raised hand, with when it went up. */
export const RaisedHand = z.object({ participantId: EntityId, at: z.number().int().min(0) });
/** A raised hand. */
export type RaisedHand = z.infer<typeof RaisedHand>;

/** Raised hands and locked microphones in the plenary. */
export const PlenaryFloor = z.object({
  hands: z.array(RaisedHand),
  /** 'all': every microphone is locked except `exceptions`; 'none': only `exceptions` are locked. */
  locked: z.enum(['all', 'none']),
  exceptions: z.array(EntityId),
});
/** Raised hands and locked microphones in the plenary. */
export type PlenaryFloor = z.infer<typeof PlenaryFloor>;

/** A floor where nobody waits and every microphone is free. */
export const OPEN_FLOOR: PlenaryFloor = { hands: [], locked: 'none', exceptions: [] };

/** Whether this participant's plenary microphone is locked by the facilitators. */
export function microphoneLocked(floor: PlenaryFloor | undefined, participantId: string): boolean {
  const f = floor ?? OPEN_FLOOR;
  return f.locked === 'all' ? !f.exceptions.includes(participantId) : f.exceptions.includes(participantId);
}

/** The floor after a hand went up (a hand already up keeps its place). */
export function raiseHand(floor: PlenaryFloor, participantId: string, at: number): PlenaryFloor {
  if (floor.hands.some((h) => h.participantId === participantId)) return floor;
  return { ...floor, hands: [...floor.hands, { participantId, at }] };
}

/** The floor after a hand went down. */
export function lowerHand(floor: PlenaryFloor, participantId: string): PlenaryFloor {
  return { ...floor, hands: floor.hands.filter((h) => h.participantId !== participantId) };
}

/** The floor after microphones were locked (`locked`) or unlocked for one participant or all. */
export function lockMicrophones(floor: PlenaryFloor, target: GroupTarget, locked: boolean): PlenaryFloor {
  if (target === 'all') return { ...floor, locked: locked ? 'all' : 'none', exceptions: [] };
  // In 'all' mode the exceptions are the free ones; in 'none' mode, the locked ones.
  const inExceptions = floor.locked === 'all' ? !locked : locked;
  const others = floor.exceptions.filter((id) => id !== target);
  return { ...floor, exceptions: inExceptions ? [...others, target] : others };
}
