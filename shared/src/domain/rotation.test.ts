import { describe, expect, it } from 'vitest';
import { countGuides, planRotation, type RoundRoles, roleOf } from './rotation.ts';

function tally(rotation: RoundRoles[], pick: (round: RoundRoles) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const round of rotation) counts[pick(round)] = (counts[pick(round)] ?? 0) + 1;
  return counts;
}

describe('planRotation', () => {
  it.each([
    {
      name: 'group of 3, three rounds',
      members: ['a', 'b', 'c'],
      rounds: 3,
      expected: [
        { guideId: 'a', adviseeId: 'b', observerIds: ['c'] },
        { guideId: 'b', adviseeId: 'c', observerIds: ['a'] },
        { guideId: 'c', adviseeId: 'a', observerIds: ['b'] },
      ],
    },
    {
      name: 'group of 4, four rounds',
      members: ['a', 'b', 'c', 'd'],
      rounds: 4,
      expected: [
        { guideId: 'a', adviseeId: 'b', observerIds: ['c', 'd'] },
        { guideId: 'b', adviseeId: 'c', observerIds: ['a', 'd'] },
        { guideId: 'c', adviseeId: 'd', observerIds: ['a', 'b'] },
        { guideId: 'd', adviseeId: 'a', observerIds: ['b', 'c'] },
      ],
    },
    {
      name: 'group of 2: guide and advisee swap',
      members: ['a', 'b'],
      rounds: 2,
      expected: [
        { guideId: 'a', adviseeId: 'b', observerIds: [] },
        { guideId: 'b', adviseeId: 'a', observerIds: [] },
      ],
    },
    { name: 'group of 1 cannot rotate', members: ['a'], rounds: 1, expected: [] },
    { name: 'zero rounds', members: ['a', 'b', 'c'], rounds: 0, expected: [] },
  ])('$name', ({ members, rounds, expected }) => {
    expect(planRotation(members, rounds)).toEqual(expected);
  });

  it.each([3, 4, 5])('rounds = group size %i: everyone guide once and advisee once', (size) => {
    const members = Array.from({ length: size }, (_, i) => `p${i}`);
    const rotation = planRotation(members, size, { p0: 2, p3: 1 });
    const once = Object.fromEntries(members.map((id) => [id, 1]));
    expect(tally(rotation, (r) => r.guideId)).toEqual(once);
    expect(tally(rotation, (r) => r.adviseeId)).toEqual(once);
    for (const round of rotation) {
      expect(new Set([round.guideId, round.adviseeId, ...round.observerIds]).size).toBe(size);
      expect(round.guideId).not.toBe(round.adviseeId);
    }
  });

  it.each([
    { name: 'no history: group order', counts: {}, rounds: 2, guides: ['a', 'b'] },
    { name: 'least guided first', counts: { a: 1, b: 1 }, rounds: 2, guides: ['c', 'd'] },
    {
      name: 'fewest first, ties by order',
      counts: { a: 2, b: 0, c: 1, d: 0 },
      rounds: 3,
      guides: ['b', 'd', 'c'],
    },
    { name: 'one round', counts: { a: 1, b: 1, c: 1 }, rounds: 1, guides: ['d'] },
  ])('fewer rounds than members: $name', ({ counts, rounds, guides }) => {
    const rotation = planRotation(['a', 'b', 'c', 'd'], rounds, counts);
    expect(rotation.map((r) => r.guideId)).toEqual(guides);
    expect(new Set(rotation.map((r) => r.adviseeId)).size).toBe(rounds);
  });

  it('is deterministic', () => {
    const counts = { b: 1 };
    expect(planRotation(['a', 'b', 'c'], 3, counts)).toEqual(planRotation(['a', 'b', 'c'], 3, counts));
  });
});

describe('roleOf', () => {
  const round = { guideId: 'a', adviseeId: 'b', observerIds: ['c', 'd'] };
  it.each([
    { id: 'a', role: 'guide' },
    { id: 'b', role: 'advisee' },
    { id: 'd', role: 'observer' },
    { id: 'z', role: null },
  ])('$id → $role', ({ id, role }) => {
    expect(roleOf(round, id)).toBe(role);
  });
});

describe('countGuides', () => {
  it('adds this exercise to the series counts', () => {
    const rotation = planRotation(['a', 'b', 'c', 'd'], 2, { a: 1 });
    expect(countGuides(rotation, { a: 1 })).toEqual({ a: 1, b: 1, c: 1 });
  });
});
