import { describe, expect, it } from 'vitest';
import { SessionEvent } from './session-events.ts';
import { replaySession } from './session-reducer.ts';
import { at, openedEvents } from './session-test-fixtures.ts';

describe('SessionEvent', () => {
  it('events survive JSON and validate against the schema, and replay gives the same state', () => {
    const events = [
      ...openedEvents(),
      { type: 'timer_paused', at: at(1), target: 'all' },
      { type: 'late_joiner_placed', at: at(2), participantId: 'late', groupId: 'g1' },
      { type: 'feedback_submitted', at: at(20), groupId: 'g1', round: 0, observerId: 'c' },
    ] satisfies SessionEvent[];
    const parsed = JSON.parse(JSON.stringify(events)).map((e: unknown) => SessionEvent.parse(e));
    expect(parsed).toEqual(events);
    expect(replaySession(parsed)).toEqual(replaySession(events));
  });

  const receipt = { type: 'feedback_submitted', at: 5, groupId: 'g1', round: 0, observerId: 'c' };
  it.each([
    { name: 'as the server writes it now', row: receipt },
    { name: 'with the `content: null` of earlier logs', row: { ...receipt, content: null } },
    { name: 'with contents of any older shape', row: { ...receipt, content: { workedWell: 'SECRET' } } },
  ])('loads a feedback receipt $name, without contents', ({ row }) => {
    expect(SessionEvent.parse(row)).toEqual(receipt);
  });

  it.each([
    { name: 'a missing field', row: { type: 'timer_paused', at: 1 } },
    { name: 'an unknown type', row: { type: 'teleported', at: 1 } },
    {
      name: 'the removed reflection note',
      row: { type: 'reflection_note_saved', at: 1, authorId: 'a', text: 'x' },
    },
    {
      name: 'a receipt without its observer',
      row: { type: 'feedback_submitted', at: 1, groupId: 'g1', round: 0 },
    },
    { name: 'a negative time', row: { type: 'breakouts_closed', at: -1 } },
  ])('rejects $name', ({ row }) => {
    expect(SessionEvent.safeParse(row).success).toBe(false);
  });
});
