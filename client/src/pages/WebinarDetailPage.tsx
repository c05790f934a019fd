import type { WebinarDetail } from '@rundgang/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CoFacilitatorsPanel } from '../components/co-facilitators/CoFacilitatorsPanel.tsx';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.tsx';
import { RosterPanel } from '../components/roster/RosterPanel.tsx';
import { EndWebinarButton } from '../components/series/EndWebinarButton.tsx';
import { WebinarStatusBadge } from '../components/WebinarStatusBadge.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useErrorText } from '../hooks/use-error-text.ts';
import { useFormatSchedule } from '../hooks/use-format-schedule.ts';
import { useAppStore } from '../store/index.ts';

function OpenWebinarButton({ webinar }: { webinar: WebinarDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const openWebinar = useAppStore((s) => s.openWebinar);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  if (webinar.status !== 'planned') return <StatusMessage>{notice}</StatusMessage>;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="open-webinar"
        onClick={() => {
          setBusy(true);
          setError(null);
          openWebinar(webinar.id)
            .then(() => setNotice(t('webinar.opened')))
            .catch((caught: unknown) => setError(errorText(caught)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('webinar.opening') : t('webinar.open')}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </>
  );
}

/** `/facilitator/webinars/:id`: one webinar of a series: open it, enter its room, end it; the cohort's links. */
export function WebinarDetailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { id = '' } = useParams();
  const detail = useAppStore((s) => s.webinarDetail);
  const loadWebinar = useAppStore((s) => s.loadWebinar);
  const formatSchedule = useFormatSchedule();
  const webinar = detail.status === 'loaded' && detail.data.id === id ? detail.data : null;
  useDocumentTitle(webinar?.title);

  useEffect(() => {
    void loadWebinar(id);
  }, [id, loadWebinar]);

  const back = (
    <p>
      <Link
        to={webinar ? `/facilitator/series/${webinar.seriesId}` : '/facilitator'}
        data-testid="back-to-series"
      >
        ← {t('webinar.back')}
      </Link>
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
  if (!webinar) return <Loading label={t('app.loading')} />;

  return (
    <div className="stack">
      {back}
      <header className="page-header">
        <h1 data-testid="webinar-title">{webinar.title}</h1>
        <WebinarStatusBadge status={webinar.status} />
      </header>
      <p className="lead" data-testid="webinar-when">
        {formatSchedule(webinar)}
      </p>
      {webinar.status === 'ended' ? (
        <p className="notice" data-testid="webinar-ended">
          {t('series.endedNotice')}
        </p>
      ) : (
        <div className="actions">
          <OpenWebinarButton webinar={webinar} />
          <Link
            className="button button--secondary"
            to={`/facilitator/webinars/${webinar.id}/room`}
            data-testid="enter-room"
          >
            {t('webinar.enterRoom')}
          </Link>
          {webinar.status === 'live' && <EndWebinarButton webinar={webinar} />}
        </div>
      )}
      <RosterPanel seriesId={webinar.seriesId} />
      <CoFacilitatorsPanel seriesId={webinar.seriesId} />
    </div>
  );
}
