/**
 * The live session: socket and LiveKit connection state, the public webinar state, the clock
 * offset. Written only by realtime/ (socket listeners and room events), read by the room page.
 */
import type { RequestErrorCode, WebinarPublicState } from '@rundgang/shared';
import type { Room } from 'livekit-client';
import type { ClockEstimate } from '../realtime/clock-sync.ts';
import type { SliceCreator } from './types.ts';

/** Who joins: a participant by invite token, or a facilitator (cookie) for a webinar. */
export type SessionTarget =
  | { kind: 'participant'; invite: string }
  | { kind: 'facilitator'; webinarId: string };

/** Connection state of one transport. */
export type LinkStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** A failure that stops the session until the person acts (reload, sign in, retry). */
export type SessionError =
  | { kind: 'protocol_mismatch' }
  | { kind: 'unauthorized' }
  | { kind: 'token'; code: RequestErrorCode }
  | { kind: 'disconnected' };

/** Session state and the actions realtime/ calls. */
export interface SessionSlice {
  sessionTarget: SessionTarget | null;
  socketStatus: LinkStatus;
  livekitStatus: LinkStatus;
  sessionError: SessionError | null;
  /** Set when local media could not be published; the session goes on without it. */
  publishFailed: boolean;
  room: Room | null;
  webinarState: WebinarPublicState | null;
  clockOffset: ClockEstimate | null;
  /** The person pressed "leave" (cleared when a new session starts). */
  leftRoom: boolean;
  sessionStarted: (target: SessionTarget, room: Room) => void;
  setSocketStatus: (status: LinkStatus) => void;
  setLivekitStatus: (status: LinkStatus) => void;
  setSessionError: (error: SessionError | null) => void;
  setPublishFailed: (failed: boolean) => void;
  webinarUpdated: (state: WebinarPublicState) => void;
  clockMeasured: (estimate: ClockEstimate) => void;
  sessionEnded: (left: boolean) => void;
}

/** Creates the session slice. */
export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  sessionTarget: null,
  socketStatus: 'idle',
  livekitStatus: 'idle',
  sessionError: null,
  publishFailed: false,
  room: null,
  webinarState: null,
  clockOffset: null,
  leftRoom: false,
  sessionStarted: (sessionTarget, room) =>
    set({
      sessionTarget,
      room,
      socketStatus: 'connecting',
      livekitStatus: 'idle',
      sessionError: null,
      publishFailed: false,
      leftRoom: false,
    }),
  setSocketStatus: (socketStatus) => set({ socketStatus }),
  setLivekitStatus: (livekitStatus) => set({ livekitStatus }),
  setSessionError: (sessionError) => set({ sessionError }),
  setPublishFailed: (publishFailed) => set({ publishFailed }),
  webinarUpdated: (webinarState) => set({ webinarState }),
  clockMeasured: (clockOffset) => set({ clockOffset }),
  // A later teardown (e.g. the page unmounting) must not forget that the person chose to leave.
  sessionEnded: (left) =>
    set((state) => ({
      sessionTarget: null,
      room: null,
      socketStatus: 'idle',
      livekitStatus: 'idle',
      webinarState: null,
      publishFailed: false,
      leftRoom: left || state.leftRoom,
    })),
});
