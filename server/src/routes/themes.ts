/** Facilitators edit their series' feedback themes; everyone in the webinar reads them by socket. */
import { IdParams, TemplateId, ThemeTemplate } from '@rundgang/shared';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { requireFacilitator } from '../auth/session.ts';
import { webinarOfFacilitator } from '../db/repo.ts';
import { deleteSeriesTheme, saveSeriesTheme, themesOfSeries } from '../db/series-themes.ts';
import { AppError, parseOr400 } from '../errors.ts';

const ThemeParams = IdParams.extend({ themeId: TemplateId });

/** Registers the theme routes. */
export async function themeRoutes(app: FastifyInstance, { db }: AppDeps) {
  const ownWebinar = async (facilitatorId: string, id: string) => {
    const w = await webinarOfFacilitator(db, facilitatorId, id);
    if (!w) throw new AppError('not_found', 'No such webinar');
    return w;
  };

  app.get('/api/webinars/:id/themes', async (req) => {
    const f = await requireFacilitator(db, req);
    const { id } = parseOr400(IdParams, req.params);
    const w = await ownWebinar(f.id, id);
    return { themes: await themesOfSeries(db, w.series_id) };
  });

  app.put('/api/webinars/:id/themes/:themeId', async (req) => {
    const f = await requireFacilitator(db, req);
    const { id, themeId } = parseOr400(ThemeParams, req.params);
    const theme = parseOr400(ThemeTemplate, req.body);
    if (theme.id !== themeId) throw new AppError('bad_request', 'id: must match the theme id in the path');
    const w = await ownWebinar(f.id, id);
    await saveSeriesTheme(db, w.series_id, theme);
    return { themes: await themesOfSeries(db, w.series_id) };
  });

  app.delete('/api/webinars/:id/themes/:themeId', async (req) => {
    const f = await requireFacilitator(db, req);
    const { id, themeId } = parseOr400(ThemeParams, req.params);
    const w = await ownWebinar(f.id, id);
    if (!(await deleteSeriesTheme(db, w.series_id, themeId)))
      throw new AppError('not_found', 'No edited theme to reset');
    return { themes: await themesOfSeries(db, w.series_id) };
  });
}
