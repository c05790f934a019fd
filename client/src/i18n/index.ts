/** i18next set-up: resources, initial language, and keeping `<html lang>` in step. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { isLanguage, type Language, readStoredLanguage, storeLanguage } from './language.ts';
import nb from './nb.json';

/** Translation resources per language; nb is the source of truth for keys. */
export const resources = { nb: { translation: nb }, en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nb };
  }
}

function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Initialises i18next once; call before rendering. */
export function initI18n(): typeof i18next {
  const initial = readStoredLanguage();
  i18next.on('languageChanged', (language) => {
    applyDocumentLanguage(language);
    if (isLanguage(language)) storeLanguage(language);
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng: initial,
    fallbackLng: 'nb',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(initial);
  return i18next;
}

/** Switches the UI language (and persists it via the languageChanged listener). */
export function changeLanguage(language: Language): void {
  void i18next.changeLanguage(language);
}
