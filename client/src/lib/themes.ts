/**
 * The exercise themes a facilitator can choose, from the seed programme. Their names and focus
 * skills are translated in i18n (`themes.<id>`); the server stores the id and the focus skills
 * as the facilitator saw them.
 */
export const THEME_IDS = ['structure', 'group_dynamics', 'support_challenge', 'ethics_power'] as const;
/** One of {@link THEME_IDS}. */
export type ThemeId = (typeof THEME_IDS)[number];

/** Whether a stored theme id is one we know how to name. */
export function isThemeId(id: string): id is ThemeId {
  return (THEME_IDS as readonly string[]).includes(id);
}
