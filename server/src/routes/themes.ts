/** Facilitators edit their series' feedback themes; everyone in the webinar reads them by socket. */
import { httpRoutes } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import { deleteSeriesTheme, saveSeriesTheme, themesOfSeries } from '../db/series-themes.ts';
import { AppError } from '../errors.ts';
import { serve } from '../plugins/http-contract.ts';

/** Registers the theme routes. */
export async function themeRoutes(app: FastifyInstance) {
  const { db } = app;

  serve(app, httpRoutes.webinarThemes, async (_req, _reply, { webinar: w }) => ({
    themes: await themesOfSeries(db, w.series_id),
  }));

  serve(app, httpRoutes.saveWebinarTheme, async (req, _reply, { webinar: w }) => {
    const theme = req.body;
    if (theme.id !== req.params.themeId) {
      throw new AppError('bad_request', 'id: must match the theme id in the path');
    }
    await saveSeriesTheme(db, w.series_id, theme);
    return { themes: await themesOfSeries(db, w.series_id) };
  });

  serve(app, httpRoutes.resetWebinarTheme, async (req, _reply, { webinar: w }) => {
    if (!(await deleteSeriesTheme(db, w.series_id, req.params.themeId)))
      throw new AppError('not_found', 'No edited theme to reset');
    return { themes: await themesOfSeries(db, w.series_id) };
  });
}
