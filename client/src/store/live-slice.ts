/**
 * The live exercise as this tab sees it: the public session state (breakouts, groups, timers,
 * help requests, broadcasts), which LiveKit room we are in, and facilitator alerts.
 * Written only by realtime/ (socket listeners), read narrowly by the console and breakout view.
 */
import type { MissingRoleAlert, PublicSessionState } from '@rundgang/shared';
import type { SliceCreator } from './types.ts';

/** Live session state and the actions realtime/ calls. */
export interface LiveSlice {
  /** The latest public session state, or null before the first snapshot. */
  liveState: PublicSessionState | null;
  liveSeq: number;
  /** Our own LiveKit identity (`p:<id>` or `f:<id>`), from the first grant. */
  selfIdentity: string | null;
  /** The LiveKit room we are in: null = plenary, else a group id. */
  currentGroupId: string | null;
  /** A room switch is in flight (breakouts opened/closed, moved, visiting). */
  switchingRoom: boolean;
  /** Display names we know, by participant id (presence and the facilitator's cohort). */
  knownNames: Record<string, string>;
  /** Missing guide/advisee alerts for the facilitator, newest last. */
  alerts: MissingRoleAlert[];
  sessionSnapshotReceived: (seq: number, state: PublicSessionState) => void;
  roomEntered: (groupId: string | null, identity: string) => void;
  setSwitchingRoom: (switching: boolean) => void;
  namesLearned: (names: Record<string, string>) => void;
  alertReceived: (alert: MissingRoleAlert) => void;
  alertDismissed: (groupId: string) => void;
  liveReset: () => void;
}

/** Creates the live slice. */
export const createLiveSlice: SliceCreator<LiveSlice> = (set) => ({
  liveState: null,
  liveSeq: 0,
  selfIdentity: null,
  currentGroupId: null,
  switchingRoom: false,
  knownNames: {},
  alerts: [],
  // An older snapshot arriving late (sync ack after a push) must not roll the state back.
  // The plenary summary belongs to the plenary it was shown in: new breakouts take it away.
  sessionSnapshotReceived: (seq, liveState) =>
    set((s) => {
      if (seq < s.liveSeq && s.liveState) return s;
      const opened = liveState.breakouts && liveState.breakouts.id !== s.liveState?.breakouts?.id;
      return opened ? { liveState, liveSeq: seq, presentedSummary: null } : { liveState, liveSeq: seq };
    }),
  roomEntered: (currentGroupId, selfIdentity) => set({ currentGroupId, selfIdentity }),
  setSwitchingRoom: (switchingRoom) => set({ switchingRoom }),
  namesLearned: (names) => set((s) => ({ knownNames: { ...s.knownNames, ...names } })),
  alertReceived: (alert) =>
    set((s) => ({
      alerts: [...s.alerts.filter((a) => !(a.groupId === alert.groupId && a.role === alert.role)), alert],
    })),
  alertDismissed: (groupId) => set((s) => ({ alerts: s.alerts.filter((a) => a.groupId !== groupId) })),
  liveReset: () =>
    set({ liveState: null, liveSeq: 0, currentGroupId: null, switchingRoom: false, alerts: [] }),
});
