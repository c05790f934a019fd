/** The signed-in facilitator (cookie session); participants never have one. */
import { type Facilitator, httpRoutes, type LoginBody } from '@rundgang/shared';
import { callApi } from '../api/call-api.ts';
import { ApiRequestError } from '../api/http.ts';
import type { SliceCreator } from './types.ts';

/** Facilitator session state and actions. */
export interface AuthSlice {
  facilitator: Facilitator | null;
  authStatus: 'unknown' | 'checking' | 'signedIn' | 'signedOut';
  /** Asks the server who is signed in; a 401 means signed out, other failures are thrown. */
  loadFacilitator: () => Promise<void>;
  /** Signs in and loads the facilitator; throws {@link ApiRequestError} on failure. */
  signIn: (body: LoginBody) => Promise<void>;
  signOut: () => Promise<void>;
}

/** Creates the auth slice. */
export const createAuthSlice: SliceCreator<AuthSlice> = (set) => ({
  facilitator: null,
  authStatus: 'unknown',
  loadFacilitator: async () => {
    set({ authStatus: 'checking' });
    try {
      const { facilitator } = await callApi(httpRoutes.me);
      set({ facilitator, authStatus: 'signedIn' });
    } catch (error) {
      set({ facilitator: null, authStatus: 'signedOut' });
      if (!(error instanceof ApiRequestError && error.code === 'unauthorized')) throw error;
    }
  },
  signIn: async (body) => {
    await callApi(httpRoutes.login, { body });
    const { facilitator } = await callApi(httpRoutes.me);
    set({ facilitator, authStatus: 'signedIn' });
  },
  signOut: async () => {
    try {
      await callApi(httpRoutes.logout);
    } finally {
      set({
        facilitator: null,
        authStatus: 'signedOut',
        seriesList: { status: 'idle' },
        seriesDetail: { status: 'idle' },
        webinarDetail: { status: 'idle' },
      });
    }
  },
});
