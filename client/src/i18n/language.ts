/**
 * Which language the UI speaks. Bokmål first (the audience is Norwegian public sector),
 * English second; the choice survives reloads through localStorage.
 */

/** Languages the UI is translated into, default first. */
export const LANGUAGES = ['nb', 'en'] as const;
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];
/** The language used when nothing (valid) is stored. */
export const DEFAULT_LANGUAGE: Language = 'nb';
/** localStorage key of the chosen language. */
export const LANGUAGE_STORAGE_KEY = 'rundgang.language';

/** True when `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The stored language if it is supported, otherwise the default. */
export function resolveLanguage(stored: string | null | undefined): Language {
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** Reads the stored language; storage may be unavailable (private mode, blocked cookies). */
export function readStoredLanguage(): Language {
  try {
    return resolveLanguage(globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Persists the language; failures are harmless (the choice just won't survive a reload). */
export function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage blocked: keep the in-memory choice only.
  }
}
