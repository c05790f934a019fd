/** Types shared by the store's slices (kept apart from index.ts to avoid import cycles). */

import type { RequestErrorCode } from '@rundgang/shared';
import type { StateCreator } from 'zustand';
import type { AuthSlice } from './auth-slice.ts';
import type { FeedbackSlice } from './feedback-slice.ts';
import type { LiveSlice } from './live-slice.ts';
import type { MediaSlice } from './media-slice.ts';
import type { PresenceSlice } from './presence-slice.ts';
import type { SeriesSlice } from './series-slice.ts';
import type { SessionSlice } from './session-slice.ts';
import type { WebinarsSlice } from './webinars-slice.ts';

/** The whole client state: one store, composed of typed slices. */
export type AppState = AuthSlice &
  WebinarsSlice &
  SeriesSlice &
  MediaSlice &
  SessionSlice &
  LiveSlice &
  FeedbackSlice &
  PresenceSlice;

/** A slice creator that can read and write the whole store. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

/** Remote data as the UI sees it: not asked for, on its way, here, or failed with a code. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; data: T }
  | { status: 'error'; code: RequestErrorCode };
