/**
 * The one client store, composed of typed slices. Components select the narrowest value they
 * need (`useAppStore((s) => s.webinarState?.title)`); realtime code calls actions through
 * `useAppStore.getState()` outside React.
 */
import { create } from 'zustand';
import { createAuthSlice } from './auth-slice.ts';
import { createFeedbackSlice } from './feedback-slice.ts';
import { createLiveSlice } from './live-slice.ts';
import { createMediaSlice } from './media-slice.ts';
import { createPresenceSlice } from './presence-slice.ts';
import { createSeriesSlice } from './series-slice.ts';
import { createSessionSlice } from './session-slice.ts';
import type { AppState } from './types.ts';
import { createWebinarsSlice } from './webinars-slice.ts';

export type { AppState, Loadable } from './types.ts';

/** The application store. */
export const useAppStore = create<AppState>()((...args) => ({
  ...createAuthSlice(...args),
  ...createWebinarsSlice(...args),
  ...createSeriesSlice(...args),
  ...createMediaSlice(...args),
  ...createSessionSlice(...args),
  ...createLiveSlice(...args),
  ...createFeedbackSlice(...args),
  ...createPresenceSlice(...args),
}));
