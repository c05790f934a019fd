/** The facilitator's webinars: the list on the home page and the one open in detail. */
import {
  type CreateParticipantBody,
  httpRoutes,
  type ParticipantWithInvite,
  type WebinarDetail,
  type WebinarSummary,
} from '@rundgang/shared';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import type { Loadable, SliceCreator } from './types.ts';

/** Webinar list/detail state and actions. */
export interface WebinarsSlice {
  webinarList: Loadable<WebinarSummary[]>;
  webinarDetail: Loadable<WebinarDetail>;
  loadWebinars: () => Promise<void>;
  /** Creates a webinar and puts it first in the list; throws on failure. */
  createWebinar: (title: string) => Promise<WebinarSummary>;
  loadWebinar: (id: string) => Promise<void>;
  /** Adds a participant to the webinar in detail; throws on failure. */
  addParticipant: (webinarId: string, body: CreateParticipantBody) => Promise<ParticipantWithInvite>;
  /** Opens the webinar for participants, then refreshes the detail; throws on failure. */
  openWebinar: (webinarId: string) => Promise<void>;
}

/** Creates the webinars slice. */
export const createWebinarsSlice: SliceCreator<WebinarsSlice> = (set, get) => ({
  webinarList: { status: 'idle' },
  webinarDetail: { status: 'idle' },
  loadWebinars: async () => {
    if (get().webinarList.status !== 'loaded') set({ webinarList: { status: 'loading' } });
    try {
      set({ webinarList: { status: 'loaded', data: (await callApi(httpRoutes.webinars)).webinars } });
    } catch (error) {
      set({ webinarList: { status: 'error', code: errorCodeOf(error) } });
    }
  },
  createWebinar: async (title) => {
    const { webinar } = await callApi(httpRoutes.createWebinar, { body: { title } });
    const list = get().webinarList;
    const existing = list.status === 'loaded' ? list.data.filter((w) => w.id !== webinar.id) : [];
    set({ webinarList: { status: 'loaded', data: [webinar, ...existing] } });
    return webinar;
  },
  loadWebinar: async (id) => {
    const current = get().webinarDetail;
    if (!(current.status === 'loaded' && current.data.id === id))
      set({ webinarDetail: { status: 'loading' } });
    try {
      set({
        webinarDetail: {
          status: 'loaded',
          data: (await callApi(httpRoutes.webinar, { params: { id } })).webinar,
        },
      });
    } catch (error) {
      set({ webinarDetail: { status: 'error', code: errorCodeOf(error) } });
    }
  },
  addParticipant: async (webinarId, body) => {
    const { participant } = await callApi(httpRoutes.addParticipant, { params: { id: webinarId }, body });
    const detail = get().webinarDetail;
    if (detail.status === 'loaded' && detail.data.id === webinarId) {
      const others = detail.data.participants.filter((p) => p.id !== participant.id);
      set({
        webinarDetail: { status: 'loaded', data: { ...detail.data, participants: [...others, participant] } },
      });
    }
    return participant;
  },
  openWebinar: async (webinarId) => {
    await callApi(httpRoutes.openWebinar, { params: { id: webinarId } });
    await get().loadWebinar(webinarId);
    const list = get().webinarList;
    if (list.status === 'loaded') {
      set({
        webinarList: {
          status: 'loaded',
          data: list.data.map((w) => (w.id === webinarId ? { ...w, status: 'live' } : w)),
        },
      });
    }
  },
});
