import { useTranslation } from 'react-i18next';

const locales: Record<string, string> = { nb: 'nb-NO', en: 'en-GB' };

/** Formats an ISO timestamp as date and time in the UI language. */
export function useFormatDate(): (iso: string) => string {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(locales[i18n.language] ?? i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
  };
}
