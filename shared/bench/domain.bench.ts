/**
 * Benchmarks of the pure domain on this machine, printed as numbers (not asserted): grouping a
 * large cohort, replaying a long event log (what a restart does), and computing the public
 * state that is broadcast after every event. Run: npm run bench
 */
import { performance } from 'node:perf_hooks';
import {
  applySessionEvent,
  decideJoin,
  decideOpenBreakouts,
  decideTick,
  decideTimer,
  ExerciseConfig,
  emptySessionState,
  formGroups,
  planRotation,
  replaySession,
  type SessionEvent,
  toPublicState,
} from '../src/index.ts';

function bench(name: string, runs: number, fn: () => void) {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(3);
  process.stdout.write(`${name.padEnd(52)} median ${p(0.5)} ms  p95 ${p(0.95)} ms  (${runs} runs)\n`);
}

const municipalities = ['Bergen', 'Voss', 'Askøy', 'Osterøy'];
const cohort = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`,
    municipality: municipalities[i < n * 0.5 ? 0 : i < n * 0.75 ? 1 : i < n * 0.9 ? 2 : 3],
    workplace: `w${i % 11}`,
  }));

for (const n of [57, 200]) {
  const members = cohort(n);
  for (const strategy of ['random', 'mix_municipalities', 'keep_workplaces'] as const) {
    bench(`formGroups ${strategy} n=${n}`, 50, () => formGroups({ members, strategy, seed: 7 }));
  }
}
bench('planRotation group of 4, 4 rounds', 2000, () => planRotation(['a', 'b', 'c', 'd'], 4, {}));

// A 60-person webinar: everyone joins, breakouts open, then a long tail of timer commands.
const exercise = ExerciseConfig.parse({ themeId: 'structure', seed: 1 });
const members = cohort(60);
const groups = formGroups({ members, strategy: 'mix_municipalities', seed: 1 }).map((g, i) => ({
  id: `g${i + 1}`,
  memberIds: g.map((m) => m.id),
}));
let state = emptySessionState();
const events: SessionEvent[] = [];
const record = (evs: SessionEvent[]) => {
  for (const e of evs) {
    events.push(e);
    state = applySessionEvent(state, e);
  }
};
let now = Date.UTC(2026, 10, 23, 9);
for (const m of members) {
  const d = decideJoin(state, m.id, now);
  if (d.ok) record(d.data);
}
const opened = decideOpenBreakouts(state, { breakoutsId: 'b1', exercise, groups }, now);
if (opened.ok) record(opened.data);
const actions = ['pause', 'resume', 'extend'] as const;
for (let i = 0; events.length < 10_000; i++) {
  now += 1000;
  const action = actions[i % 3] ?? 'pause';
  const target = i % 5 === 0 ? 'all' : `g${(i % groups.length) + 1}`;
  const d = decideTimer(state, action === 'extend' ? { action, target, ms: 1000 } : { action, target }, now);
  if (d.ok) record(d.data);
  record(decideTick(state, now));
}
process.stdout.write(`event log: ${events.length} events, ${groups.length} groups, 60 participants\n`);
bench('replaySession 10k events (restart)', 10, () => replaySession(events));
bench('applySessionEvent one timer event (hot path)', 2000, () =>
  applySessionEvent(state, { type: 'timer_extended', at: now, target: 'all', ms: 1000 }),
);
bench('toPublicState (broadcast after every event)', 2000, () => toPublicState(state));
const bytes = Buffer.byteLength(JSON.stringify(toPublicState(state)));
process.stdout.write(`public state size: ${bytes} bytes (60 participants, ${groups.length} groups)\n`);
const heap = process.memoryUsage().heapUsed / 1024 / 1024;
process.stdout.write(`heap used after benchmarks: ${heap.toFixed(1)} MiB\n`);
