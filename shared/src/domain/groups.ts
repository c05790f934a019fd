/**
 * Group formation for an exercise: how many groups of which size, and who goes where.
 * Why: the product's rules (groups of 3, a remainder makes groups of 4, never 2; mixing
 * municipalities is valuable; sometimes colleagues belong together) are easy to get subtly
 * wrong by hand with 57 people, and the facilitator must get the same groups again after a
 * reload, so formation is seeded and reproducible rather than random at every call.
 */
import { z } from 'zod';
import { type Ack, fail, ok } from '../protocol.ts';
import { safeText } from '../safe-text.ts';
import type { GroupSize, GroupStrategy } from './exercise-config.ts';

/** A person to be placed in a group; municipality, workplace and profession are optional. */
export const GroupMember = z.object({
  id: safeText().min(1),
  municipality: safeText().nullish(),
  workplace: safeText().nullish(),
  profession: safeText().nullish(),
});
/** A person to be placed in a group. */
export type GroupMember = z.infer<typeof GroupMember>;

/**
 * Sizes of the groups for `n` people, largest first.
 * Preferred 3: groups of 3; n%3 = 1 → one group of 4; n%3 = 2 → two groups of 4.
 * Preferred 4: groups of 4; the remainder turns one, two or three groups into groups of 3.
 * Below 6 people the only sizes that fit may not exist (5 = 3+2 or 4+1), so n = 1, 2, 4, 5
 * stay one group of n: a group of 5 has two extra observers, which beats a group of 2.
 */
