import { useTranslation } from 'react-i18next';

const locales: Record<string, string> = { nb: 'nb-NO', en: 'en-GB' };

/** Formats a time (ms epoch) as a wall-clock hh:mm in the UI language. */
export function useFormatClock(): (ms: number) => string {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(locales[i18n.language] ?? i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (ms) => formatter.format(new Date(ms));
}
