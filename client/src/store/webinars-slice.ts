/** The webinar open in detail (participants, invite links, open it); series live in the series slice. */
import {
  type CreateParticipantBody,
  httpRoutes,
  type ParticipantWithInvite,
  type WebinarDetail,
} from '@rundgang/shared';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import type { Loadable, SliceCreator } from './types.ts';

/** Webinar detail state and actions. */
export interface WebinarsSlice {
  webinarDetail: Loadable<WebinarDetail>;
  loadWebinar: (id: string) => Promise<void>;
  /** Adds a participant to the webinar's series (shown on its webinar and series pages); throws on failure. */
  addParticipant: (webinarId: string, body: CreateParticipantBody) => Promise<ParticipantWithInvite>;
  /** Opens the webinar for participants, then refreshes what shows it; throws on failure. */
  openWebinar: (webinarId: string) => Promise<void>;
}

/** Creates the webinars slice. */
export const createWebinarsSlice: SliceCreator<WebinarsSlice> = (set, get) => ({
  webinarDetail: { status: 'idle' },
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
    const series = get().seriesDetail;
    if (series.status === 'loaded' && series.data.webinars.some((w) => w.id === webinarId)) {
      const others = series.data.participants.filter((p) => p.id !== participant.id);
      set({
        seriesDetail: { status: 'loaded', data: { ...series.data, participants: [...others, participant] } },
      });
    }
    return participant;
  },
  openWebinar: async (webinarId) => {
    await callApi(httpRoutes.openWebinar, { params: { id: webinarId } });
    const detail = get().webinarDetail;
    if (detail.status === 'loaded' && detail.data.id === webinarId) await get().loadWebinar(webinarId);
    const series = get().seriesDetail;
    if (series.status === 'loaded' && series.data.webinars.some((w) => w.id === webinarId)) {
      await get().loadSeries(series.data.id);
    }
  },
});
