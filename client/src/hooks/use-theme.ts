import { DEFAULT_THEMES, type ThemeTemplate, themeById } from '@rundgang/shared';
import { useAppStore } from '../store/index.ts';

/** The feedback theme with this id: the series' version when loaded, else the default library's. */
export function useTheme(id: string | undefined): ThemeTemplate | undefined {
  const themes = useAppStore((s) => s.seriesThemes);
  if (!id) return undefined;
  return themeById(themes ?? DEFAULT_THEMES, id) ?? themeById(DEFAULT_THEMES, id);
}
