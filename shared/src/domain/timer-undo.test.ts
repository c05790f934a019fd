import { describe, expect, it } from 'vitest';
import { decideTick, decideTimer, decideUndoTimer, type TimerCommand } from './session-commands.ts';
import { replaySession } from './session-reducer.ts';
import type { SessionState } from './session-state.ts';
import { UNDO_WINDOW_MS } from './session-state.ts';
import { at, codeOf, MIN, opened, openedEvents, run, S } from './session-test-fixtures.ts';

const timers = (state: SessionState) => state.breakouts?.groups.map((g) => ({ id: g.id, timer: g.timer }));

/** The session after `command` at `nowMin`, with g1 paused first so states differ by group. */
function changed(command: TimerCommand, nowMin: number) {
  const before = run(opened(), decideTimer(opened(), { action: 'pause', target: 'g1' }, at(0.5)));
  return { before, after: run(before, decideTimer(before, command, at(nowMin))) };
}

describe('decideUndoTimer', () => {
  it.each<{ name: string; command: TimerCommand }>([
    { name: 'skip phase (all)', command: { action: 'skip_phase', target: 'all' } },
    { name: 'next round (all)', command: { action: 'end_round', target: 'all' } },
    { name: 'pause all', command: { action: 'pause', target: 'all' } },
    { name: 'resume all', command: { action: 'resume', target: 'all' } },
    { name: '+5 min all', command: { action: 'extend', target: 'all', ms: 5 * MIN } },
    { name: 'skip phase in one group', command: { action: 'skip_phase', target: 'g2' } },
    { name: 'next round in one group', command: { action: 'end_round', target: 'g1' } },
    { name: 'jump to a phase', command: { action: 'start_phase', target: 'all', round: 1, phaseIndex: 2 } },
  ])('restores every timer and deadline exactly after $name', ({ command }) => {
    const { before, after } = changed(command, 1);
    expect(timers(after)).not.toEqual(timers(before));
    const undo = after.breakouts?.undo;
    expect(undo?.at).toBe(at(1));
    const restored = run(after, decideUndoTimer(after, { at: at(1) }, at(1) + 9 * S));
    expect(timers(restored)).toEqual(timers(before));
    expect(restored.breakouts?.undo).toBeUndefined();
  });

  it('records only the groups the change touched', () => {
    const { after } = changed({ action: 'skip_phase', target: 'g2' }, 1);
    expect(after.breakouts?.undo?.before.map((t) => t.groupId)).toEqual(['g2']);
    expect(after.breakouts?.undo?.action).toBe('phase_skipped');
  });

  it('stays undoable across a tick, which is time passing, not a change', () => {
    // g2's preparation ends at minute 2; the tick advances it, the undo still restores the record.
    const { before, after } = changed({ action: 'extend', target: 'all', ms: -1 * MIN }, 1.9);
    const ticked = run(after, { ok: true, data: decideTick(after, at(2)) });
    expect(ticked.breakouts?.undo?.at).toBe(at(1.9));
    const restored = run(ticked, decideUndoTimer(ticked, { at: at(1.9) }, at(2)));
    expect(timers(restored)).toEqual(timers(before));
  });

  it.each<{ name: string; state: () => SessionState; undoAt: number; now: number; code: string }>([
    {
      name: 'no breakouts',
      state: () => replaySession([]),
      undoAt: at(1),
      now: at(1),
      code: 'conflict',
    },
    { name: 'nothing changed yet', state: opened, undoAt: at(0), now: at(0.1), code: 'conflict' },
    {
      name: 'a newer change since',
      state: () => changed({ action: 'skip_phase', target: 'all' }, 1).after,
      undoAt: at(0.5),
      now: at(1),
      code: 'conflict',
    },
    {
      name: 'window over',
      state: () => changed({ action: 'skip_phase', target: 'all' }, 1).after,
      undoAt: at(1),
      now: at(1) + UNDO_WINDOW_MS + 1,
      code: 'conflict',
    },
  ])('refuses: $name', ({ state, undoAt, now, code }) => {
    expect(codeOf(decideUndoTimer(state(), { at: undoAt }, now))).toBe(code);
  });

  it('undoes once: a second "Angre" finds nothing to undo', () => {
    const { after } = changed({ action: 'skip_phase', target: 'all' }, 1);
    const restored = run(after, decideUndoTimer(after, { at: at(1) }, at(1) + S));
    expect(codeOf(decideUndoTimer(restored, { at: at(1) }, at(1) + 2 * S))).toBe('conflict');
  });

  it('replays to the same state from the log', () => {
    const { after } = changed({ action: 'end_round', target: 'all' }, 1);
    const decision = decideUndoTimer(after, { at: at(1) }, at(1) + S);
    if (!decision.ok) throw new Error('refused');
    const pause = decideTimer(opened(), { action: 'pause', target: 'g1' }, at(0.5));
    const skip = decideTimer(run(opened(), pause), { action: 'end_round', target: 'all' }, at(1));
    if (!pause.ok || !skip.ok) throw new Error('refused');
    const replayed = replaySession([...openedEvents(), ...pause.data, ...skip.data, ...decision.data]);
    expect(replayed).toEqual(run(after, decision));
  });
});
