/**
 * Who is connected where in LiveKit and who is speaking, as facilitators hear it from the
 * server (verified webhooks and relayed lossy signals). Written only by realtime/, read by the
 * console's group tiles.
 */
import type { MediaPresence, SpeakingUpdate } from '@rundgang/shared';
import type { SliceCreator } from './types.ts';

/** Media presence and speaking state, and the actions realtime/ calls. */
export interface PresenceSlice {
  /** LiveKit room name → identities there now; null until the server first told us. */
  mediaRooms: MediaPresence['rooms'] | null;
  /** Participants whose microphone picks up speech right now, by participant id. */
  speaking: Record<string, true>;
  mediaPresenceReceived: (presence: MediaPresence) => void;
  speakingChanged: (update: SpeakingUpdate) => void;
  presenceReset: () => void;
}

/** Creates the presence slice. */
export const createPresenceSlice: SliceCreator<PresenceSlice> = (set) => ({
  mediaRooms: null,
  speaking: {},
  mediaPresenceReceived: (presence) => set({ mediaRooms: presence.rooms }),
  speakingChanged: ({ participantId, speaking }) =>
    set((s) => {
      if (Boolean(s.speaking[participantId]) === speaking) return s;
      const next = { ...s.speaking };
      if (speaking) next[participantId] = true;
      else delete next[participantId];
      return { speaking: next };
    }),
  presenceReset: () => set({ mediaRooms: null, speaking: {} }),
});
