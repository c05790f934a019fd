/**
 * The exercise themes a facilitator can choose: the shared feedback templates of the seed
 * programme, so the theme of the breakouts and of the observers' feedback cards are one fact.
 */
import { DEFAULT_THEMES, localize, type TextLanguage, type ThemeTemplate } from '@rundgang/shared';

/** The themes offered when opening breakouts. */
export const THEMES: readonly ThemeTemplate[] = DEFAULT_THEMES;

/** The template of a theme id, if we know it. */
export function themeOf(id: string): ThemeTemplate | undefined {
  return THEMES.find((theme) => theme.id === id);
}

/** The UI language as the templates' text language. */
export function textLanguage(language: string | undefined): TextLanguage {
  return language?.startsWith('en') ? 'en' : 'nb';
}

/** A theme's title in the language, or null for an unknown id. */
export function themeTitle(id: string, language: TextLanguage): string | null {
  const theme = themeOf(id);
  return theme ? localize(theme.title, language) : null;
}

/** A theme's focus skills in the language (what observers look for). */
export function focusSkillsOf(theme: ThemeTemplate, language: TextLanguage): string[] {
  return theme.focusItems.map((item) => localize(item.label, language));
}
