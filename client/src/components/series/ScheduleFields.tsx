/** Title, date, start time and length of one webinar: the fields of the series form and of a reschedule. */
import type { ScheduleDraft } from '@rundgang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Lengths offered (minutes): 2 and 3 hours are what the programmes use. */
export const DURATION_CHOICES = [90, 120, 150, 180, 210, 240] as const;

/** One webinar's schedule fields inside a fieldset with its own legend. */
export function ScheduleFields({
  value,
  onChange,
  legend,
  testIdPrefix,
}: {
  value: ScheduleDraft;
  onChange: (next: ScheduleDraft) => void;
  legend: string;
  testIdPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const field = <K extends keyof ScheduleDraft>(key: K, v: ScheduleDraft[K]) =>
    onChange({ ...value, [key]: v });
  return (
    <fieldset className="schedule-fields">
      <legend>{legend}</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('series.webinarTitle')}</label>
          <input
            id={`${id}-title`}
            required
            maxLength={200}
            value={value.title}
            onChange={(e) => field('title', e.target.value)}
            data-testid={`${testIdPrefix}-title`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('series.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={value.date}
            onChange={(e) => field('date', e.target.value)}
            data-testid={`${testIdPrefix}-date`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('series.startTime')}</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            value={value.startTime}
            onChange={(e) => field('startTime', e.target.value)}
            data-testid={`${testIdPrefix}-time`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>{t('series.duration')}</label>
          <select
            id={`${id}-duration`}
            value={value.durationMinutes}
            onChange={(e) => field('durationMinutes', Number(e.target.value))}
            data-testid={`${testIdPrefix}-duration`}
          >
            {DURATION_CHOICES.map((m) => (
              <option key={m} value={m}>
                {t('series.hours', { hours: (m / 60).toLocaleString(i18n.language) })}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
