import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/index.ts';
import { LANGUAGES } from '../i18n/language.ts';

/** Two buttons, one per language, each labelled in its own language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switcher__option"
          aria-pressed={current === language}
          data-testid={`language-${language}`}
          onClick={() => changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
