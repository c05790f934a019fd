import { DEFAULT_SERIES_WEBINARS, defaultSeriesSchedule, type ScheduleDraft } from '@rundgang/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { ScheduleFields } from '../components/series/ScheduleFields.tsx';
import { WebinarStatusBadge } from '../components/WebinarStatusBadge.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useFormatSchedule } from '../hooks/use-format-schedule.ts';
import { useAppStore } from '../store/index.ts';

/** The facilitator's series, newest first, each with the webinar that comes next. */
function SeriesList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatSchedule = useFormatSchedule();
  const list = useAppStore((s) => s.seriesList);
  const loadSeriesList = useAppStore((s) => s.loadSeriesList);

  useEffect(() => {
    void loadSeriesList();
  }, [loadSeriesList]);

  if (list.status === 'idle' || list.status === 'loading') return <Loading label={t('app.loading')} />;
  if (list.status === 'error') return <ErrorMessage>{errorText(list.code)}</ErrorMessage>;
  if (list.data.length === 0)
    return (
      <p className="empty-state" data-testid="series-empty">
        {t('series.empty')}
      </p>
    );
  return (
    <ul className="card-list" data-testid="series-list">
      {list.data.map((series) => (
        <li key={series.id} className="card">
          <Link to={`/facilitator/series/${series.id}`} className="card__title" data-testid="series-link">
            {series.title}
          </Link>
          <p className="card__meta">
            {t('series.counts', { webinars: series.webinarCount, participants: series.participantCount })}
          </p>
          {series.nextWebinar ? (
            <div className="card__meta" data-testid="series-next">
              <WebinarStatusBadge status={series.nextWebinar.status} />
              <span>
                {t('series.next', {
                  title: series.nextWebinar.title,
                  when: formatSchedule(series.nextWebinar),
                })}
              </span>
            </div>
          ) : (
            <p className="card__meta">{t('series.allEnded')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

const todayLocal = () => new Date().toISOString().slice(0, 10);

/** Creates a series: a title and its webinars (three by default, three weeks apart). */
function CreateSeriesForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const createSeries = useAppStore((s) => s.createSeries);
  const id = useId();
  const titleOf = (n: number) => t('series.defaultTitle', { n });
  const [title, setTitle] = useState('');
  const [webinars, setWebinars] = useState<ScheduleDraft[]>(() =>
    defaultSeriesSchedule(DEFAULT_SERIES_WEBINARS, todayLocal(), titleOf),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setCount = (count: number) => {
    const more = defaultSeriesSchedule(count, todayLocal(), titleOf);
    setWebinars((current) => more.map((w, i) => current[i] ?? w));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await createSeries({
        title: title.trim(),
        webinars: webinars.map((w) => ({ ...w, title: w.title.trim() })),
      });
      navigate(`/facilitator/series/${created.id}`);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('series.titleLabel')}</label>
          <input
            id={`${id}-title`}
            name="title"
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="series-title-input"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-count`}>{t('series.count')}</label>
          <select
            id={`${id}-count`}
            value={webinars.length}
            onChange={(e) => setCount(Number(e.target.value))}
            data-testid="series-count"
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      {webinars.map((w, i) => (
        <ScheduleFields
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the schedule.
          key={i}
          value={w}
          onChange={(next) => setWebinars((all) => all.map((x, j) => (j === i ? next : x)))}
          legend={t('series.webinarLegend', { n: i + 1 })}
          testIdPrefix={`series-webinar-${i + 1}`}
        />
      ))}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <button type="submit" className="button" disabled={busy} data-testid="create-series">
        {busy ? t('series.creating') : t('series.create')}
      </button>
    </form>
  );
}

/** `/facilitator`: the facilitator's series and a new one. */
export function FacilitatorHomePage() {
  const { t } = useTranslation();
  const id = useId();
  useDocumentTitle(t('series.title'));
  return (
    <div className="stack">
      <h1>{t('series.title')}</h1>
      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('series.listHeading')}</h2>
        <SeriesList />
      </section>
      <section className="panel" aria-labelledby={`${id}-create`}>
        <h2 id={`${id}-create`}>{t('series.createHeading')}</h2>
        <CreateSeriesForm />
      </section>
    </div>
  );
}
