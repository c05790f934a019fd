import { describe, expect, it } from 'vitest';
import { guideMaySee, mayReadCard } from './feedback-visibility.ts';
import { emptySessionState, type SessionState } from './session-state.ts';

const phases = [
  { kind: 'preparation', durationSec: 60 },
  { kind: 'conversation', durationSec: 60 },
  { kind: 'feedback', durationSec: 60 },
  { kind: 'reflection', durationSec: 60 },
] as const;

const stateAt = (
  visible: 'on_submit' | 'after_feedback_phase',
  timer: { status: 'running' | 'finished'; round: number; phaseIndex: number },
): SessionState => ({
  ...emptySessionState(),
  breakouts: {
    id: 'b1',
    status: 'running',
    startedAt: 0,
    closesAt: null,
    exercise: {
      themeId: 'structure',
      focusSkills: [],
      groupSize: 3,
      phases: [...phases],
      rounds: null,
      muteObserversDuringConversation: false,
      closingCountdownSec: 60,
      feedbackVisibleToGuide: visible,
      strategy: 'random',
      groupOfFourPolicy: 'same_end_time',
      feedbackGraceSec: 600,
      seed: 1,
    },
    groups: [
      {
        id: 'g1',
        memberIds: ['a', 'b', 'c'],
        rotation: [],
        timer:
          timer.status === 'running'
            ? { ...timer, status: 'running', deadline: 1 }
            : { ...timer, status: 'finished' },
      },
    ],
    helpRequests: [],
  },
});

describe('guideMaySee', () => {
  const card = { breakoutsId: 'b1', groupId: 'g1', round: 1 };
  it.each([
    [
      'on_submit, during the conversation',
      stateAt('on_submit', { status: 'running', round: 1, phaseIndex: 1 }),
      card,
      true,
    ],
    [
      'held back during the conversation',
      stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 1 }),
      card,
      false,
    ],
    [
      'held back during the feedback phase',
      stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 2 }),
      card,
      false,
    ],
    [
      'released in the reflection phase',
      stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 3 }),
      card,
      true,
    ],
    [
      'released in the next round',
      stateAt('after_feedback_phase', { status: 'running', round: 2, phaseIndex: 0 }),
      card,
      true,
    ],
    [
      'released when the group finished',
      stateAt('after_feedback_phase', { status: 'finished', round: 2, phaseIndex: 3 }),
      card,
      true,
    ],
    [
      'released for another breakouts run',
      stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 1 }),
      { ...card, breakoutsId: 'old' },
      true,
    ],
    ['released once breakouts closed', emptySessionState(), card, true],
  ])('%s', (_name, state, c, expected) => {
    expect(guideMaySee(state, c)).toBe(expected);
  });
});

describe('mayReadCard', () => {
  const card = { breakoutsId: 'b1', groupId: 'g1', round: 1, observerId: 'c', guideId: 'a' };
  const heldBack = stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 1 });
  const released = stateAt('after_feedback_phase', { status: 'running', round: 1, phaseIndex: 3 });
  const over = emptySessionState();
  const facilitator = { kind: 'facilitator' } as const;
  const participant = (id: string) => ({ kind: 'participant', id }) as const;
  it.each([
    ['a facilitator, while held back', heldBack, facilitator, true],
    ['the author, while held back', heldBack, participant('c'), true],
    ['the guide, while held back', heldBack, participant('a'), false],
    ['the guide, once released', released, participant('a'), true],
    ['the guide, after breakouts', over, participant('a'), true],
    ['the advisee, once released', released, participant('b'), false],
    ['an outsider, after breakouts', over, participant('z'), false],
  ] as const)('%s → %s', (_name, state, reader, may) => {
    expect(mayReadCard(state, reader, card)).toBe(may);
  });
});
