import { describe, expect, it } from 'vitest';
import { type AttentionReason, attentionReasons, byAttention } from './attention.ts';
import type { GroupView } from './live-view.ts';
import type { MemberConnection } from './member-connection.ts';

const base: GroupView = {
  id: 'g1',
  memberIds: ['a', 'b', 'c'],
  timer: { status: 'running', round: 0, phaseIndex: 1, deadline: 0 },
  round: 0,
  rounds: 3,
  phaseIndex: 1,
  phaseKind: 'conversation',
  finished: false,
  paused: false,
  timeLeftMs: 5 * 60_000,
  roles: { guideId: 'a', adviseeId: 'b', observerIds: ['c'] },
  feedbackIn: 0,
  feedbackExpected: 1,
  helpRequested: false,
};

const connections =
  (away: Record<string, MemberConnection>) =>
  (id: string): MemberConnection =>
    away[id] ?? 'connected';

describe('attentionReasons', () => {
  it.each<{
    name: string;
    view: Partial<GroupView>;
    away?: Record<string, MemberConnection>;
    want: AttentionReason[];
  }>([
    { name: 'all is well', view: {}, want: [] },
    { name: 'help asked', view: { helpRequested: true }, want: ['help'] },
    { name: 'guide gone', view: {}, away: { a: 'gone' }, want: ['missingRole', 'memberAway'] },
    { name: 'advisee gone', view: {}, away: { b: 'gone' }, want: ['missingRole', 'memberAway'] },
    { name: 'observer gone', view: {}, away: { c: 'gone' }, want: ['memberAway'] },
    { name: 'observer in the wrong room', view: {}, away: { c: 'elsewhere' }, want: ['memberAway'] },
    { name: 'still joining is not away', view: {}, away: { c: 'joining' }, want: [] },
    {
      name: 'card missing in the last minute of feedback',
      view: { phaseKind: 'feedback', timeLeftMs: 59_000 },
      want: ['cardsMissing'],
    },
    { name: 'feedback with time left', view: { phaseKind: 'feedback', timeLeftMs: 3 * 60_000 }, want: [] },
    {
      name: 'card still missing in reflection',
      view: { phaseKind: 'reflection' },
      want: ['cardsMissing'],
    },
    { name: 'card in', view: { phaseKind: 'reflection', feedbackIn: 1 }, want: [] },
    {
      name: 'help and a gone guide, most urgent first',
      view: { helpRequested: true },
      away: { a: 'gone' },
      want: ['help', 'missingRole', 'memberAway'],
    },
    {
      name: 'finished groups have no roles to miss',
      view: { finished: true, roles: null, phaseKind: null },
      away: { a: 'gone' },
      want: ['memberAway'],
    },
  ])('$name', ({ view, away, want }) => {
    expect(attentionReasons({ ...base, ...view }, connections(away ?? {}))).toEqual(want);
  });
});

describe('byAttention', () => {
  it('puts help first, then missing roles, away members, missing cards, then the rest by number', () => {
    const groups = [
      { id: 'g1', reasons: [] },
      { id: 'g2', reasons: ['cardsMissing'] },
      { id: 'g10', reasons: [] },
      { id: 'g3', reasons: ['memberAway'] },
      { id: 'g19', reasons: ['help'] },
      { id: 'g4', reasons: ['missingRole', 'memberAway'] },
      { id: 'g5', reasons: ['help', 'memberAway'] },
    ] satisfies { id: string; reasons: AttentionReason[] }[];
    expect(byAttention(groups).map((g) => g.id)).toEqual(['g5', 'g19', 'g4', 'g3', 'g2', 'g1', 'g10']);
  });
});
