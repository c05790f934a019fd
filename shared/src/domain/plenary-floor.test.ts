import { describe, expect, it } from 'vitest';
import { microphoneLocked, OPEN_FLOOR, type PlenaryFloor } from './plenary-floor.ts';
import {
  decideLowerHand,
  decideMicrophones,
  decideRaiseHand,
  type MicrophonesCommand,
} from './session-commands.ts';
import { replaySession } from './session-reducer.ts';
import { emptySessionState, type SessionState } from './session-state.ts';
import { at, run } from './session-test-fixtures.ts';

/** Applies microphone commands in order from an empty session. */
function afterMics(commands: MicrophonesCommand[]): SessionState {
  return commands.reduce((s, c, i) => run(s, decideMicrophones(s, c, at(i))), emptySessionState());
}

describe('microphones', () => {
  it.each<{ name: string; commands: MicrophonesCommand[]; locked: string[] }>([
    { name: 'nobody locked at first', commands: [], locked: [] },
    { name: 'mute all', commands: [{ target: 'all', locked: true }], locked: ['a', 'b', 'c'] },
    {
      name: 'mute all, then let b speak',
      commands: [
        { target: 'all', locked: true },
        { target: 'b', locked: false },
      ],
      locked: ['a', 'c'],
    },
    {
      name: 'let b speak, then take it back',
      commands: [
        { target: 'all', locked: true },
        { target: 'b', locked: false },
        { target: 'b', locked: true },
      ],
      locked: ['a', 'b', 'c'],
    },
    { name: 'mute only a', commands: [{ target: 'a', locked: true }], locked: ['a'] },
    {
      name: 'mute a, then free all',
      commands: [
        { target: 'a', locked: true },
        { target: 'all', locked: false },
      ],
      locked: [],
    },
    {
      name: 'mute a twice, free a once',
      commands: [
        { target: 'a', locked: true },
        { target: 'a', locked: true },
        { target: 'a', locked: false },
      ],
      locked: [],
    },
  ])('$name', ({ commands, locked }) => {
    const floor = afterMics(commands).floor;
    expect(['a', 'b', 'c'].filter((id) => microphoneLocked(floor, id))).toEqual(locked);
  });

  it('covers someone who joins after "mute all"', () => {
    expect(microphoneLocked(afterMics([{ target: 'all', locked: true }]).floor, 'late')).toBe(true);
  });
});

describe('raised hands', () => {
  const raise = (s: SessionState, id: string, min: number) => run(s, decideRaiseHand(s, id, at(min)));
  const hands = (s: SessionState) => (s.floor ?? OPEN_FLOOR).hands.map((h) => h.participantId);

  it('keeps the order hands went up; raising again keeps the place', () => {
    let s = raise(emptySessionState(), 'b', 1);
    s = raise(s, 'a', 2);
    s = raise(s, 'b', 3);
    expect(hands(s)).toEqual(['b', 'a']);
    expect(s.floor?.hands[0]?.at).toBe(at(1));
  });

  it('lowers one hand; lowering a hand that is down records nothing', () => {
    let s = raise(raise(emptySessionState(), 'b', 1), 'a', 2);
    s = run(s, decideLowerHand(s, 'b', at(3)));
    expect(hands(s)).toEqual(['a']);
    expect(decideLowerHand(s, 'b', at(4))).toEqual({ ok: true, data: [] });
  });

  it('giving someone the word unlocks their microphone and lowers their hand', () => {
    let s = afterMics([{ target: 'all', locked: true }]);
    s = raise(s, 'c', 5);
    const decision = decideMicrophones(s, { target: 'c', locked: false }, at(6));
    expect(decision.ok && decision.data.map((e) => e.type)).toEqual(['microphones_unlocked', 'hand_lowered']);
    s = run(s, decision);
    expect(hands(s)).toEqual([]);
    expect(microphoneLocked(s.floor, 'c')).toBe(false);
  });

  it('replays from the log to the same floor', () => {
    const events = [
      { type: 'microphones_locked', at: at(0), target: 'all' },
      { type: 'hand_raised', at: at(1), participantId: 'a' },
    ] as const;
    const floor: PlenaryFloor = { hands: [{ participantId: 'a', at: at(1) }], locked: 'all', exceptions: [] };
    expect(replaySession([...events]).floor).toEqual(floor);
  });
});
