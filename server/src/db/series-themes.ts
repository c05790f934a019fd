/** A series' feedback themes: the default library with the series' own edits on top. */
import { DEFAULT_THEMES, type ThemeTemplate } from '@rundgang/shared';
import type { Queryable } from './db.ts';

/** The themes a series uses, defaults first (edited where the series edited them), then its own. */
export async function themesOfSeries(db: Queryable, seriesId: string): Promise<ThemeTemplate[]> {
  const rows = await db.query<{ theme_id: string; template: ThemeTemplate | string }>(
    'select theme_id, template from series_themes where series_id = $1 order by updated_at',
    [seriesId],
  );
  const own = new Map(
    rows.map((r) => [r.theme_id, typeof r.template === 'string' ? JSON.parse(r.template) : r.template]),
  );
  const merged = DEFAULT_THEMES.map((t) => own.get(t.id) ?? t);
  for (const [id, t] of own) if (!DEFAULT_THEMES.some((d) => d.id === id)) merged.push(t);
  return merged;
}

/** Saves a series' version of a theme. */
export async function saveSeriesTheme(db: Queryable, seriesId: string, theme: ThemeTemplate): Promise<void> {
  await db.query(
    `insert into series_themes (series_id, theme_id, template) values ($1, $2, $3)
     on conflict (series_id, theme_id) do update set template = excluded.template, updated_at = now()`,
    [seriesId, theme.id, JSON.stringify(theme)],
  );
}

/** Drops a series' version of a theme (a default theme goes back to the shipped one). */
export async function deleteSeriesTheme(db: Queryable, seriesId: string, themeId: string): Promise<boolean> {
  const rows = await db.query(
    'delete from series_themes where series_id = $1 and theme_id = $2 returning theme_id',
    [seriesId, themeId],
  );
  return rows.length > 0;
}
