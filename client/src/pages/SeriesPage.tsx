import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { AttendancePanel } from '../components/series/AttendancePanel.tsx';
import { SeriesCohort } from '../components/series/SeriesCohort.tsx';
import { WebinarSchedule } from '../components/series/WebinarSchedule.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useAppStore } from '../store/index.ts';

/** `/facilitator/series/:id`: the series' webinars and their status, its cohort, and attendance. */
export function SeriesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const detail = useAppStore((s) => s.seriesDetail);
  const loadSeries = useAppStore((s) => s.loadSeries);
  const headingId = useId();
  const series = detail.status === 'loaded' && detail.data.id === id ? detail.data : null;
  useDocumentTitle(series?.title);

  useEffect(() => {
    void loadSeries(id);
  }, [id, loadSeries]);

  const back = (
    <p>
      <Link to="/facilitator">← {t('series.back')}</Link>
    </p>
  );
  if (detail.status === 'error') {
    return (
      <div className="stack">
        {back}
        <ErrorMessage>{errorText(detail.code)}</ErrorMessage>
      </div>
    );
  }
  if (!series) return <Loading label={t('app.loading')} />;
  // Attendance changes when a webinar opens or ends.
  const version = series.webinars.map((w) => w.status).join();
  return (
    <div className="stack" data-testid="series-page">
      {back}
      <header className="page-header page-header--stacked">
        <p className="eyebrow">{t('series.eyebrow')}</p>
        <h1 data-testid="series-title">{series.title}</h1>
      </header>
      <section className="panel" aria-labelledby={`${headingId}-webinars`}>
        <h2 id={`${headingId}-webinars`}>{t('series.webinarsHeading')}</h2>
        <WebinarSchedule series={series} />
      </section>
      <SeriesCohort series={series} />
      <section className="panel" aria-labelledby={`${headingId}-attendance`}>
        <h2 id={`${headingId}-attendance`}>{t('attendance.heading')}</h2>
        <AttendancePanel seriesId={series.id} cohortSize={series.participants.length} version={version} />
      </section>
    </div>
  );
}
