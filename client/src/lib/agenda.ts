/**
 * The default agenda of a three-hour webinar (PRODUCT.md) and the console's record of the live
 * run, kept in this browser per webinar. The contract has no agenda yet, so the plan lives here.
 */
import type { LiveRun, WebinarPlan } from '@rundgang/shared';

/** Segment keys of the default plan; titles are translated (`agenda.segments.<key>`). */
export const DEFAULT_AGENDA = [
  { key: 'welcome', kind: 'plenary', plannedMinutes: 20 },
  { key: 'intro', kind: 'plenary', plannedMinutes: 10 },
  { key: 'exercise1', kind: 'exercise', plannedMinutes: 60 },
  { key: 'reflection1', kind: 'plenary', plannedMinutes: 15 },
  { key: 'break', kind: 'break', plannedMinutes: 15 },
  { key: 'exercise2', kind: 'exercise', plannedMinutes: 60 },
  { key: 'reflection2', kind: 'plenary', plannedMinutes: 15 },
  { key: 'closing', kind: 'plenary', plannedMinutes: 10 },
] as const;

/** The default agenda as a {@link WebinarPlan} with the given titles. */
export function defaultPlan(title: (key: string) => string): WebinarPlan {
  return {
    segments: DEFAULT_AGENDA.map((s) => ({
      kind: s.kind,
      title: title(s.key),
      plannedMinutes: s.plannedMinutes,
    })),
  };
}

/** The live run without `now`: what is stored. */
export type StoredRun = Omit<LiveRun, 'now'>;

const key = (webinarId: string) => `rundgang.agenda.${webinarId}`;

/** Reads the stored run of a webinar, or null if the agenda was never started. */
export function readRun(webinarId: string): StoredRun | null {
  try {
    const raw = localStorage.getItem(key(webinarId));
    const run = raw ? (JSON.parse(raw) as StoredRun) : null;
    return run && typeof run.startedAt === 'number' && typeof run.currentIndex === 'number' ? run : null;
  } catch {
    return null;
  }
}

/** Stores the run (or forgets it with null). */
export function writeRun(webinarId: string, run: StoredRun | null): void {
  try {
    if (run) localStorage.setItem(key(webinarId), JSON.stringify(run));
    else localStorage.removeItem(key(webinarId));
  } catch {
    // Private mode: the agenda simply is not remembered across reloads.
  }
}
