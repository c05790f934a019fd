/**
 * The webinars of a series in running order with their status and what the facilitator can do
 * with each: open it, go to its console, end it (live), reschedule or remove it (planned only).
 */
import {
  addDays,
  DEFAULT_WEBINAR_MINUTES,
  defaultSeriesSchedule,
  type ScheduleDraft,
  type SeriesDetail,
  type WebinarSummary,
} from '@rundgang/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../hooks/use-error-text.ts';
import { useFormatSchedule } from '../../hooks/use-format-schedule.ts';
import { useAppStore } from '../../store/index.ts';
import { ErrorMessage, StatusMessage } from '../Feedback.tsx';
import { WebinarStatusBadge } from '../WebinarStatusBadge.tsx';
import { EndWebinarButton } from './EndWebinarButton.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';

const draftOf = (w: WebinarSummary, fallback: ScheduleDraft): ScheduleDraft => ({
  title: w.title,
  date: w.date ?? fallback.date,
  startTime: w.startTime ?? fallback.startTime,
  durationMinutes: w.durationMinutes,
});

const today = () => new Date().toISOString().slice(0, 10);

/** A small form around {@link ScheduleFields} that saves with `save` and reports in place. */
function ScheduleForm({
  initial,
  legend,
  submitLabel,
  testIdPrefix,
  save,
  onDone,
}: {
  initial: ScheduleDraft;
  legend: string;
  submitLabel: string;
  testIdPrefix: string;
  save: (draft: ScheduleDraft) => Promise<unknown>;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    save({ ...draft, title: draft.title.trim() })
      .then(() => onDone?.())
      .catch((caught: unknown) => setError(errorText(caught)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="form" onSubmit={submit}>
      <ScheduleFields value={draft} onChange={setDraft} legend={legend} testIdPrefix={testIdPrefix} />
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="actions">
        <button type="submit" className="button" disabled={busy} data-testid={`${testIdPrefix}-save`}>
          {submitLabel}
        </button>
        {onDone && (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('series.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function WebinarRow({ series, webinar }: { series: SeriesDetail; webinar: WebinarSummary }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatSchedule = useFormatSchedule();
  const openWebinar = useAppStore((s) => s.openWebinar);
  const rescheduleWebinar = useAppStore((s) => s.rescheduleWebinar);
  const removeWebinar = useAppStore((s) => s.removeWebinar);
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action()
      .catch((caught: unknown) => setError(errorText(caught)))
      .finally(() => setBusy(false));
  };
  const fallback = defaultSeriesSchedule(1, today())[0] as ScheduleDraft;
  return (
    <li
      className="card schedule__item"
      data-testid="series-webinar"
      data-webinar-id={webinar.id}
      data-status={webinar.status}
    >
      <div className="schedule__head">
        <h3 className="card__title">{webinar.title}</h3>
        <WebinarStatusBadge status={webinar.status} />
      </div>
      <p className="card__meta" data-testid="series-webinar-when">
        {formatSchedule(webinar)}
      </p>
      {mode === 'edit' ? (
        <ScheduleForm
          initial={draftOf(webinar, fallback)}
          legend={t('series.rescheduleLegend', { title: webinar.title })}
          submitLabel={t('series.save')}
          testIdPrefix="reschedule"
          save={(draft) => rescheduleWebinar(series.id, webinar.id, draft)}
          onDone={() => setMode('view')}
        />
      ) : (
        <div className="actions">
          {webinar.status === 'planned' && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => run(() => openWebinar(webinar.id))}
              data-testid="series-open-webinar"
            >
              {t('webinar.open')}
              <span className="visually-hidden"> {webinar.title}</span>
            </button>
          )}
          {webinar.status === 'live' && (
            <>
              <Link
                className="button"
                to={`/facilitator/webinars/${webinar.id}/room`}
                data-testid="series-enter-room"
              >
                {t('series.console')}
                <span className="visually-hidden"> {webinar.title}</span>
              </Link>
              <EndWebinarButton webinar={{ id: webinar.id, seriesId: series.id, title: webinar.title }} />
            </>
          )}
          <Link
            className="button button--secondary"
            to={`/facilitator/webinars/${webinar.id}`}
            data-testid="webinar-link"
          >
            {t('series.details')}
            <span className="visually-hidden"> {webinar.title}</span>
          </Link>
          {webinar.status === 'planned' && mode === 'view' && (
            <>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setMode('edit')}
                data-testid="reschedule-webinar"
              >
                {t('series.reschedule')}
                <span className="visually-hidden"> {webinar.title}</span>
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setMode('remove')}
                data-testid="remove-webinar"
              >
                {t('series.remove')}
                <span className="visually-hidden"> {webinar.title}</span>
              </button>
            </>
          )}
          {mode === 'remove' && (
            <span className="inline-confirm">
              <span>{t('series.removeConfirm', { title: webinar.title })}</span>
              <button
                type="button"
                className="button button--danger button--small"
                disabled={busy}
                onClick={() => run(() => removeWebinar(series.id, webinar.id))}
                data-testid="confirm-remove-webinar"
              >
                {t('series.remove')}
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => setMode('view')}
              >
                {t('series.cancel')}
              </button>
            </span>
          )}
        </div>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </li>
  );
}

/** The series' webinars and the form to add one more. */
export function WebinarSchedule({ series }: { series: SeriesDetail }) {
  const { t } = useTranslation();
  const addSeriesWebinar = useAppStore((s) => s.addSeriesWebinar);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const last = series.webinars.at(-1);
  // Three weeks after the last one, at its time and length.
  const initial: ScheduleDraft = {
    title: t('series.defaultTitle', { n: series.webinars.length + 1 }),
    date: last?.date ? addDays(last.date, 21) : addDays(today(), 7),
    startTime: last?.startTime ?? '09:00',
    durationMinutes: last?.durationMinutes ?? DEFAULT_WEBINAR_MINUTES,
  };
  return (
    <div className="stack">
      <ol className="card-list schedule" data-testid="series-webinars">
        {series.webinars.map((w) => (
          <WebinarRow key={w.id} series={series} webinar={w} />
        ))}
      </ol>
      {adding ? (
        <ScheduleForm
          initial={initial}
          legend={t('series.addWebinarLegend')}
          submitLabel={t('series.addWebinar')}
          testIdPrefix="add-webinar"
          save={async (draft) => {
            const w = await addSeriesWebinar(series.id, draft);
            setNotice(t('series.webinarAdded', { title: w.title }));
          }}
          onDone={() => setAdding(false)}
        />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setAdding(true)}
          data-testid="add-webinar"
        >
          {t('series.addWebinar')}
        </button>
      )}
      <StatusMessage>{notice}</StatusMessage>
    </div>
  );
}
