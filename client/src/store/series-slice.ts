/** The facilitator's series: the list on the home page and the one open on the series page. */
import {
  type CreateSeriesBody,
  httpRoutes,
  type ParticipantWithInvite,
  type ScheduledWebinarBody,
  type SeriesDetail,
  type SeriesSummary,
  type WebinarSummary,
} from '@rundgang/shared';
import { callApi } from '../api/call-api.ts';
import { errorCodeOf } from '../api/http.ts';
import type { Loadable, SliceCreator } from './types.ts';

/** Series list/detail state and actions; actions that change something throw on failure. */
export interface SeriesSlice {
  seriesList: Loadable<SeriesSummary[]>;
  seriesDetail: Loadable<SeriesDetail>;
  loadSeriesList: () => Promise<void>;
  createSeries: (body: CreateSeriesBody) => Promise<SeriesDetail>;
  loadSeries: (id: string) => Promise<void>;
  addSeriesWebinar: (seriesId: string, body: ScheduledWebinarBody) => Promise<WebinarSummary>;
  rescheduleWebinar: (seriesId: string, webinarId: string, body: ScheduledWebinarBody) => Promise<void>;
  removeWebinar: (seriesId: string, webinarId: string) => Promise<void>;
  /** A new invite link for a participant; the old one stops working. */
  reissueInvite: (seriesId: string, participantId: string) => Promise<ParticipantWithInvite>;
  /** Ends a live webinar for good, then refreshes what shows it. */
  endWebinar: (webinarId: string, seriesId?: string) => Promise<void>;
}

/** Creates the series slice. */
export const createSeriesSlice: SliceCreator<SeriesSlice> = (set, get) => {
  /** Reloads the open series if it is this one (after a change). */
  const refresh = async (seriesId: string) => {
    const detail = get().seriesDetail;
    if (detail.status === 'loaded' && detail.data.id === seriesId) await get().loadSeries(seriesId);
  };
  return {
    seriesList: { status: 'idle' },
    seriesDetail: { status: 'idle' },
    loadSeriesList: async () => {
      if (get().seriesList.status !== 'loaded') set({ seriesList: { status: 'loading' } });
      try {
        set({ seriesList: { status: 'loaded', data: (await callApi(httpRoutes.seriesList)).series } });
      } catch (error) {
        set({ seriesList: { status: 'error', code: errorCodeOf(error) } });
      }
    },
    createSeries: async (body) => {
      const { series } = await callApi(httpRoutes.createSeries, { body });
      set({ seriesDetail: { status: 'loaded', data: series } });
      void get().loadSeriesList();
      return series;
    },
    loadSeries: async (id) => {
      const current = get().seriesDetail;
      if (!(current.status === 'loaded' && current.data.id === id))
        set({ seriesDetail: { status: 'loading' } });
      try {
        set({
          seriesDetail: {
            status: 'loaded',
            data: (await callApi(httpRoutes.series, { params: { id } })).series,
          },
        });
      } catch (error) {
        set({ seriesDetail: { status: 'error', code: errorCodeOf(error) } });
      }
    },
    addSeriesWebinar: async (seriesId, body) => {
      const { webinar } = await callApi(httpRoutes.addSeriesWebinar, { params: { id: seriesId }, body });
      await refresh(seriesId);
      return webinar;
    },
    rescheduleWebinar: async (seriesId, webinarId, body) => {
      await callApi(httpRoutes.rescheduleSeriesWebinar, { params: { id: seriesId, webinarId }, body });
      await refresh(seriesId);
    },
    removeWebinar: async (seriesId, webinarId) => {
      await callApi(httpRoutes.removeSeriesWebinar, { params: { id: seriesId, webinarId } });
      await refresh(seriesId);
    },
    reissueInvite: async (seriesId, participantId) => {
      const { participant } = await callApi(httpRoutes.reissueInvite, {
        params: { id: seriesId, participantId },
      });
      await refresh(seriesId);
      return participant;
    },
    endWebinar: async (webinarId, seriesId) => {
      await callApi(httpRoutes.endWebinar, { params: { id: webinarId } });
      if (seriesId) await refresh(seriesId);
      const detail = get().webinarDetail;
      if (detail.status === 'loaded' && detail.data.id === webinarId) await get().loadWebinar(webinarId);
    },
  };
};