export function groupSizes(n: number, preferred: GroupSize = 3): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid member count ${n}`);
  if (n === 0) return [];
  if (n < 6) return [n];
  const fill = (size: number, count: number) => Array<number>(count).fill(size);
  if (preferred === 3) {
    const fours = [0, 1, 2][n % 3] ?? 0;
    return [...fill(4, fours), ...fill(3, (n - 4 * fours) / 3)];
  }
  const threes = [0, 3, 2, 1][n % 4] ?? 0;
  return [...fill(4, (n - 3 * threes) / 4), ...fill(3, threes)];
}

/** mulberry32: a tiny seeded PRNG, good enough to shuffle people reproducibly. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array, driven by `random`. */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Number of pairs of people from the same municipality sitting in the same group. */
export function sameMunicipalityPairs(groups: readonly (readonly GroupMember[])[]): number {
  let pairs = 0;
  for (const group of groups) {
    for (const count of countBy(group, (m) => m.municipality).values()) pairs += (count * (count - 1)) / 2;
  }
  return pairs;
}

/**
 * The fewest same-municipality pairs any grouping with these sizes can have, given how many
 * people come from each municipality (people without one fill the remaining seats).
 * Computed exactly as a min-cost flow, so it is the true optimum, not an estimate.
 */
export function minimumSameMunicipalityPairs(counts: readonly number[], sizes: readonly number[]): number {
  const spread = spreadMunicipalities(counts, sizes);
  return spread.reduce((sum, row) => sum + row.reduce((s, x) => s + (x * (x - 1)) / 2, 0), 0);
}

/**
 * Who has sat in a group with whom earlier in the series: pair key ({@link pairKey}) → times.
 * Built from the series' event logs (session-reducer.ts, `seriesHistory`).
 */
export type PairHistory = ReadonlyMap<string, number>;

/** The key of an unordered pair of people in a {@link PairHistory}. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** How many pairs in these groups are new and how many sat together before in the series. */
export function pairNovelty(
  groups: readonly (readonly string[])[],
  history: PairHistory,
): { newPairs: number; repeatedPairs: number } {
  let newPairs = 0;
  let repeatedPairs = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if ((history.get(pairKey(group[i] as string, group[j] as string)) ?? 0) > 0) repeatedPairs += 1;
        else newPairs += 1;
      }
    }
  }
  return { newPairs, repeatedPairs };
}

/** Input of {@link formGroups}. */
export interface FormGroupsInput {
  members: readonly GroupMember[];
  strategy: GroupStrategy;
  seed: number;
  groupSize?: GroupSize;
  /**
   * Earlier partners to keep apart, on top of the strategy: swaps between groups that lower
   * the repeated pairs without costing the strategy anything (no more same-municipality pairs
   * when mixing, no colleague split off when keeping workplaces).
   */
  avoidPairs?: PairHistory;
}

/**
 * Forms groups. Members are sorted by id first, so the result depends only on who is there,
 * the strategy and the seed, never on the order people arrived in.
 * Throws on duplicate member ids (a caller bug, not a user error).
 */
export function formGroups({
  members,
  strategy,
  seed,
  groupSize = 3,
  avoidPairs,
}: FormGroupsInput): GroupMember[][] {
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.id === sorted[i - 1]?.id) throw new Error(`duplicate member id ${sorted[i]?.id}`);
  }
  const sizes = groupSizes(sorted.length, groupSize);
  const random = mulberry32(seed);
  const groups =
    strategy === 'mix_municipalities'
      ? spreadBy(sorted, sizes, random, (m) => m.municipality)
      : strategy === 'mix_professions'
        ? spreadBy(sorted, sizes, random, (m) => m.profession)
        : strategy === 'keep_workplaces'
          ? keepWorkplaces(sorted, sizes, random)
          : chunk(seededShuffle(sorted, random), sizes);
  if (avoidPairs && avoidPairs.size > 0) separateEarlierPartners(groups, avoidPairs, strategy);
  // The order inside a group seeds the rotation, so shuffle it too rather than leak id order.
  return groups.map((group) => seededShuffle(group, random));
}

/** One manual move on the console: put a member into the group at `toGroup`. */
export const GroupMove = z.object({ memberId: safeText().min(1), toGroup: z.number().int().min(0) });
/** One manual move on the console. */
export type GroupMove = z.infer<typeof GroupMove>;

/**
 * Applies the facilitator's moves in order. `toGroup` may equal the number of groups to open a
 * new group; groups left empty are dropped at the end, so indexes stay stable during the edit.
 */
export function applyManualEdits(
  groups: readonly (readonly GroupMember[])[],
  moves: readonly GroupMove[],
): Ack<GroupMember[][]> {
  const next = groups.map((group) => [...group]);
  for (const move of moves) {
    const from = next.findIndex((group) => group.some((m) => m.id === move.memberId));
    if (from < 0) return fail('not_found', `member ${move.memberId} is in no group`);
    if (move.toGroup > next.length) return fail('bad_request', `there is no group ${move.toGroup}`);
    const source = next[from] ?? [];
    const member = source.find((m) => m.id === move.memberId) as GroupMember;
    next[from] = source.filter((m) => m.id !== move.memberId);
    if (move.toGroup === next.length) next.push([]);
    next[move.toGroup]?.push(member);
  }
  return ok(next.filter((group) => group.length > 0));
}

/** Indexes of groups whose size breaks the 3-or-4 rule (e.g. after manual moves), for a warning. */
export function irregularGroups(groups: readonly (readonly unknown[])[]): number[] {
  return groups.flatMap((group, index) => (group.length === 3 || group.length === 4 ? [] : [index]));
}

function chunk<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  let start = 0;
  return sizes.map((size) => {
    const group = items.slice(start, start + size);
    start += size;
    return group;
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * How many people of each municipality go to each group (rows = municipalities, columns =
 * groups), minimising same-municipality pairs. A min-cost flow with convex costs: the k-th
 * person of a municipality in a group costs k-1 more pairs. Each unit is routed along the
 * cheapest residual path (Bellman–Ford, since moving someone out of a group has negative cost).
 * People without a municipality are an extra row that costs nothing anywhere.
 * At ≤ 200 people and a handful of municipalities this is instant, and exact, so no heuristic
 * greedy + swap search is needed.
 */
function spreadMunicipalities(counts: readonly number[], sizes: readonly number[]): number[][] {
  const seats = sizes.reduce((a, b) => a + b, 0);
  const people = counts.reduce((a, b) => a + b, 0);
  if (people > seats) throw new RangeError(`${people} people do not fit in ${seats} seats`);
  const supply = [...counts, seats - people];
  const free = supply.length - 1;
  const flow = supply.map(() => sizes.map(() => 0));
  const sent = supply.map(() => 0);
  const filled = sizes.map(() => 0);
  const cost = (m: number, g: number) => (m === free ? 0 : (flow[m]?.[g] ?? 0));
  const refund = (m: number, g: number) => (m === free ? 0 : -((flow[m]?.[g] ?? 0) - 1));

  for (let unit = 0; unit < seats; unit++) {
    const distM = supply.map((s, m) => ((sent[m] ?? 0) < s ? 0 : Number.POSITIVE_INFINITY));
    const distG = sizes.map(() => Number.POSITIVE_INFINITY);
    const viaM = sizes.map(() => -1); // group g was reached from municipality viaM[g]
    const viaG = supply.map(() => -1); // municipality m was reached from group viaG[m]
    for (let changed = true, pass = 0; changed && pass <= supply.length + sizes.length; pass++) {
      changed = false;
      for (let m = 0; m < supply.length; m++) {
        const dm = distM[m] ?? Number.POSITIVE_INFINITY;
        if (dm === Number.POSITIVE_INFINITY) continue;
        for (let g = 0; g < sizes.length; g++) {
          const d = dm + cost(m, g);
          if (d < (distG[g] ?? Number.POSITIVE_INFINITY)) {
            distG[g] = d;
            viaM[g] = m;
            changed = true;
          }
        }
      }
      for (let g = 0; g < sizes.length; g++) {
        const dg = distG[g] ?? Number.POSITIVE_INFINITY;
        if (dg === Number.POSITIVE_INFINITY) continue;
        for (let m = 0; m < supply.length; m++) {
          if ((flow[m]?.[g] ?? 0) === 0) continue;
          const d = dg + refund(m, g);
          if (d < (distM[m] ?? Number.POSITIVE_INFINITY)) {
            distM[m] = d;
            viaG[m] = g;
            changed = true;
          }
        }
      }
    }
    let target = -1;
    for (let g = 0; g < sizes.length; g++) {
      if ((filled[g] ?? 0) >= (sizes[g] ?? 0)) continue;
      if (
        target < 0 ||
        (distG[g] ?? Number.POSITIVE_INFINITY) < (distG[target] ?? Number.POSITIVE_INFINITY)
      ) {
        target = g;
      }
    }
    if (target < 0) throw new Error('no free seat left, flow bookkeeping is broken');
    filled[target] = (filled[target] ?? 0) + 1;
    // Walk the path back: each step is "municipality m takes a seat in group g"; a step back
    // through a group means "someone of m' leaves group g to make room".
    for (let g = target; ; ) {
      const m = viaM[g] ?? -1;
      const row = flow[m];
      if (!row) throw new Error('broken augmenting path');
      row[g] = (row[g] ?? 0) + 1;
      const back = viaG[m] ?? -1;
      if (back < 0) {
        sent[m] = (sent[m] ?? 0) + 1;
        break;
      }
      row[back] = (row[back] ?? 0) - 1;
      g = back;
    }
  }
  return flow;
}

/**
 * Spreads people who share a value of `key` (municipality, profession) over the groups, with as
 * few same-value pairs as possible (the min-cost flow of {@link spreadMunicipalities}).
 */
function spreadBy(
  members: GroupMember[],
  sizes: number[],
  random: () => number,
  key: (m: GroupMember) => string | null | undefined,
): GroupMember[][] {
  const byValue = groupBy(members, (m) => key(m) ?? '');
  const withoutValue = byValue.get('') ?? [];
  byValue.delete('');
  const names = [...byValue.keys()].sort();
  const spread = spreadMunicipalities(
    names.map((name) => byValue.get(name)?.length ?? 0),
    sizes,
  );
  const groups: GroupMember[][] = sizes.map(() => []);
  const pools = [...names.map((name) => byValue.get(name) ?? []), withoutValue].map((pool) =>
    seededShuffle(pool, random),
  );
  pools.forEach((pool, m) => {
    const row = spread[m] ?? [];
    let next = 0;
    row.forEach((count, g) => {
      groups[g]?.push(...pool.slice(next, next + count));
      next += count;
    });
  });
  return seededShuffleSameSize(groups, random);
}

/**
 * Keeps colleagues together: workplaces are placed largest first, each into the group whose
 * free seats fit it best (the smallest that holds it whole, else the emptiest, splitting it).
 * People without a workplace fill the seats left over.
 */
function keepWorkplaces(members: GroupMember[], sizes: number[], random: () => number): GroupMember[][] {
  const byWorkplace = groupBy(members, (m) => m.workplace ?? '');
  const loners = seededShuffle(byWorkplace.get('') ?? [], random);
  byWorkplace.delete('');
  const teams = seededShuffle([...byWorkplace.values()], random)
    .map((team) => seededShuffle(team, random))
    .sort((a, b) => b.length - a.length); // stable: equal sizes keep their seeded order
  const groups: GroupMember[][] = sizes.map(() => []);
  const freeSeats = (g: number) => (sizes[g] ?? 0) - (groups[g]?.length ?? 0);
  for (const team of teams) {
    let rest = team;
    while (rest.length > 0) {
      let best = -1;
      for (let g = 0; g < groups.length; g++) {
        const seats = freeSeats(g);
        if (seats === 0) continue;
        const fits = seats >= rest.length;
        const bestSeats = best < 0 ? 0 : freeSeats(best);
        const bestFits = best >= 0 && bestSeats >= rest.length;
        if (
          best < 0 ||
          (fits && (!bestFits || seats < bestSeats)) ||
          (!fits && !bestFits && seats > bestSeats)
        ) {
          best = g;
        }
      }
      const take = Math.min(freeSeats(best), rest.length);
      groups[best]?.push(...rest.slice(0, take));
      rest = rest.slice(take);
    }
  }
  for (let g = 0; g < groups.length; g++) groups[g]?.push(...loners.splice(0, freeSeats(g)));
  return seededShuffleSameSize(groups, random);
}

/** The member field each strategy optimised, which separating earlier partners must not worsen. */
const GUARDED_KEY: Record<GroupStrategy, 'municipality' | 'workplace' | 'profession' | null> = {
  random: null,
  mix_municipalities: 'municipality',
  mix_professions: 'profession',
  keep_workplaces: 'workplace',
};

/**
 * Swaps people between groups while a swap lowers the times earlier partners meet again, and
 * never worsens what the strategy optimised: the same-municipality or same-profession pairs (mix) or the pairs of
 * colleagues kept together (keep workplaces). Hill climbing from the strategy's optimum, so the
 * strategy's guarantee holds and repeats only go down. Mutates `groups`.
 */
function separateEarlierPartners(
  groups: GroupMember[][],
  history: PairHistory,
  strategy: GroupStrategy,
): void {
  const repeats = (m: GroupMember, group: readonly GroupMember[], skip: GroupMember) =>
    group.reduce(
      (sum, o) => (o === m || o === skip ? sum : sum + (history.get(pairKey(m.id, o.id)) ?? 0)),
      0,
    );
  const same = (
    key: 'municipality' | 'workplace' | 'profession',
    m: GroupMember,
    group: readonly GroupMember[],
    skip: GroupMember,
  ) => (m[key] ? group.filter((o) => o !== m && o !== skip && o[key] === m[key]).length : 0);
  const guarded = GUARDED_KEY[strategy];
  for (let pass = 0; pass < 50; pass++) {
    let improved = false;
    for (let g = 0; g < groups.length; g++) {
      for (let h = g + 1; h < groups.length; h++) {
        const A = groups[g] as GroupMember[];
        const B = groups[h] as GroupMember[];
        for (let i = 0; i < A.length; i++) {
          for (let j = 0; j < B.length; j++) {
            const a = A[i] as GroupMember;
            const b = B[j] as GroupMember;
            const gain = repeats(a, A, a) + repeats(b, B, b) - repeats(a, B, b) - repeats(b, A, a);
            if (gain <= 0) continue;
            if (guarded) {
              const before = same(guarded, a, A, a) + same(guarded, b, B, b);
              const after = same(guarded, a, B, b) + same(guarded, b, A, a);
              // Mixing: no more same-municipality (or same-profession) pairs. Keeping workplaces: no
              // fewer colleagues together.
              if (guarded === 'workplace' ? after < before : after > before) continue;
            }
            A[i] = b;
            B[j] = a;
            improved = true;
          }
        }
      }
    }
    if (!improved) return;
  }
}

/** Shuffles group order among groups of equal size, so sizes stay largest first. */
function seededShuffleSameSize(groups: GroupMember[][], random: () => number): GroupMember[][] {
  return seededShuffle(groups, random).sort((a, b) => b.length - a.length);
}
