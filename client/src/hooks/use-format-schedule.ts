import { useTranslation } from 'react-i18next';

const locales: Record<string, string> = { nb: 'nb-NO', en: 'en-GB' };

/**
 * Formats a webinar's local date and start (Europe/Oslo, as the server sends them) in the UI
 * language, e.g. "onsdag 3. februar 2027 kl. 09:00"; the date is read as a calendar date, so the
 * browser's own time zone cannot shift it.
 */
export function useFormatSchedule(): (w: {
  date: string | null;
  startTime: string | null;
  durationMinutes?: number;
}) => string {
  const { t, i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(locales[i18n.language] ?? i18n.language, {
    dateStyle: 'full',
    timeZone: 'UTC',
  });
  return (w) => {
    if (!w.date || !w.startTime) return t('series.noDate');
    const day = formatter.format(new Date(`${w.date}T12:00:00Z`));
    const when = t('series.when', { day, time: w.startTime });
    return w.durationMinutes === undefined
      ? when
      : `${when} (${t('series.hours', { hours: (w.durationMinutes / 60).toLocaleString(i18n.language) })})`;
  };
}
